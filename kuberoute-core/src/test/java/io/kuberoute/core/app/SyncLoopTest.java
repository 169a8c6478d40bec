package io.kuberoute.core.app;

import static io.kuberoute.core.testing.Fixtures.node;
import static io.kuberoute.core.testing.Fixtures.pod;
import static io.kuberoute.core.testing.Fixtures.routed;
import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.core.model.ClusterSnapshot;
import io.kuberoute.core.port.ClusterSource;
import io.kuberoute.core.testing.InMemoryDnsBackend;
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
        io.kuberoute.core.testing.Fixtures.snapshot(List.of(routed("shop", "shop", "example.com")), List.of(pod("p", "shop", "n1")), List.of(node("n1", "10.0.0.1")));

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

  private static SyncLoop loop(ClusterSource source, InMemoryDnsBackend dns, Duration debounce) {
    SyncService service = SyncService.builder(source, dns, SyncSettings.defaults()).build();
    return new SyncLoop(service, Duration.ofHours(1), debounce, Optional.empty());
  }

  @Test
  void aBurstOfChangesIsCoalescedIntoOneSync() throws Exception {
    CountingSource source = new CountingSource();
    InMemoryDnsBackend dns = new InMemoryDnsBackend("kuberoute");
    try (SyncLoop loop = loop(source, dns, Duration.ofMillis(100))) {
      for (int i = 0; i < 50; i++) {
        loop.onChange();
      }
      assertThat(source.entered.await(5, TimeUnit.SECONDS)).isTrue();
      // well past the debounce window: the 50 changes made exactly one sync
      Thread.sleep(500);
      assertThat(source.syncs.get()).isEqualTo(1);
      // a change after that sync makes one more
      loop.onChange();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (source.syncs.get() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(source.syncs.get()).isEqualTo(2);
    }
    assertThat(dns.all()).hasSize(1);
  }

  @Test
  void concurrentSyncRequestsShareOneSync() throws Exception {
    CountingSource source = new CountingSource();
    source.gate = new CountDownLatch(1);
    InMemoryDnsBackend dns = new InMemoryDnsBackend("kuberoute");
    try (SyncLoop loop = loop(source, dns, Duration.ofMillis(10))) {
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
    SyncLoop loop = loop(source, dns, Duration.ofMillis(10));
    CompletableFuture<SyncResult> running = loop.syncNow();
    assertThat(source.entered.await(5, TimeUnit.SECONDS)).isTrue();

    Thread releaser = new Thread(() -> {
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
    try (SyncLoop loop = loop(source, dns, Duration.ofMillis(10))) {
      loop.start();
      assertThat(source.entered.await(5, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(dns.all()).hasSize(1);
  }
}
