package io.huntlake.synth;

import io.huntlake.synth.Model.ClusterSpec;
import io.huntlake.synth.Model.Flavor;
import io.huntlake.synth.Model.Human;
import io.huntlake.synth.Model.LogStyle;
import io.huntlake.synth.Model.Peer;
import io.huntlake.synth.Model.Workload;
import io.huntlake.synth.Model.WorkloadKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The fixed parts of a synthetic estate: its clusters, the applications every cluster runs, the
 * external services they call and the people who operate them. Rates are per pod per hour at medium
 * scale; {@link Scale} multiplies them.
 */
final class Catalogue {
  private Catalogue() {}

  static final List<ClusterSpec> CLUSTERS =
      List.of(
          new ClusterSpec("prod-eu-1", Flavor.KUBEADM, 1.0, 0),
          new ClusterSpec("prod-us-1", Flavor.EKS, 0.5, 1),
          new ClusterSpec("dev-aks-1", Flavor.AKS, 0.3, 2),
          new ClusterSpec("edge-1", Flavor.K3S, 0.2, 3));

  /** External services the applications legitimately call. */
  static final Peer STRIPE = external("api.stripe.com", "54.187.216.72", 443);

  static final Peer GITHUB = external("github.com", "140.82.121.4", 443);
  static final Peer LETSENCRYPT = external("acme-v02.api.letsencrypt.org", "172.65.32.248", 443);
  static final Peer S3 = external("s3.eu-west-1.amazonaws.com", "52.218.104.11", 443);
  static final Peer SENTRY = external("o123.ingest.sentry.io", "34.120.195.249", 443);
  static final Peer SLACK = external("hooks.slack.com", "3.120.168.95", 443);

  static final String KUBECTL_MAC = "kubectl/v1.30.2 (darwin/arm64) kubernetes/3968350";
  static final String KUBECTL_LINUX = "kubectl/v1.29.4 (linux/amd64) kubernetes/55019c8";
  static final String K9S = "k9s/v0.32.5 (linux/amd64) kubernetes/$Format";
  static final String LENS = "Lens/6.5.2 (darwin/arm64) kubernetes/$Format";

  static List<Human> humans(ClusterSpec cluster) {
    List<Human> humans = new ArrayList<>();
    humans.add(
        new Human(
            "alice@corp.example",
            List.of("oidc:sre", "system:authenticated"),
            KUBECTL_MAC,
            "10.8.0.21",
            7,
            true,
            List.of()));
    humans.add(
        new Human(
            "bob@corp.example",
            List.of("oidc:sre", "system:authenticated"),
            K9S,
            "10.8.0.34",
            8,
            true,
            List.of()));
    if (cluster.flavor() != Flavor.K3S) {
      humans.add(
          new Human(
              "carol@corp.example",
              List.of("oidc:dev-payments", "system:authenticated"),
              KUBECTL_LINUX,
              "10.8.1.17",
              8,
              false,
              List.of("payments", "checkout")));
      humans.add(
          new Human(
              "dave@corp.example",
              List.of("oidc:dev-catalog", "system:authenticated"),
              LENS,
              "10.8.1.45",
              9,
              false,
              List.of("catalog", "checkout")));
      humans.add(
          new Human(
              "erin@corp.example",
              List.of("oidc:data", "system:authenticated"),
              KUBECTL_MAC,
              "10.8.2.9",
              6,
              false,
              List.of("data")));
    }
    return humans;
  }

  /** The continuous-delivery identity that rolls out new images on weekdays. */
  static Human deployer() {
    return new Human(
        "ci-deployer",
        List.of("ci", "system:authenticated"),
        "kubectl/v1.30.2 (linux/amd64) kubernetes/3968350",
        "10.20.0.15",
        8,
        false,
        List.of());
  }

