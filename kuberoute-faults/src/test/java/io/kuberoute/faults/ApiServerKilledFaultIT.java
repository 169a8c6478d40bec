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
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kubernetes API server killed (its port closed, every connection cut) for a window, then back:
 * the view turns unavailable once its watches have been closed for the grace (2 s here; 5 s by
 * default), every sync fails with that reason and writes nothing, the report says {@code
 * apiserver_available: false} with the reason and keeps the last known services; when the API
 * server is back the view is available again, the first sync does the change that was held (a pod
 * gone just before the outage) and the watches bring new changes again. (fabric8's mock server does
 * not replay to a watch re-opened at a resource version what changed while it was away, as a real
 * API server does, so the held change is one made just before the outage.)
 */
class ApiServerKilledFaultIT {

  private static final Logger log = LoggerFactory.getLogger(ApiServerKilledFaultIT.class);
  private static final Duration GRACE = Duration.ofSeconds(2);
  private static final Duration OUTAGE = Duration.ofSeconds(8);
  private static final String WATCH =
      "(services labelled kuberoute_domain in namespace default|pods in namespace default|nodes)";

  private ApiServerFixture f;

  /**
   * The watches closed, and the error of their retries once there was one (it names the proxy's
   * port).
   */
  private Pattern reason;

  @BeforeEach
  void start() {
    f = new ApiServerFixture().connect(GRACE, Duration.ofSeconds(3), Duration.ofSeconds(1));
    reason =
        Pattern.compile(
            "the watch of "
                + WATCH
                + "(, "
                + WATCH
                + ")* has been closed for more than 2 s"
                + "(: Connection refused: /127\\.0\\.0\\.1:"
                + f.proxy.port()
                + ")?");
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void whileTheApiServerIsDeadEverySyncFailsWithTheReasonWritesNothingAndTheReportSaysSo() {
    ClusterSource source = f.cluster().source();
    // every watch open (the mock server replays nothing to a watch opened later)
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> source.health().isAvailable() && source.isSynced());
    assertThat(f.sync().sync(SyncTrigger.FULL).outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(f.published()).containsExactly("shop.example.com A 10.0.0.1,10.0.0.2");
    int writes = f.dns.appliedChangeSets().size();
    Instant lastSync = f.sync().lastSuccessAt().orElseThrow();

    // a change the view has seen but no sync has written yet: then the API server dies
    f.deletePod("shop-2");
    await().atMost(Duration.ofSeconds(10)).until(() -> source.snapshot().pods().size() == 1);
    long killed = System.nanoTime();
    f.proxy.kill();
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> source.health().isUnavailable());
    long detected = System.nanoTime() - killed;
    ClusterHealth health = source.health();
    log.info(
        "API server killed: unavailable after {} ms: {}", detected / 1_000_000, health.reason());
    assertThat(Duration.ofNanos(detected)).isBetween(GRACE, GRACE.plusSeconds(2));
    assertThat(health.reason()).matches(reason);
    assertThat(source.isSynced()).isFalse();

    // it stays so for the rest of the window, and every sync in it fails, writing nothing
    assertUnavailableSyncs(lastSync);
    await()
        .during(OUTAGE.minus(Duration.ofNanos(System.nanoTime() - killed)))
        .atMost(OUTAGE.plusSeconds(2))
        .until(
            () ->
                source.health().isUnavailable() && source.health().since().equals(health.since()));
    assertUnavailableSyncs(lastSync);
    assertThat(f.dns.appliedChangeSets()).hasSize(writes);
    assertThat(f.published()).containsExactly("shop.example.com A 10.0.0.1,10.0.0.2");
    assertThat(f.reports.get(f.reports.size() - 1).apiserverAvailable()).isFalse();
    assertThat(
            f.calls("list pods error")
                + f.calls("watch pods error")
                + f.calls("list nodes error")
                + f.calls("watch nodes error")
                + f.calls("list services error")
                + f.calls("watch services error"))
        .as("the retries while it is down are counted as API calls without a response")
        .isPositive();

    long restored = System.nanoTime();
    f.proxy.restore();
    await().atMost(Duration.ofSeconds(40)).until(() -> source.health().isAvailable());
    log.info(
        "API server back: available again after {} ms", (System.nanoTime() - restored) / 1_000_000);

    f.assertConvergedAfterTheOutage(source);
  }

  /** Three full and three event syncs: each fails with the reason, writes nothing, reports so. */
  private void assertUnavailableSyncs(Instant lastSync) {
    for (int i = 0; i < 6; i++) {
      SyncResult r = f.sync().sync(i % 2 == 0 ? SyncTrigger.FULL : SyncTrigger.EVENT);
      assertThat(r.outcome()).isEqualTo(SyncResult.Outcome.FAILED);
      assertThat(r.errors())
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.cause()).isEqualTo(SyncError.Cause.CLUSTER);
                assertThat(e.message()).matches(reason);
              });
      assertThat(r.applied().isEmpty()).isTrue();
      StatusReport report = f.sync().lastReport().orElseThrow();
      assertThat(report.apiserverAvailable()).isFalse();
      assertThat(report.errors()).singleElement().asString().matches(reason);
      assertThat(report.services().get("shop.example.com").endpoints())
          .containsExactly("10.0.0.1", "10.0.0.2");
      assertThat(report.lastSync()).contains(lastSync);
    }
  }
}
