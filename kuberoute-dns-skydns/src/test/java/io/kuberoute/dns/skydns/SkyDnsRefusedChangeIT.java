package io.kuberoute.dns.skydns;

import static io.kuberoute.dns.skydns.SyncFixtures.json;
import static io.kuberoute.dns.skydns.SyncFixtures.key;
import static io.kuberoute.dns.skydns.SyncFixtures.published;
import static io.kuberoute.dns.skydns.SyncFixtures.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kuberoute.core.app.RetryBackoff;
import io.kuberoute.core.app.SyncError;
import io.kuberoute.core.app.SyncLoop;
import io.kuberoute.core.app.SyncResult;
import io.kuberoute.core.app.SyncService;
import io.kuberoute.core.app.SyncTrigger;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.testkit.etcd.EtcdExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A record edited by hand in etcd between two syncs: the event sync's transaction, guarded by the
 * revisions it read, is refused; the name is read again and written about a second later by an
 * event sync of its own, with no full sync in between (they are an hour apart here). Also after a
 * restart over the same etcd.
 */
class SkyDnsRefusedChangeIT {

  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();

  private static final String SHOP = "shop.example.com";

  private final SyncFixtures fx = new SyncFixtures();
  private final List<Ended> syncs = new CopyOnWriteArrayList<>();
  private DnsBackend backend;
  private SyncLoop loop;

  record Ended(SyncResult result, long nanos) {
    boolean refusedShop() {
      return result.errors().stream()
          .anyMatch(e -> e.cause() == SyncError.Cause.DNS_APPLY && e.subject().equals(SHOP));
    }
  }

  @BeforeEach
  void empty() {
    ETCD.keys().deleteAll();
  }

  @AfterEach
  void stop() {
    if (loop != null) {
      loop.close();
    }
    if (backend != null) {
      backend.close();
    }
  }

  private void startProcess() {
    backend = SkyDnsDnsBackend.create(SyncFixtures.settings(ETCD.server()), "kuberoute");
    SyncService service =
        SyncService.builder(
                fx.cluster, backend, SyncFixtures.syncSettings("kuberoute", true, Optional.empty()))
            .onResult(r -> syncs.add(new Ended(r, System.nanoTime())))
            .build();
    loop = new SyncLoop(service, Duration.ofHours(1), Optional.empty(), RetryBackoff.DEFAULT);
    fx.cluster.addChangeListener(loop::onChange);
    loop.start();
  }

  private void stopProcess() {
    loop.close();
    backend.close();
    loop = null;
    backend = null;
  }

  private void shopOn(String... ips) {
    fx.set(List.of(service("shop", "shop", "example.com")), Map.of("shop", List.of(ips)));
  }

  private Map<String, String> skydns() {
    return ETCD.keys().all("/skydns/");
  }

  private static void editByHand(String target, int ttl) {
    ETCD.keys()
        .put(key(SHOP, target), json(target, ttl, "kuberoute", "service/default/shop", SHOP));
  }

  private long fullSyncs() {
    return syncs.stream().filter(e -> e.result().trigger() == SyncTrigger.FULL).count();
  }

  /** Edits the record by hand, changes the cluster, and returns the refused event sync. */
  private Ended refusedAfterAHandEdit(String editedTarget, String... nowOn) {
    editByHand(editedTarget, 30);
    int before = syncs.size();
    shopOn(nowOn);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> syncs.stream().skip(before).anyMatch(Ended::refusedShop));
    Ended refused =
        syncs.stream().skip(before).filter(Ended::refusedShop).findFirst().orElseThrow();
    assertThat(refused.result().trigger()).isEqualTo(SyncTrigger.EVENT);
    return refused;
  }

  private void assertWrittenByARetryAbout1sLater(Ended refused, Map<String, String> expected) {
    await().atMost(Duration.ofSeconds(4)).until(() -> skydns().equals(expected));
    Ended written = syncs.get(syncs.size() - 1);
    assertThat(written.result().trigger()).isEqualTo(SyncTrigger.EVENT);
    assertThat(written.result().errors()).isEmpty();
    assertThat(written.result().applied().names())
        .extracting(Object::toString)
        .containsExactly(SHOP);
    assertThat(Duration.ofNanos(written.nanos() - refused.nanos()))
        .isBetween(Duration.ofSeconds(1), Duration.ofSeconds(4));
  }

  @Test
  void aChangeRefusedBecauseTheRecordWasEditedByHandIsWrittenWithinSecondsWithoutAFullSync() {
    shopOn("10.0.0.1");
    startProcess();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> skydns().equals(published(SHOP, "10.0.0.1")));

    Ended refused = refusedAfterAHandEdit("10.0.0.1", "10.0.0.1", "10.0.0.2");
    assertThat(refused.result().applied().isEmpty()).isTrue();
    assertThat(skydns())
        .containsEntry(
            key(SHOP, "10.0.0.1"), json("10.0.0.1", 30, "kuberoute", "service/default/shop", SHOP));

    assertWrittenByARetryAbout1sLater(refused, published(SHOP, "10.0.0.1", "10.0.0.2"));
    assertThat(fullSyncs()).as("only the first full sync").isEqualTo(1);
    // the full sync, the refused event sync and the retry that wrote it
    assertThat(syncs).hasSize(3);
  }

  @Test
  void aFreshProcessOnTheSameEtcdConvergesAndRetriesARefusedChangeByItself() {
    shopOn("10.0.0.1", "10.0.0.2");
    startProcess();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> skydns().equals(published(SHOP, "10.0.0.1", "10.0.0.2")));
    stopProcess();

    editByHand("10.0.0.2", 30); // while no kuberoute runs
    syncs.clear();
    startProcess();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> skydns().equals(published(SHOP, "10.0.0.1", "10.0.0.2")));
    assertThat(syncs.get(0).result().trigger()).isEqualTo(SyncTrigger.FULL);
    assertThat(syncs.get(0).result().errors()).isEmpty();

    Ended refused = refusedAfterAHandEdit("10.0.0.1", "10.0.0.1");
    assertWrittenByARetryAbout1sLater(refused, published(SHOP, "10.0.0.1"));
    assertThat(fullSyncs()).isEqualTo(1);
  }
}