  static List<Workload> workloads(ClusterSpec cluster, Scale scale) {
    List<Workload> w = new ArrayList<>();
    int r = scale.replicaFactor();
    boolean eks = cluster.flavor() == Flavor.EKS;
    // kube-system
    w.add(
        app(
            "kube-system",
            "coredns",
            WorkloadKind.DEPLOYMENT,
            2,
            "registry.k8s.io/coredns/coredns:v1.11.1",
            LogStyle.PLAIN,
            53,
            4,
            0,
            List.of(),
            true));
    w.add(
        app(
            "kube-system",
            "kube-proxy",
            WorkloadKind.DAEMONSET,
            1,
            "registry.k8s.io/kube-proxy:v1.30.2",
            LogStyle.PLAIN,
            0,
            2,
            0,
            List.of(),
            true));
    w.add(
        eks
            ? app(
                "kube-system",
                "aws-node",
                WorkloadKind.DAEMONSET,
                1,
                "602401143452.dkr.ecr.us-east-1.amazonaws.com/amazon-k8s-cni:v1.18.1",
                LogStyle.JSON,
                0,
                6,
                0,
                List.of(),
                true)
            : app(
                "kube-system",
                "cilium",
                WorkloadKind.DAEMONSET,
                1,
                "quay.io/cilium/cilium:v1.15.6",
                LogStyle.LOGFMT,
                0,
                8,
                0,
                List.of(),
                true));
    w.add(
        app(
            "kube-system",
            "metrics-server",
            WorkloadKind.DEPLOYMENT,
            1,
            "registry.k8s.io/metrics-server/metrics-server:v0.7.1",
            LogStyle.PLAIN,
            4443,
            2,
            0,
            List.of(),
            true));
    // platform
    w.add(
        app(
            "monitoring",
            "prometheus",
            WorkloadKind.STATEFULSET,
            1,
            "quay.io/prometheus/prometheus:v2.53.0",
            LogStyle.LOGFMT,
            9090,
            12,
            6,
            List.of(
                internal("payments/payments-api", 8080),
                internal("checkout/checkout-web", 8080),
                internal("catalog/catalog-api", 8080),
                internal("monitoring/node-exporter", 9100)),
            true));
    w.add(
        app(
            "monitoring",
            "node-exporter",
            WorkloadKind.DAEMONSET,
            1,
            "quay.io/prometheus/node-exporter:v1.8.1",
            LogStyle.LOGFMT,
            9100,
            1,
            0,
            List.of(),
            false));
    w.add(
        app(
            "monitoring",
            "grafana",
            WorkloadKind.DEPLOYMENT,
            1,
            "docker.io/grafana/grafana:11.1.0",
            LogStyle.LOGFMT,
            3000,
            10,
            2,
            List.of(internal("monitoring/prometheus", 9090)),
            false));
    w.add(
        app(
            "monitoring",
            "alertmanager",
            WorkloadKind.STATEFULSET,
            1,
            "quay.io/prometheus/alertmanager:v0.27.0",
            LogStyle.LOGFMT,
            9093,
            3,
            0.3,
            List.of(SLACK),
            false));
    w.add(
        app(
            "logging",
            "fluent-bit",
            WorkloadKind.DAEMONSET,
            1,
            "cr.fluentbit.io/fluent/fluent-bit:3.0.7",
            LogStyle.PLAIN,
            2020,
            3,
            1,
            List.of(S3),
            true));
    w.add(
        app(
            "cert-manager",
            "cert-manager",
            WorkloadKind.DEPLOYMENT,
            1,
            "quay.io/jetstack/cert-manager-controller:v1.15.1",
            LogStyle.PLAIN,
            9402,
            4,
            0.2,
            List.of(LETSENCRYPT),
            true));
    w.add(
        app(
            "ingress-nginx",
            "ingress-nginx-controller",
            WorkloadKind.DEPLOYMENT,
            2 * r,
            "registry.k8s.io/ingress-nginx/controller:v1.10.1",
            LogStyle.NGINX_ACCESS,
            443,
            150,
            10,
            List.of(
                internal("checkout/checkout-web", 8080),
                internal("catalog/catalog-api", 8080),
                internal("payments/payments-api", 8080),
                internal("identity/auth-service", 8080)),
            true));
    if (cluster.flavor() != Flavor.K3S) {
      w.add(
          app(
              "argocd",
              "argocd-application-controller",
              WorkloadKind.STATEFULSET,
              1,
              "quay.io/argoproj/argocd:v2.11.3",
              LogStyle.JSON,
              8082,
              20,
              1,
              List.of(GITHUB),
              true));
      w.add(
          app(
              "argocd",
              "argocd-server",
              WorkloadKind.DEPLOYMENT,
              1,
              "quay.io/argoproj/argocd:v2.11.3",
              LogStyle.JSON,
              8080,
              6,
              0.5,
              List.of(GITHUB),
              true));
    }
    // business applications
    w.add(
        app(
            "payments",
            "payments-api",
            WorkloadKind.DEPLOYMENT,
            3 * r,
            "ghcr.io/corp-example/payments-api:2.14.3",
            LogStyle.JSON,
            8080,
            60,
            4,
            List.of(
                internal("payments/payments-db", 5432),
                internal("data/kafka", 9092),
                internal("identity/auth-service", 8080)),
            false));
    w.add(
        app(
            "payments",
            "payments-worker",
            WorkloadKind.DEPLOYMENT,
            2 * r,
            "ghcr.io/corp-example/payments-worker:2.14.3",
            LogStyle.JSON,
            8080,
            30,
            3,
            List.of(internal("data/kafka", 9092), internal("payments/payments-db", 5432), STRIPE),
            true));
    w.add(
        app(
            "payments",
            "payments-db",
            WorkloadKind.STATEFULSET,
            1,
            "docker.io/library/postgres:16.3",
            LogStyle.POSTGRES,
            5432,
            6,
            0,
            List.of(),
            false));
    w.add(
        app(
            "checkout",
            "checkout-web",
            WorkloadKind.DEPLOYMENT,
            3 * r,
            "ghcr.io/corp-example/checkout-web:5.2.0",
            LogStyle.JAVA,
            8080,
            80,
            5,
            List.of(
                internal("payments/payments-api", 8080),
                internal("catalog/catalog-api", 8080),
                internal("checkout/checkout-redis", 6379),
                internal("identity/auth-service", 8080),
                SENTRY),
            false));
    w.add(
        app(
            "checkout",
            "checkout-redis",
            WorkloadKind.STATEFULSET,
            1,
            "docker.io/library/redis:7.2.5",
            LogStyle.PLAIN,
            6379,
            2,
            0,
            List.of(),
            false));
    w.add(
        app(
            "catalog",
            "catalog-api",
            WorkloadKind.DEPLOYMENT,
            2 * r,
            "ghcr.io/corp-example/catalog-api:1.9.12",
            LogStyle.LOGFMT,
            8080,
            50,
            4,
            List.of(internal("catalog/catalog-search", 9200)),
            false));
    w.add(
        app(
            "catalog",
            "catalog-search",
            WorkloadKind.STATEFULSET,
            2,
            "docker.elastic.co/elasticsearch/elasticsearch:8.14.1",
            LogStyle.JSON,
            9200,
            8,
            0,
            List.of(),
            false));
    w.add(
        app(
            "identity",
            "auth-service",
            WorkloadKind.DEPLOYMENT,
            2 * r,
            "ghcr.io/corp-example/auth-service:3.4.1",
            LogStyle.JSON,
            8080,
            40,
            1,
            List.of(),
            false));
    w.add(
        app(
            "data",
            "kafka",
            WorkloadKind.STATEFULSET,
            3,
            "docker.io/bitnami/kafka:3.7.0",
            LogStyle.JAVA,
            9092,
            10,
            0,
            List.of(),
            false));
    w.add(
        app(
            "data",
            "nightly-report",
            WorkloadKind.CRONJOB,
            1,
            "ghcr.io/corp-example/reporting:0.8.2",
            LogStyle.PLAIN,
            0,
            400,
            30,
            List.of(internal("payments/payments-db", 5432), S3),
            false));
    String[] tenants = {
      "acme",
      "globex",
      "initech",
      "umbrella",
      "hooli",
      "stark",
      "wayne",
      "tyrell",
      "cyberdyne",
      "soylent",
      "wonka",
      "oscorp"
    };
    for (int t = 0; t < Math.min(scale.tenantNamespaces(), tenants.length); t++) {
      String ns = "tenant-" + tenants[t];
      w.add(
          app(
              ns,
              "web",
              WorkloadKind.DEPLOYMENT,
              2,
              "ghcr.io/corp-example/tenant-web:1.3.0",
              LogStyle.NGINX_ACCESS,
              8080,
              40,
              3,
              List.of(internal(ns + "/api", 8080)),
              false));
      w.add(
          app(
              ns,
              "api",
              WorkloadKind.DEPLOYMENT,
              2,
              "ghcr.io/corp-example/tenant-api:1.3.0",
              LogStyle.JSON,
              8080,
              30,
              3,
              List.of(internal(ns + "/db", 5432)),
              false));
      w.add(
          app(
              ns,
              "db",
              WorkloadKind.STATEFULSET,
              1,
              "docker.io/library/postgres:16.3",
              LogStyle.POSTGRES,
              5432,
              4,
              0,
              List.of(),
              false));
    }
    return w;
  }

  private static Workload app(
      String namespace,
      String name,
      WorkloadKind kind,
      int replicas,
      String image,
      LogStyle style,
      int port,
      double logLinesPerHour,
      double connectionsPerHour,
      List<Peer> peers,
      boolean apiClient) {
    // Daemon sets keep their own name; applications name the container after their role.
    String container =
        kind == WorkloadKind.DAEMONSET ? name : name.substring(name.lastIndexOf('-') + 1);
    List<String> containers =
        name.equals("payments-api") || name.equals("checkout-web")
            ? List.of(container, "envoy")
            : List.of(container);
    return new Workload(
        namespace,
        name,
        kind,
        replicas,
        image,
        containers,
        style,
        port,
        logLinesPerHour,
        connectionsPerHour,
        peers,
        apiClient);
  }

  private static Peer internal(String workloadId, int port) {
    return new Peer(workloadId, null, null, port);
  }

  private static Peer external(String host, String ip, int port) {
    return new Peer(null, host, ip, port);
  }
}
