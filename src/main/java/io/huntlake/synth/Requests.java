package io.huntlake.synth;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builds {@link AuditEvent}s from who did what to which object, with the URI the API saw. */
final class Requests {
  private Requests() {}

  /** Who sends a request, and the RBAC binding that allows it (null: the node authorizer). */
  record Actor(
      String userName, List<String> groups, String userAgent, String sourceIp, String binding) {}

  /** An API resource: name, group ("" for core), version, and whether it lives in a namespace. */
  record Res(String resource, String group, String version, boolean namespaced) {
    static Res core(String resource, boolean namespaced) {
      return new Res(resource, "", "v1", namespaced);
    }

    static Res of(String group, String resource, boolean namespaced) {
      return new Res(resource, group, "v1", namespaced);
    }
  }

  static final Res PODS = Res.core("pods", true);
  static final Res SECRETS = Res.core("secrets", true);
  static final Res CONFIGMAPS = Res.core("configmaps", true);
  static final Res SERVICES = Res.core("services", true);
  static final Res ENDPOINTS = Res.core("endpoints", true);
  static final Res EVENTS = Res.core("events", true);
  static final Res NODES = Res.core("nodes", false);
  static final Res NAMESPACES = Res.core("namespaces", false);
  static final Res SERVICE_ACCOUNTS = Res.core("serviceaccounts", true);
  static final Res DEPLOYMENTS = Res.of("apps", "deployments", true);
  static final Res REPLICASETS = Res.of("apps", "replicasets", true);
  static final Res STATEFULSETS = Res.of("apps", "statefulsets", true);
  static final Res DAEMONSETS = Res.of("apps", "daemonsets", true);
  static final Res JOBS = Res.of("batch", "jobs", true);
  static final Res CRONJOBS = Res.of("batch", "cronjobs", true);
  static final Res LEASES = Res.of("coordination.k8s.io", "leases", true);
  static final Res ENDPOINTSLICES = Res.of("discovery.k8s.io", "endpointslices", true);
  static final Res ROLES = Res.of("rbac.authorization.k8s.io", "roles", true);
  static final Res ROLE_BINDINGS = Res.of("rbac.authorization.k8s.io", "rolebindings", true);
  static final Res CLUSTER_ROLES = Res.of("rbac.authorization.k8s.io", "clusterroles", false);
  static final Res CLUSTER_ROLE_BINDINGS =
      Res.of("rbac.authorization.k8s.io", "clusterrolebindings", false);
  static final Res SELF_SUBJECT_RULES_REVIEWS =
      Res.of("authorization.k8s.io", "selfsubjectrulesreviews", false);
  static final Res SELF_SUBJECT_ACCESS_REVIEWS =
      Res.of("authorization.k8s.io", "selfsubjectaccessreviews", false);
  static final Res TOKEN_REVIEWS = Res.of("authentication.k8s.io", "tokenreviews", false);
  static final Res INGRESSES = Res.of("networking.k8s.io", "ingresses", true);
  static final Res CERTIFICATES = Res.of("cert-manager.io", "certificates", true);
  static final Res APPLICATIONS = new Res("applications", "argoproj.io", "v1alpha1", true);
  static final Res CILIUM_ENDPOINTS = new Res("ciliumendpoints", "cilium.io", "v2", true);
  static final Res CILIUM_NODES = new Res("ciliumnodes", "cilium.io", "v2", false);

  /** One request: a fluent description turned into an event by {@link #at}. */
  static final class Request {
    private final Actor actor;
    private final String verb;
    private final Res res;
    private String namespace;
    private String name;
    private String subresource;
    private String query;
    private int code = 200;
    private String level = "Metadata";
    private Map<String, Object> requestObject;
    private Map<String, Object> responseObject;
    private String impersonated;
    private long latencyMicros = -1;

    private Request(Actor actor, String verb, Res res) {
      this.actor = actor;
      this.verb = verb;
      this.res = res;
      if (verb.equals("create")) {
        code = 201;
      }
    }

    Request in(String ns) {
      this.namespace = res == null || res.namespaced() ? ns : null;
      return this;
    }

    Request named(String objectName) {
      this.name = objectName;
      return this;
    }

    Request sub(String sub) {
      this.subresource = sub;
      return this;
    }

    Request query(String q) {
      this.query = q;
      return this;
    }

    Request code(int status) {
      this.code = status;
      return this;
    }

    Request latencyMicros(long micros) {
      this.latencyMicros = micros;
      return this;
    }

    Request impersonating(String user) {
      this.impersonated = user;
      return this;
    }

    /** Logs request and response bodies, as the audit policy does for writes to key objects. */
    Request bodies(Map<String, Object> request, Map<String, Object> response) {
      this.level = "RequestResponse";
      this.requestObject = request;
      this.responseObject = response;
      return this;
    }

    AuditEvent at(Instant received, Rng rng) {
      long latency =
          latencyMicros >= 0
              ? latencyMicros
              : 800 + rng.nextInt(verb.equals("list") ? 60_000 : 9_000);
      boolean denied = code == 403 || code == 401;
      String reason =
          denied || actor.binding() == null
              ? ""
              : "RBAC: allowed by "
                  + actor.binding()
                  + " to "
                  + (actor.userName().startsWith("system:serviceaccount:")
                      ? "ServiceAccount \""
                          + actor.userName().substring(actor.userName().lastIndexOf(':') + 1)
                          + "/"
                          + actor.userName().split(":")[2]
                          + "\""
                      : "User \"" + actor.userName() + "\"");
      return new AuditEvent(
          received,
          received.plusNanos(latency * 1000),
          rng.uuid(),
          level,
          "ResponseComplete",
          verb,
          uri(),
          actor.userName(),
          actor.groups(),
          impersonated,
          actor.sourceIp(),
          actor.userAgent(),
          res == null ? null : res.resource(),
          subresource,
          namespace,
          name,
          res == null ? null : res.group(),
          res == null ? null : res.version(),
          code,
          code == 401 ? null : denied ? "forbid" : "allow",
          reason,
          requestObject,
          code >= 400 ? null : responseObject);
    }

    private String uri() {
      if (res == null) {
        return query;
      }
      StringBuilder uri =
          new StringBuilder(
              res.group().isEmpty() ? "/api/v1" : "/apis/" + res.group() + "/" + res.version());
      if (namespace != null) {
        uri.append("/namespaces/").append(namespace);
      }
      uri.append('/').append(res.resource());
      if (name != null) {
        uri.append('/').append(name);
      }
      if (subresource != null) {
        uri.append('/').append(subresource);
      }
      if (query != null) {
        uri.append('?').append(query);
      } else if (verb.equals("list")) {
        uri.append("?limit=500");
      } else if (verb.equals("watch")) {
        uri.append("?allowWatchBookmarks=true&resourceVersion=")
            .append(4_000_000 + Math.abs(uri.length() * 7919L))
            .append("&timeout=8m19s&timeoutSeconds=499&watch=true");
      } else if (verb.equals("patch") || verb.equals("create") || verb.equals("update")) {
        uri.append(
            actor.userAgent() != null && actor.userAgent().startsWith("kubectl")
                ? "?fieldManager=kubectl-client-side-apply&fieldValidation=Strict"
                : "");
      }
      return uri.toString();
    }
  }

  static Request request(Actor actor, String verb, Res res) {
    return new Request(actor, verb, res);
  }
}
