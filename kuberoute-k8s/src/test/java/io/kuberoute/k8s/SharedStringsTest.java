package io.kuberoute.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.core.model.PodInfo;
import io.kuberoute.core.model.Readiness;
import io.kuberoute.core.model.Termination;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SharedStringsTest {

  private static PodInfo pod(String name) {
    // new String(...): distinct instances, as two pods deserialised from the wire have
    return new PodInfo(
        new String("shop"),
        name,
        Map.of(new String("app"), new String("shop")),
        new String("Running"),
        Readiness.READY,
        Termination.NOT_TERMINATING,
        Optional.of(new String("node-1")),
        Optional.of(new String("10.0.0.1")));
  }

  @Test
  void aSharedPodIsEqualAndHoldsOneInstanceOfEachRepeatingString() {
    PodInfo a = SharedStrings.pod(pod("shop-a"));
    PodInfo b = SharedStrings.pod(pod("shop-b"));

    assertThat(a).isEqualTo(pod("shop-a"));
    assertThat(a.namespace()).isSameAs(b.namespace());
    assertThat(a.phase()).isSameAs(b.phase());
    assertThat(a.nodeName().orElseThrow()).isSameAs(b.nodeName().orElseThrow());
    assertThat(a.hostIp().orElseThrow()).isSameAs(b.hostIp().orElseThrow());
    assertThat(a.labels().get("app")).isSameAs(b.labels().get("app"));
    assertThat(a.labels().keySet().iterator().next())
        .isSameAs(b.labels().keySet().iterator().next());
  }
}
