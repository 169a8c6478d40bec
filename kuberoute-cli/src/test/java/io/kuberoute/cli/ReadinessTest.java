package io.kuberoute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.core.app.SyncError;
import io.kuberoute.core.app.SyncResult;
import io.kuberoute.core.app.SyncTrigger;
import io.kuberoute.core.plan.ChangeSet;
import io.kuberoute.core.port.ClusterHealth;
import io.kuberoute.testkit.fixtures.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ready means: the cluster view is available and a sync succeeded within the last 3 intervals. */
class ReadinessTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private final TestClusterSource source = new TestClusterSource();
  private final MutableClock clock = new MutableClock(T0);
  private final Readiness readiness = new Readiness(source, Duration.ofSeconds(60), clock);

  private static SyncResult result(SyncResult.Outcome outcome, SyncError... errors) {
    return new SyncResult(
        T0,
        Duration.ofMillis(5),
        SyncTrigger.FULL,
        outcome,
        ChangeSet.EMPTY,
        ChangeSet.EMPTY,
        List.of(errors),
        0,
        0);
  }

  private static final SyncError DNS_DOWN =
      new SyncError(SyncError.Cause.DNS_READ, "dns", "reading DNS failed: timeout");
  private static final SyncError BAD_SERVICE =
      new SyncError(SyncError.Cause.SERVICE, "default/a", "bad quota");

  @Test
  void notReadyBeforeTheFirstSync() {
    assertThat(readiness.notReadyReason()).contains("not ready: no sync has finished yet");
  }

  @Test
  void readyAfterASuccessfulSyncEvenWithAServiceProblem() {
    readiness.record(result(SyncResult.Outcome.SUCCESS, BAD_SERVICE));
    assertThat(readiness.notReadyReason()).isEmpty();
  }

  @Test
  void aStandbyReplicaIsReady() {
    readiness.record(result(SyncResult.Outcome.STANDBY));
    assertThat(readiness.notReadyReason()).isEmpty();
  }

  @Test
  void notReadyWhileTheClusterViewIsStarting() {
    source.setHealth(ClusterHealth.starting("waiting for the first list of nodes", T0));
    source.setSynced(false);
    readiness.record(result(SyncResult.Outcome.STARTING));
    assertThat(readiness.notReadyReason())
        .contains("not ready: starting: waiting for the first list of nodes");
  }

  @Test
  void aStartingSyncIsNoSuccess() {
    readiness.record(result(SyncResult.Outcome.STARTING));
    assertThat(readiness.notReadyReason())
        .contains("not ready: no sync has succeeded yet; the last one failed: (no error recorded)");
  }

  @Test
  void notReadyWhileTheClusterViewIsUnavailableWithTheReason() {
    readiness.record(result(SyncResult.Outcome.SUCCESS));
    source.setHealth(
        ClusterHealth.unavailable(
            "the Kubernetes API server did not answer GET /version within 5 s (no watch event for 30 s)",
            T0));
    assertThat(readiness.notReadyReason())
        .contains(
            "not ready: the cluster view is unavailable since 2026-03-01T10:00:00Z: the Kubernetes API server did not"
                + " answer GET /version within 5 s (no watch event for 30 s)");

    source.setHealth(ClusterHealth.available(T0.plusSeconds(20)));
    assertThat(readiness.notReadyReason()).isEmpty();
  }

  @Test
  void aWatchOpenedAgainIsNoReasonToBeNotReady() {
    readiness.record(result(SyncResult.Outcome.SUCCESS));
    source.setSynced(false); // a watch closed for a moment: still available
    assertThat(readiness.notReadyReason()).isEmpty();
  }

  @Test
  void oneFailedSyncAfterASuccessKeepsItReadyUntilThreeIntervalsPass() {
    readiness.record(result(SyncResult.Outcome.SUCCESS));
    clock.advance(Duration.ofSeconds(61));
    readiness.record(result(SyncResult.Outcome.FAILED, DNS_DOWN, BAD_SERVICE));
    assertThat(readiness.notReadyReason()).isEmpty();

    clock.advance(Duration.ofSeconds(119));
    assertThat(readiness.notReadyReason()).as("exactly 3 intervals").isEmpty();

    clock.advance(Duration.ofSeconds(1));
    assertThat(readiness.notReadyReason())
        .contains(
            "not ready: the last successful sync finished at 2026-03-01T10:00:00Z, more than 3 intervals (180 s) ago;"
                + " the last sync failed: reading DNS failed: timeout");
  }

  @Test
  void whenNoSyncRunsAnyMoreItIsNotReadyEither() {
    readiness.record(result(SyncResult.Outcome.SUCCESS));
    clock.advance(Duration.ofSeconds(181));
    assertThat(readiness.notReadyReason())
        .contains(
            "not ready: the last successful sync finished at 2026-03-01T10:00:00Z, more than 3 intervals (180 s) ago;"
                + " no sync has finished since");
  }

  @Test
  void onlyFailuresSoFarNameTheFailure() {
    readiness.record(result(SyncResult.Outcome.FAILED, DNS_DOWN));
    assertThat(readiness.notReadyReason())
        .contains(
            "not ready: no sync has succeeded yet; the last one failed: reading DNS failed: timeout");
  }
}
