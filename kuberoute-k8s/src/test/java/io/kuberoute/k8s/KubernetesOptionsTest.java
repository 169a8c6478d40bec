package io.kuberoute.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KubernetesOptionsTest {

  @Test
  void theDefaultsNeedTheNamespacesAndSaySo() {
    assertThat(KubernetesOptions.defaults(Namespaces.of("default")))
        .isEqualTo(
            new KubernetesOptions(
                Namespaces.of("default"),
                "kuberoute_domain",
                Duration.ofSeconds(60),
                Optional.empty()));
    assertThatThrownBy(() -> KubernetesOptions.defaults(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage(
            "namespaces is required: Namespaces.of(\"default\", ...) or Namespaces.any() for all");
    assertThatThrownBy(
            () -> new KubernetesOptions(null, "l", Duration.ofSeconds(1), Optional.empty()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage(
            "namespaces is required: Namespaces.of(\"default\", ...) or Namespaces.any() for all");
  }

  @Test
  void theBuilderNamesEachPart() {
    assertThat(
            KubernetesOptions.builder(Namespaces.any())
                .domainLabel("dns/domain")
                .resync(Duration.ofSeconds(30))
                .leaderElection("kuberoute", "ops", "pod-1")
                .build())
        .isEqualTo(
            new KubernetesOptions(
                Namespaces.any(),
                "dns/domain",
                Duration.ofSeconds(30),
                Optional.of(new KubernetesOptions.LeaseSettings("kuberoute", "ops", "pod-1"))));
  }
}
