package io.kuberoute.core.app;

import static io.kuberoute.testkit.fixtures.Fixtures.node;
import static io.kuberoute.testkit.fixtures.Fixtures.pod;
import static io.kuberoute.testkit.fixtures.Fixtures.routed;
import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.core.model.ClusterSnapshot;
import io.kuberoute.core.port.ClusterSource;
import io.kuberoute.testkit.fixtures.InMemoryDnsBackend;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SyncLoopTest {

  /** Counts snapshots (one per sync) and can hold a sync until released. */
  static final class CountingSource implements ClusterSource {
    final AtomicInteger syncs = new AtomicInteger();
    volatile CountDownLatch gate = new CountDownLatch(0);
    final CountDownLatch entered = new CountDownLatch(1);
    final ClusterSnapshot snapshot =
        io.kuberoute.testkit.fixtures.Fixtures.snapshot(
            List.of(routed("shop", "shop", "example.com")),
            List.of(pod("p", "shop", "n1")),
            List.of(node("n1", "10.0.0.1")));

    @Override
    public ClusterSnapshot snapshot() {
      syncs.incrementAndGet();
      entered.countDown();
      try {
        gate.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return snapshot;
    }
  }

  private static SyncLoop loop(ClusterSource source, InMemoryDnsBackend dns) {
    return loop(source, dns, r -> {});
  }

  private static SyncLoop loop(
      ClusterSource source,
      InMemoryDnsBackend dns,
      java.util.function.Consumer<SyncResult> results) {
    SyncService service =
        SyncService.builder(source, dns, SyncSettings.defaults()).onResult(results).build();
    return new SyncLoop(service, Duration.ofHours(1), Optional.empty());
  }

  @Test
  void aBurstOfChangesDuringASyncIsCoalescedIntoOneSync() throws Exception {
    CountingSource source = new CountingSource();
    source.gate = new CountDownLatch(1);
    InMemoryDnsBackend dns = new InMemoryDnsBackend("kuberoute");
    java.util.concurrent.LinkedBlockingQueue<SyncResult> eventSyncs =
        new java.util.concurrent.LinkedBlockingQueue<>();
    try (SyncLoop loop =
        loop(
            source,
            dns,
            r -> {
              if (r.trigger() == SyncTrigger.EVENT) {
                eventSyncs.add(r);
              }
            })) {
      // a sync is running when the burst arrives
      CompletableFuture<SyncResult> running = loop.syncNow();
      assertThat(source.entered.await(5, TimeUnit.SECONDS)).isTrue();
      for (int i = 0; i < 50; i++) {
        loop.onChange();
      }
      source.gate.countDown();
      running.get(10, TimeUnit.SECONDS);
      // the 50 changes made exactly one sync, which ran right after the running one ...
      assertThat(eventSyncs.poll(10, TimeUnit.SECONDS)).isNotNull();
      // ... and nothing more is queued: a full sync now runs next, with no event sync before it
      loop.syncNow().get(10, TimeUnit.SECONDS);
      assertThat(eventSyncs).isEmpty();
      // a change after that sync makes one more, at once
      loop.onChange();
      assertThat(eventSyncs.poll(10, TimeUnit.SECONDS)).isNotNull();
    }
    assertThat(dns.all()).hasSize(1);
  }

  @Test
  void theFirstChangeStartsItsSyncAtOnce() throws Exception {
    CountingSource source = new CountingSource();
    InMemoryDnsBackend dns = new InMemoryDnsBackend("kuberoute");
    CountDownLatch synced = new CountDownLatch(1);
    try (SyncLoop loop = loop(source, dns, r -> synced.countDown())) {
      loop.onChange();
      assertThat(synced.await(5, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(source.syncs.get()).isEqualTo(1);
  }

  @Test
  void concurrentSyncRequestsShareOneSync() throws Exception {
    CountingSource source = new CountingSource();
    source.gate = new CountDownLatch(1);
    InMemoryDnsBackend dns = new InMemoryDnsBackend("kuberoute");
    try (SyncLoop loop = loop(source, dns)) {
      CompletableFuture<SyncResult> running = loop.syncNow();
      assertThat(source.entered.await(5, TimeUnit.SECONDS)).isTrue();
      CompletableFuture<SyncResult> a = loop.syncNow();
      CompletableFuture<SyncResult> b = loop.syncNow();
      assertThat(a).isSameAs(b).isNotSameAs(running);
      source.gate.countDown();
      SyncResult ra = a.get(10, TimeUnit.SECONDS);
      assertThat(b.get()).isSameAs(ra);
      running.get(10, TimeUnit.SECONDS);
    }
    assertThat(source.syncs.get()).isEqualTo(2);
  }

  @Test
  void closingWaitsForTheSyncInFlight() throws Exception {
    CountingSource source = new CountingSource();
    source.gate = new CountDownLatch(1);
    InMemoryDnsBackend dns = new InMemoryDnsBackend("kuberoute");
    SyncLoop loop = loop(source, dns);
    CompletableFuture<SyncResult> running = loop.syncNow();
    assertThat(source.entered.await(5, TimeUnit.SECONDS)).isTrue();

    Thread releaser =
        new Thread(
            () -> {
              try {
                Thread.sleep(200);
              } catch (InterruptedException e) {
                return;
              }
              source.gate.countDown();
            });
    releaser.start();
    loop.close();

    assertThat(running).isCompleted();
    assertThat(dns.all()).hasSize(1);
    assertThat(loop.syncNow()).isCompletedExceptionally();
  }

  @Test
  void startRunsAFullSyncAtOnce() throws Exception {
    CountingSource source = new CountingSource();
    InMemoryDnsBackend dns = new InMemoryDnsBackend("kuberoute");
    try (SyncLoop loop = loop(source, dns)) {
      loop.start();
      assertThat(source.entered.await(5, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(dns.all()).hasSize(1);
  }
}
