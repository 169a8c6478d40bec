package io.kuberoute.core.app;

import static io.kuberoute.testkit.fixtures.Fixtures.node;
import static io.kuberoute.testkit.fixtures.Fixtures.pod;
import static io.kuberoute.testkit.fixtures.Fixtures.routed;
import static io.kuberoute.testkit.fixtures.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kuberoute.core.model.CurrentRecord;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.PodInfo;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import io.kuberoute.testkit.fixtures.InMemoryDnsBackend;
import io.kuberoute.testkit.fixtures.MutableClusterSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A change the DNS service refuses in an event sync is retried within seconds (an event sync of
 * that name after a backoff), not at the next full sync; a name refused for good is retried with a
 * doubling backoff, not in a loop. The full syncs here are an hour apart, so none comes between.
 */
class RefusedChangeRetryTest {

  private static final DnsName SHOP = DnsName.of("shop.example.com");

  private final MutableClusterSource source = new MutableClusterSource();
  private final InMemoryDnsBackend dns = new InMemoryDnsBackend("kuberoute");
  private final List<Attempt> syncs = new CopyOnWriteArrayList<>();
  private final List<SyncLoop> loops = new ArrayList<>();

  /** A sync's result and when it ended (nanoTime, taken by the listener at the sync's end). */
  record Attempt(SyncResult result, long endedNanos) {
    boolean failedShop() {
      return result.errors().stream()
          .anyMatch(
              e -> e.cause() == SyncError.Cause.DNS_APPLY && e.subject().equals(SHOP.value()));
    }
  }

  @AfterEach
  void stopLoops() {
    loops.forEach(SyncLoop::close);
  }

  private SyncLoop start(RetryBackoff backoff) {
    SyncService service =
        SyncService.builder(source, dns, SyncSettings.defaults())
            .onResult(r -> syncs.add(new Attempt(r, System.nanoTime())))
            .build();
    SyncLoop loop = new SyncLoop(service, Duration.ofHours(1), Optional.empty(), backoff);
    loops.add(loop);
    source.addChangeListener(loop::onChange);
    loop.start();
    return loop;
  }

  private void shopOn(String... nodes) {
    List<PodInfo> pods = new ArrayList<>();
    for (String n : nodes) {
      pods.add(pod("shop-" + n, "shop", n));
    }
    source.set(
        snapshot(
            List.of(routed("shop", "shop", "example.com")),
            pods,
            List.of(node("n1", "10.0.0.1"), node("n2", "10.0.0.2"))));
  }

  private List<RecordSet> published() {
    return dns.all().stream().map(CurrentRecord::record).toList();
  }

  private static RecordSet shopA(String... ips) {
    return RecordSet.of(SHOP, RecordType.A, 60, List.of(ips));
  }

  private long count(SyncTrigger trigger) {
    return syncs.stream().filter(a -> a.result().trigger() == trigger).count();
  }

  @Test
  void aRefusedEventSyncChangeIsWrittenAboutOneSecondLaterWithNoFullSyncInBetween() {
    shopOn("n1");
    start(RetryBackoff.DEFAULT);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> published().equals(List.of(shopA("10.0.0.1"))));

    dns.failName(SHOP); // the DNS service refuses the name's change
    shopOn("n1", "n2");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> syncs.stream().anyMatch(Attempt::failedShop));
    Attempt refused = syncs.stream().filter(Attempt::failedShop).findFirst().orElseThrow();
    assertThat(refused.result().trigger()).isEqualTo(SyncTrigger.EVENT);
    dns.healName(SHOP);

    await()
        .atMost(Duration.ofSeconds(3))
        .until(() -> published().equals(List.of(shopA("10.0.0.1", "10.0.0.2"))));
    Attempt written = syncs.get(syncs.size() - 1);
    assertThat(written.result().trigger()).isEqualTo(SyncTrigger.EVENT);
    assertThat(written.result().applied().names()).containsExactly(SHOP);
    assertThat(written.result().errors()).isEmpty();
    assertThat(Duration.ofNanos(written.endedNanos() - refused.endedNanos()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(count(SyncTrigger.FULL)).as("only the first full sync").isEqualTo(1);
    // once written, nothing more is retried
    assertThat(syncs).hasSize(3);
  }

  @Test
  void aNameRefusedForGoodIsRetriedWithADoublingBackoffNotInALoop() {
    RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(50), Duration.ofMillis(200));
    shopOn("n1");
    start(backoff);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> published().equals(List.of(shopA("10.0.0.1"))));
    dns.failName(SHOP);
    shopOn("n1", "n2");

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> syncs.stream().filter(Attempt::failedShop).count() >= 7);
    List<Attempt> failed = syncs.stream().filter(Attempt::failedShop).limit(7).toList();
    // the event sync of the change, then six retries at least 50, 100, 200, 200, 200, 200 ms apart
    List<Long> gaps = new ArrayList<>();
    for (int i = 1; i < failed.size(); i++) {
      gaps.add(
          Duration.ofNanos(failed.get(i).endedNanos() - failed.get(i - 1).endedNanos()).toMillis());
    }
    long[] least = {50, 100, 200, 200, 200, 200};
    for (int i = 0; i < least.length; i++) {
      assertThat(gaps.get(i)).as("gap %d of %s", i, gaps).isGreaterThanOrEqualTo(least[i]);
    }
    assertThat(Duration.ofNanos(failed.get(6).endedNanos() - failed.get(0).endedNanos()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(950));
    // each attempt is one write of that one name, and nothing but the retries ran
    assertThat(failed)
        .allSatisfy(a -> assertThat(a.result().planned().names()).containsExactly(SHOP));
    assertThat(count(SyncTrigger.FULL)).isEqualTo(1);
    assertThat(published()).containsExactly(shopA("10.0.0.1"));
  }

  @Test
  void aFreshSyncServiceOnTheSameDnsStateConvergesAndRetriesByItself() {
    shopOn("n1");
    SyncLoop first = start(RetryBackoff.DEFAULT);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> published().equals(List.of(shopA("10.0.0.1"))));
    dns.failName(SHOP);
    shopOn("n1", "n2");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> syncs.stream().anyMatch(Attempt::failedShop));
    first.close(); // stopped while the name is refused

    syncs.clear();
    start(RetryBackoff.DEFAULT); // a restarted process: its first full sync is refused too
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> syncs.stream().anyMatch(Attempt::failedShop));
    assertThat(syncs.get(0).result().trigger()).isEqualTo(SyncTrigger.FULL);
    dns.healName(SHOP);

    await()
        .atMost(Duration.ofSeconds(3))
        .until(() -> published().equals(List.of(shopA("10.0.0.1", "10.0.0.2"))));
    assertThat(count(SyncTrigger.FULL)).isEqualTo(1);
    assertThat(syncs.get(syncs.size() - 1).result().trigger()).isEqualTo(SyncTrigger.EVENT);
  }

  @Test
  void aDryRunWhichWritesNothingHasNothingToRetry() {
    shopOn("n1");
    SyncSettings d = SyncSettings.defaults();
    SyncService service =
        SyncService.builder(
                source,
                dns,
                new SyncSettings(d.route(), d.plan(), Optional.empty(), d.interval(), true))
            .dryRunOutput(line -> {})
            .build();
    assertThat(service.hasNamesToRetry()).isFalse();
    SyncResult r = service.sync(SyncTrigger.FULL);
    assertThat(r.planned().names()).containsExactly(SHOP);
    assertThat(r.applied().isEmpty()).isTrue();
    assertThat(service.hasNamesToRetry()).isFalse();
    assertThat(dns.all()).isEmpty();
  }
}
