package io.kuberoute.core.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClusterHealthTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void eachStateReadsAsItsNameAndReason() {
    assertThat(ClusterHealth.available(T0)).hasToString("available");
    assertThat(ClusterHealth.starting("waiting for the first list of nodes", T0))
        .hasToString("starting: waiting for the first list of nodes");
    assertThat(ClusterHealth.unavailable("no answer", T0).isUnavailable()).isTrue();
    assertThat(ClusterHealth.unavailable("no answer", T0).since()).isEqualTo(T0);
  }

  @Test
  void anAvailableViewHasNoReasonAndTheOthersNeedOneLine() {
    assertThatThrownBy(() -> new ClusterHealth(ClusterHealth.State.AVAILABLE, "why", T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an available view has no reason, got: why");
    assertThatThrownBy(() -> ClusterHealth.unavailable(" ", T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a view that is UNAVAILABLE needs a reason");
    assertThatThrownBy(() -> ClusterHealth.starting("a\nb", T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the reason must be one line, got: a\nb");
    assertThatThrownBy(() -> ClusterHealth.unavailable("x", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("since");
  }
}
