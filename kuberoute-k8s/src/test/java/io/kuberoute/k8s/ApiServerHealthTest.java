package io.kuberoute.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kuberoute.core.port.ClusterHealth;
import io.kuberoute.core.port.ClusterHealth.State;
import io.kuberoute.testkit.fixtures.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The health decision with the real default bounds, on clocks the test moves. */
class ApiServerHealthTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final String NODES = "nodes";
  private static final String PODS = "pods in namespace default";

  private final MutableClock clock = new MutableClock(T0);
  private long nanos = 1_000_000_000L;
  private final ApiServerHealth health =
      new ApiServerHealth(ApiServerHealth.Timings.DEFAULT, () -> nanos, clock);

  private void advance(Duration d) {
    nanos += d.toNanos();
    clock.advance(d);
  }

  private static ApiServerHealth.Watch open(String d) {
    return new ApiServerHealth.Watch(d, true, true, null);
  }

  private static ApiServerHealth.Watch closed(String d, String error) {
    return new ApiServerHealth.Watch(d, true, false, error);
  }

  private ClusterHealth allOpen() {
    return health.update(List.of(open(NODES), open(PODS)));
  }

  @AfterEach
  void clearProperties() {
    System.clearProperty(ApiServerHealth.Timings.GRACE_PROPERTY);
    System.clearProperty(ApiServerHealth.Timings.SILENCE_PROPERTY);
  }

  @Test
  void theDefaultsAreFiveSecondsClosedThirtySilentFiveForTheProbe() {
    assertThat(ApiServerHealth.Timings.DEFAULT)
        .isEqualTo(
            new ApiServerHealth.Timings(
                Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(5)));
    assertThat(ApiServerHealth.Timings.fromSystemProperties())
        .isEqualTo(ApiServerHealth.Timings.DEFAULT);
    System.setProperty(ApiServerHealth.Timings.SILENCE_PROPERTY, "1500");
    assertThat(ApiServerHealth.Timings.fromSystemProperties().silence())
        .isEqualTo(Duration.ofMillis(1500));
    System.setProperty(ApiServerHealth.Timings.GRACE_PROPERTY, "5s");
    assertThatThrownBy(ApiServerHealth.Timings::fromSystemProperties)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the system property kuberoute.k8s.watch-grace-ms must be milliseconds, got: 5s");
    assertThatThrownBy(
            () ->
                new ApiServerHealth.Timings(
                    Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("grace must be positive, got PT0S");
  }

  @Test
  void startingUntilEveryInformerListedOnceThenAvailable() {
    assertThat(health.current().state()).isEqualTo(State.STARTING);
    ClusterHealth h =
        health.update(List.of(new ApiServerHealth.Watch(NODES, false, false, null), open(PODS)));
    assertThat(h).isEqualTo(ClusterHealth.starting("waiting for the first list of nodes", T0));

    advance(Duration.ofSeconds(2));
    assertThat(allOpen()).isEqualTo(ClusterHealth.available(T0.plusSeconds(2)));
    assertThat(health.probeDue()).isFalse();
  }

  @Test
  void aFailedFirstListIsUnavailableWithItsError() {
    ClusterHealth h =
        health.update(
            List.of(
                new ApiServerHealth.Watch(
                    NODES, false, false, "Failed to connect to /127.0.0.1:6443"),
                new ApiServerHealth.Watch(PODS, false, false, null)));
    assertThat(h)
        .isEqualTo(
            ClusterHealth.unavailable(
                "cannot list nodes from the Kubernetes API server: Failed to connect to /127.0.0.1:6443",
                T0));
    assertThat(health.probeDue()).isFalse();
  }

  @Test
  void aWatchClosedForLessThanTheGraceIsNoOutageOneClosedForTheGraceIs() {
    allOpen();
    advance(Duration.ofMinutes(7));
    assertThat(health.update(List.of(closed(NODES, null), open(PODS))).state())
        .isEqualTo(State.AVAILABLE);
    advance(Duration.ofMillis(4_999));
    assertThat(health.update(List.of(closed(NODES, null), open(PODS))).state())
        .isEqualTo(State.AVAILABLE);
    assertThat(health.probeDue()).isFalse(); // no probe while a watch is closed: that says enough
    advance(Duration.ofMillis(1));
    Instant broke = clock.instant();
    assertThat(
            health.update(
                List.of(closed(NODES, "Failed to connect to /127.0.0.1:6443"), open(PODS))))
        .isEqualTo(
            ClusterHealth.unavailable(
                "the watch of nodes has been closed for more than 5 s: Failed to connect to /127.0.0.1:6443",
                broke));

    advance(Duration.ofSeconds(20));
    assertThat(
            health.update(
                List.of(closed(NODES, "Failed to connect to /127.0.0.1:6443"), closed(PODS, null))))
        .as("the pods' watch has just closed")
        .isEqualTo(
            ClusterHealth.unavailable(
                "the watch of nodes has been closed for more than 5 s: Failed to connect to /127.0.0.1:6443",
                broke));
    advance(Duration.ofSeconds(5));
    assertThat(
            health.update(
                List.of(closed(NODES, "Failed to connect to /127.0.0.1:6443"), closed(PODS, null))))
        .as("the reason names every broken watch, since the outage began")
        .isEqualTo(
            ClusterHealth.unavailable(
                "the watch of nodes, pods in namespace default has been closed for more than 5 s: Failed to connect to"
                    + " /127.0.0.1:6443",
                broke));

    advance(Duration.ofSeconds(1));
    assertThat(allOpen()).isEqualTo(ClusterHealth.available(clock.instant()));
  }

  @Test
  void aWatchThatReopensWithinTheGraceStartsItsGraceAnewNextTime() {
    allOpen();
    health.update(List.of(closed(NODES, null), open(PODS)));
    advance(Duration.ofSeconds(4));
    allOpen();
    advance(Duration.ofSeconds(1));
    assertThat(health.update(List.of(closed(NODES, null), open(PODS))).state())
        .isEqualTo(State.AVAILABLE);
    advance(Duration.ofSeconds(4));
    assertThat(health.update(List.of(closed(NODES, null), open(PODS))).state())
        .isEqualTo(State.AVAILABLE);
  }

  @Test
  void silenceForThirtySecondsAsksForAProbeAndAnAnswerKeepsItAvailable() {
    allOpen();
    advance(Duration.ofMillis(29_999));
    allOpen();
    assertThat(health.probeDue()).isFalse();
    advance(Duration.ofMillis(1));
    assertThat(health.probeDue()).isTrue();

    health.probeStarted();
    assertThat(health.probeDue()).as("one probe at a time").isFalse();
    advance(Duration.ofSeconds(1));
    health.probeAnswered();
    assertThat(allOpen().state()).isEqualTo(State.AVAILABLE);
    advance(Duration.ofMillis(29_999));
    assertThat(health.probeDue()).isFalse();
    advance(Duration.ofMillis(1));
    assertThat(health.probeDue()).isTrue();
  }

  @Test
  void anEventPutsTheSilenceOff() {
    allOpen();
    advance(Duration.ofSeconds(20));
    health.heard();
    advance(Duration.ofSeconds(20));
    assertThat(health.probeDue()).isFalse();
    advance(Duration.ofSeconds(10));
    assertThat(health.probeDue()).isTrue();
  }

  @Test
  void aFailedProbeIsUnavailableWithItsReasonRetriedEveryProbeTimeoutUntilAnAnswer() {
    allOpen();
    advance(Duration.ofSeconds(30));
    health.probeStarted();
    advance(Duration.ofSeconds(5));
    String reason =
        "the Kubernetes API server did not answer GET /version within 5 s (no watch event for 30 s)";
    health.probeFailed(reason);
    Instant failed = clock.instant();
    assertThat(allOpen()).isEqualTo(ClusterHealth.unavailable(reason, failed));
    assertThat(health.probeDue()).isFalse();
    advance(Duration.ofMillis(4_999));
    assertThat(health.probeDue()).isFalse();
    advance(Duration.ofMillis(1));
    assertThat(health.probeDue()).isTrue();
    health.probeStarted();
    advance(Duration.ofSeconds(5));
    health.probeFailed(reason);
    assertThat(allOpen())
        .as("still the same outage")
        .isEqualTo(ClusterHealth.unavailable(reason, failed));

    advance(Duration.ofSeconds(5));
    health.probeStarted();
    health.probeAnswered();
    assertThat(allOpen()).isEqualTo(ClusterHealth.available(clock.instant()));
    assertThat(health.probeDue()).isFalse();
  }

  @Test
  void aWatchEventEndsAnOutageOfAFailedProbe() {
    allOpen();
    advance(Duration.ofSeconds(30));
    health.probeStarted();
    health.probeFailed(
        "the Kubernetes API server answered GET /version with HTTP 503 (no watch event for 30 s)");
    assertThat(allOpen().state()).isEqualTo(State.UNAVAILABLE);
    health.heard();
    assertThat(allOpen().state()).isEqualTo(State.AVAILABLE);
  }

  @Test
  void closedIsUnavailable() {
    allOpen();
    health.close();
    assertThat(health.current())
        .isEqualTo(ClusterHealth.unavailable("the Kubernetes source is closed", T0));
    assertThat(health.probeDue()).isFalse();
  }
}
