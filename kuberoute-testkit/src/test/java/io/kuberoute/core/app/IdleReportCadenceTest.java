package io.kuberoute.core.app;

import static io.kuberoute.testkit.fixtures.Fixtures.node;
import static io.kuberoute.testkit.fixtures.Fixtures.pod;
import static io.kuberoute.testkit.fixtures.Fixtures.routed;
import static io.kuberoute.testkit.fixtures.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kuberoute.core.plan.PlanSettings;
import io.kuberoute.core.report.StatusReport;
import io.kuberoute.core.routing.RouteSettings;
import io.kuberoute.testkit.fixtures.InMemoryDnsBackend;
import io.kuberoute.testkit.fixtures.MutableClock;
import io.kuberoute.testkit.fixtures.MutableClusterSource;
import io.kuberoute.testkit.fixtures.RecordingStatusSink;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * An idle state report is rewritten once per interval: by every full sync, even when the loop's
 * full syncs come a little less than an interval apart (they used to skip every other one).
 */
class IdleReportCadenceTest {

  private static final Instant T0 = Instant.parse("2026-11-25T09:05:00Z");

  private final MutableClusterSource source =
      new MutableClusterSource()
          .set(
              snapshot(
                  List.of(routed("shop", "shop", "example.com")),
                  List.of(pod("p", "shop", "n1")),
                  List.of(node("n1", "10.0.0.1"))));
  private final InMemoryDnsBackend dns = new InMemoryDnsBackend("kuberoute");
  private final RecordingStatusSink sink = new RecordingStatusSink();
  private final List<StatusReport> written = sink.reports();
  private final MutableClock clock = new MutableClock(T0);

  private static SyncSettings every(Duration interval) {
    return new SyncSettings(
        RouteSettings.defaults(), PlanSettings.defaults(), Optional.empty(), interval, false);
  }

  @Test
  void tenIdleFullSyncsAMillisecondShortOfAnIntervalApartWriteTheReportTenTimes() {
    SyncService sync =
        SyncService.builder(source, dns, SyncSettings.defaults())
            .statusSink(sink)
            .clock(clock)
            .build();
    sync.sync(SyncTrigger.FULL);
    assertThat(written).hasSize(1);

    for (int i = 1; i <= 10; i++) {
      // the loop's period is the interval; the write of the sync before may have come a little late
      clock.advance(Duration.ofSeconds(60).minusMillis(1));
      sync.sync(SyncTrigger.FULL);
      assertThat(written).as("after idle full sync %d", i).hasSize(1 + i);
    }
    assertThat(written.get(10).lastSync())
        .contains(T0.plus(Duration.ofSeconds(60).minusMillis(1).multipliedBy(10)));
    assertThat(written).extracting(StatusReport::errors).containsOnly(List.of());
  }

  @Test
  void idleEventSyncsWriteOnlyOnceTheLastWriteIsAnIntervalOld() {
    SyncService sync =
        SyncService.builder(source, dns, SyncSettings.defaults())
            .statusSink(sink)
            .clock(clock)
            .build();
    sync.sync(SyncTrigger.FULL);

    clock.advance(Duration.ofSeconds(30));
    sync.sync(SyncTrigger.EVENT);
    clock.advance(Duration.ofSeconds(29).plusMillis(999));
    sync.sync(SyncTrigger.EVENT);
    sync.sync(SyncTrigger.HEARTBEAT);
    assertThat(written).hasSize(1);

    clock.advance(Duration.ofMillis(1));
    sync.sync(SyncTrigger.EVENT);
    assertThat(written).hasSize(2);
    assertThat(written.get(1).lastSync()).contains(T0.plusSeconds(60));
  }

  @Test
  void theRunningLoopWritesTheIdleReportAtEveryFullSync() {
    Duration interval = Duration.ofMillis(100);
    AtomicInteger fullSyncs = new AtomicInteger();
    AtomicInteger writesAtLastFullSync = new AtomicInteger(-1);
    SyncService sync =
        SyncService.builder(source, dns, every(interval))
            .statusSink(sink)
            .onResult(
                r -> {
                  if (r.trigger() == SyncTrigger.FULL) {
                    // listeners run after the write, on the sync thread
                    writesAtLastFullSync.set(written.size());
                    fullSyncs.incrementAndGet();
                  }
                })
            .build();
    SyncLoop loop = new SyncLoop(sync, interval, Optional.empty());
    try (loop) {
      loop.start();
      await().atMost(Duration.ofSeconds(20)).until(() -> fullSyncs.get() >= 20);
    }
    // stopped: no sync runs now
    assertThat(written).hasSize(fullSyncs.get());
    assertThat(writesAtLastFullSync.get()).isEqualTo(fullSyncs.get());
    assertThat(dns.appliedChangeSets()).hasSize(1);
  }
}
