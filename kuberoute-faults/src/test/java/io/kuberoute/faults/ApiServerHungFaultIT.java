package io.kuberoute.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kuberoute.core.app.SyncError;
import io.kuberoute.core.app.SyncResult;
import io.kuberoute.core.app.SyncTrigger;
import io.kuberoute.core.port.ClusterHealth;
import io.kuberoute.core.port.ClusterSource;
import io.kuberoute.core.report.StatusReport;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kubernetes API server hung (as under {@code SIGSTOP}: the port accepts and reads, nothing
 * answers, open watches stay open and silent) for a window, then resumed: the watches look open, so
 * only the probe after a silence (2 s here, 30 s by default) with its timeout (1 s here, 5 s by
 * default) can tell; the view turns unavailable with the probe's reason, every sync fails and
 * writes nothing, the report says so; once the API server answers again the view is available and
 * the held change is written.
 */
class ApiServerHungFaultIT {

  private static final Logger log = LoggerFactory.getLogger(ApiServerHungFaultIT.class);
  private static final Duration SILENCE = Duration.ofSeconds(2);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration OUTAGE = Duration.ofSeconds(10);
  private static final String REASON =
      "the Kubernetes API server did not answer GET /version within 1 s (no watch event for 2 s)";

  private ApiServerFixture f;

  @BeforeEach
  void start() {
    f = new ApiServerFixture().connect(Duration.ofSeconds(2), SILENCE, PROBE_TIMEOUT);
  }

  @AfterEach
  void stop() {
    f.close();
  }

  private int probesAnswered() {
    return f.calls("get version 2xx") + f.calls("get version 4xx");
  }

  @Test
  void aHungApiServerIsFoundByTheProbeAndEverySyncFailsWithItsReasonUntilItAnswersAgain() {
    ClusterSource source = f.cluster().source();
    // every watch open (the mock server replays nothing to a watch opened later)
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> source.health().isAvailable() && source.isSynced());
    assertThat(f.sync().sync(SyncTrigger.FULL).outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(f.published()).containsExactly("shop.example.com A 10.0.0.1,10.0.0.2");

    // a quiet cluster: the silence brings a probe, which is answered (and counted), and nothing
    // changes
    await().atMost(Duration.ofSeconds(10)).until(() -> probesAnswered() >= 2);
    assertThat(source.health().isAvailable()).isTrue();
    assertThat(f.calls("get version error")).isZero();

    // a change the view has seen but no sync has written; then the API server hangs
    f.deletePod("shop-2");
    await().atMost(Duration.ofSeconds(10)).until(() -> source.snapshot().pods().size() == 1);
    int writes = f.dns.appliedChangeSets().size();
    Instant lastSync = f.sync().lastSuccessAt().orElseThrow();
    long hung = System.nanoTime();
    f.proxy.hang();

    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> source.health().isUnavailable());
    Duration detected = Duration.ofNanos(System.nanoTime() - hung);
    ClusterHealth health = source.health();
    log.info("API server hung: unavailable after {} ms: {}", detected.toMillis(), health.reason());
    assertThat(health.reason()).isEqualTo(REASON);
    assertThat(detected).isLessThanOrEqualTo(SILENCE.plus(PROBE_TIMEOUT).plusMillis(1500));
    assertThat(source.isSynced()).as("the watches of a hung API server look open").isTrue();

    assertUnavailableSyncs(lastSync);
    await()
        .during(OUTAGE.minus(Duration.ofNanos(System.nanoTime() - hung)))
        .atMost(OUTAGE.plusSeconds(2))
        .until(
            () ->
                source.health().isUnavailable() && source.health().since().equals(health.since()));
    assertUnavailableSyncs(lastSync);
    assertThat(f.dns.appliedChangeSets()).hasSize(writes);
    assertThat(f.published()).containsExactly("shop.example.com A 10.0.0.1,10.0.0.2");

    long resumed = System.nanoTime();
    f.proxy.restore();
    await().atMost(Duration.ofSeconds(20)).until(() -> source.health().isAvailable());
    log.info(
        "API server resumed: available again after {} ms",
        (System.nanoTime() - resumed) / 1_000_000);

    f.assertConvergedAfterTheOutage(source);
  }

  /** Three full and three event syncs: each fails with the reason, writes nothing, reports so. */
  private void assertUnavailableSyncs(Instant lastSync) {
    for (int i = 0; i < 6; i++) {
      SyncResult r = f.sync().sync(i % 2 == 0 ? SyncTrigger.FULL : SyncTrigger.EVENT);
      assertThat(r.outcome()).isEqualTo(SyncResult.Outcome.FAILED);
      assertThat(r.errors())
          .containsExactly(new SyncError(SyncError.Cause.CLUSTER, "kubernetes", REASON));
      assertThat(r.applied().isEmpty()).isTrue();
      StatusReport report = f.sync().lastReport().orElseThrow();
      assertThat(report.apiserverAvailable()).isFalse();
      assertThat(report.errors()).containsExactly(REASON);
      assertThat(report.services().get("shop.example.com").endpoints())
          .containsExactly("10.0.0.1", "10.0.0.2");
      assertThat(report.lastSync()).contains(lastSync);
    }
  }
}
