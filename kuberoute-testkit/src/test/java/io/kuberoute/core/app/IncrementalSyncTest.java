package io.kuberoute.core.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.core.model.DomainFilter;
import io.kuberoute.core.plan.PlanSettings;
import io.kuberoute.core.port.ClusterChange;
import io.kuberoute.core.report.StatusReport;
import io.kuberoute.core.template.Template;
import io.kuberoute.testkit.fixtures.InMemoryDnsBackend;
import io.kuberoute.testkit.fixtures.MutableClock;
import io.kuberoute.testkit.fixtures.MutableClusterSource;
import io.kuberoute.testkit.fixtures.RandomCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The incremental event sync against the full resync: after random sequences of changes, each
 * synced by event syncs that plan only the affected names, a full sync of the same service, and a
 * full sync of a fresh service over the same DNS (a restart), find nothing to change, and report
 * the same state.
 */
class IncrementalSyncTest {

  private static SyncSettings settings(long seed) {
    SyncSettings s = SyncSettings.defaults().withPlan(PlanSettings.defaults().withForce(true));
    if (seed % 3 == 0) {
      s = s.withDomains(DomainFilter.of("example.com", "other.net"));
    }
    if (seed % 4 == 1) {
      s =
          new SyncSettings(
              s.route(),
              s.plan(),
              Optional.of(
                  new HeartbeatSettings(
                      Template.compile("hb"),
                      Template.compile("ts-_TEMPLATE_START_timestamp_TEMPLATE_END_.example.net"),
                      Duration.ofMinutes(1))),
              s.interval(),
              false,
              s.domains());
    }
    return s;
  }

  @Test
  void eventSyncsLeaveWhatAFullSyncAndARestartedOneWouldWrite() {
    for (long seed = 1; seed <= 40; seed++) {
      MutableClock clock = new MutableClock(Instant.parse("2026-11-25T09:05:00Z"));
      RandomCluster cluster = new RandomCluster(seed).populate();
      MutableClusterSource source = new MutableClusterSource();
      source.set(cluster.snapshot());
      InMemoryDnsBackend dns = new InMemoryDnsBackend("kuberoute");
      SyncSettings settings = settings(seed);
      SyncService service = SyncService.builder(source, dns, settings).clock(clock).build();
      service.sync(SyncTrigger.FULL);
      Random random = new Random(seed);
      for (int step = 0; step < 40; step++) {
        int changes = 1 + random.nextInt(3);
        for (int i = 0; i < changes; i++) {
          cluster.next();
        }
        source.set(cluster.snapshot());
        SyncResult event = service.sync(SyncTrigger.EVENT);
        StatusReport afterEvent = service.lastReport().orElseThrow();
        if (random.nextInt(5) == 0) {
          SyncResult full = service.sync(SyncTrigger.FULL);
          assertThat(full.planned().isEmpty())
              .as(
                  "seed %d step %d: the full sync after %s found %s",
                  seed, step, event.planned(), full.planned())
              .isTrue();
          StatusReport afterFull = service.lastReport().orElseThrow();
          assertThat(afterFull.services()).isEqualTo(afterEvent.services());
          assertThat(afterFull.nodes()).isEqualTo(afterEvent.nodes());
          assertThat(afterFull.errors()).isEqualTo(afterEvent.errors());
        }
      }
      SyncService restarted = SyncService.builder(source, dns, settings).clock(clock).build();
      SyncResult r = restarted.sync(SyncTrigger.FULL);
      assertThat(r.planned().isEmpty())
          .as("seed %d: a restarted service found %s", seed, r.planned())
          .isTrue();
      assertThat(service.sync(SyncTrigger.FULL).planned().isEmpty()).isTrue();
    }
  }

  @Test
  void aRestartedServiceContinuesIncrementally() {
    for (long seed = 100; seed < 120; seed++) {
      MutableClock clock = new MutableClock(Instant.parse("2026-11-25T09:05:00Z"));
      RandomCluster cluster = new RandomCluster(seed).populate();
      MutableClusterSource source = new MutableClusterSource();
      source.set(cluster.snapshot());
      InMemoryDnsBackend dns = new InMemoryDnsBackend("kuberoute");
      SyncSettings settings = settings(seed);
      SyncService first = SyncService.builder(source, dns, settings).clock(clock).build();
      first.sync(SyncTrigger.FULL);
      for (int i = 0; i < 10; i++) {
        cluster.next();
      }
      source.set(cluster.snapshot());
      first.sync(SyncTrigger.EVENT);
      // the process stops; the cluster changes while none runs; a new one starts
      for (int i = 0; i < 10; i++) {
        cluster.next();
      }
      SyncService second = SyncService.builder(source, dns, settings).clock(clock).build();
      source.set(cluster.snapshot());
      second.sync(SyncTrigger.FULL);
      for (int step = 0; step < 20; step++) {
        ClusterChange ignored = cluster.next();
        source.set(cluster.snapshot());
        second.sync(SyncTrigger.EVENT);
      }
      SyncService third = SyncService.builder(source, dns, settings).clock(clock).build();
      assertThat(third.sync(SyncTrigger.FULL).planned().isEmpty()).as("seed %d", seed).isTrue();
    }
  }
}
