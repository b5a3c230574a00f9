package io.huntlake.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkloadsTest {
  @Test
  void podNamesMapToTheirOwners() {
    assertThat(Workloads.fromPod("payments-7d9f8b6c5-x2x9q")).isEqualTo("payments");
    assertThat(Workloads.fromPod("ingress-nginx-controller-5c8d66c76d-k7n2p"))
        .isEqualTo("ingress-nginx-controller");
    assertThat(Workloads.fromPod("nightly-report-29847720-bq2xz")).isEqualTo("nightly-report");
    assertThat(Workloads.fromPod("kube-proxy-7rqzv")).isEqualTo("kube-proxy");
    assertThat(Workloads.fromPod("kafka-2")).isEqualTo("kafka");
    assertThat(Workloads.fromPod("etcd-master-1")).isEqualTo("etcd-master");
    assertThat(Workloads.fromPod("standalone")).isEqualTo("standalone");
    assertThat(Workloads.fromPod(null)).isNull();
  }
}
