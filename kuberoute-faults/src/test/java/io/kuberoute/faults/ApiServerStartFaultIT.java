package io.kuberoute.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kuberoute.core.app.SyncResult;
import io.kuberoute.core.app.SyncTrigger;
import io.kuberoute.core.port.ClusterHealth;
import io.kuberoute.core.port.ClusterSource;
import io.kuberoute.core.report.StatusReport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two cases where the view is briefly not synced and that are no outage, with the program's
 * default bounds: the start (before the first lists: "starting", no report, no failed sync) and a
 * routine re-open of the watches (every connection cut, the API server up: the view stays available
 * throughout).
 */
class ApiServerStartFaultIT {

  private static final Logger log = LoggerFactory.getLogger(ApiServerStartFaultIT.class);

  private ApiServerFixture f;

  @AfterEach
  void stop() {
    if (f != null) {
      f.close();
    }
  }

  @Test
  void beforeTheFirstListsTheViewIsStartingASyncDoesNothingAndNoReportIsWritten() {
    f = new ApiServerFixture();
    f.proxy.hang(); // the lists are on their way, and take their time
    try (SyncLog warnings = SyncLog.capture()) {
      f.connect(null, null, null);
      ClusterSource source = f.cluster().source();

      ClusterHealth health = source.health();
      assertThat(health.state()).isEqualTo(ClusterHealth.State.STARTING);
      assertThat(health.reason())
          .isEqualTo(
              "waiting for the first list of services labelled kuberoute_domain in namespace default, pods in"
                  + " namespace default, nodes");
      for (SyncTrigger trigger : List.of(SyncTrigger.FULL, SyncTrigger.EVENT, SyncTrigger.FULL)) {
        SyncResult r = f.sync().sync(trigger);
        assertThat(r.outcome()).isEqualTo(SyncResult.Outcome.STARTING);
        assertThat(r.errors()).isEmpty();
      }
      assertThat(f.sync().lastReport()).isEmpty();
      assertThat(f.reports).isEmpty();
      assertThat(f.dns.reads()).isZero();
      assertThat(f.dns.appliedChangeSets()).isEmpty();
      assertThat(warnings.warnings()).isEmpty();

      f.proxy.restore();
      await().atMost(Duration.ofSeconds(20)).until(() -> source.health().isAvailable());
      await().atMost(Duration.ofSeconds(5)).until(() -> f.notified.get() >= 1);
      assertThat(f.notified.get()).as("the end of the start is announced once").isEqualTo(1);
      assertThat(f.sync().sync(SyncTrigger.EVENT).outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
      assertThat(f.published()).containsExactly("shop.example.com A 10.0.0.1,10.0.0.2");
      assertThat(f.reports)
          .isNotEmpty()
          .allSatisfy(r -> assertThat(r.apiserverAvailable()).isTrue());
      StatusReport first = f.reports.get(0);
      assertThat(first.services()).containsOnlyKeys("shop.example.com");
      assertThat(warnings.warnings()).isEmpty();
    }
  }

  /** One look at the view: its health and whether every watch is open. */
  record Sample(ClusterHealth.State state, boolean synced) {}

  @Test
  void aRoutineReopenOfTheWatchesLeavesTheViewAvailable() {
    f = new ApiServerFixture().connect(null, null, null);
    ClusterSource source = f.cluster().source();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> source.health().isAvailable() && source.isSynced());
    assertThat(f.sync().sync(SyncTrigger.FULL).outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    int restarts = f.restarts();
    int notified = f.notified.get();

    List<Sample> samples = new CopyOnWriteArrayList<>();
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    try {
      sampler.scheduleAtFixedRate(
          () -> samples.add(new Sample(source.health().state(), source.isSynced())),
          0,
          10,
          TimeUnit.MILLISECONDS);
      long cut = System.nanoTime();
      f.proxy.cutClientSides();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  f.restarts() >= restarts + 3
                      && source.isSynced()
                      && samples.stream().anyMatch(s -> !s.synced()));
      log.info(
          "watches re-opened after {} ms; {} samples, {} of them not synced",
          (System.nanoTime() - cut) / 1_000_000,
          samples.size(),
          samples.stream().filter(s -> !s.synced()).count());
    } finally {
      sampler.shutdownNow();
    }

    assertThat(samples).extracting(Sample::state).containsOnly(ClusterHealth.State.AVAILABLE);
    assertThat(source.health().isAvailable()).isTrue();
    assertThat(f.sync().sync(SyncTrigger.EVENT).outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(f.reports).allSatisfy(r -> assertThat(r.apiserverAvailable()).isTrue());
    // the return to a synced view is announced (for deletions held meanwhile), the health never
    // changed
    await().atMost(Duration.ofSeconds(5)).until(() -> f.notified.get() > notified);
  }
}
