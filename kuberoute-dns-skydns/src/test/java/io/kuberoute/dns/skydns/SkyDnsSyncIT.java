package io.kuberoute.dns.skydns;

import static io.kuberoute.dns.skydns.SyncFixtures.json;
import static io.kuberoute.dns.skydns.SyncFixtures.key;
import static io.kuberoute.dns.skydns.SyncFixtures.merged;
import static io.kuberoute.dns.skydns.SyncFixtures.published;
import static io.kuberoute.dns.skydns.SyncFixtures.publishedBy;
import static io.kuberoute.dns.skydns.SyncFixtures.service;
import static io.kuberoute.testkit.fixtures.Fixtures.node;
import static io.kuberoute.testkit.fixtures.Fixtures.withLabel;
import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.KeyValue;
import io.kuberoute.core.app.HeartbeatSettings;
import io.kuberoute.core.app.SyncError;
import io.kuberoute.core.app.SyncResult;
import io.kuberoute.core.app.SyncService;
import io.kuberoute.core.app.SyncTrigger;
import io.kuberoute.core.model.ClusterSnapshot;
import io.kuberoute.core.model.CurrentRecord;
import io.kuberoute.core.model.DesiredRecord;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.NodeInfo;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import io.kuberoute.core.model.ServiceInfo;
import io.kuberoute.core.plan.ChangeSet;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.core.template.Template;
import io.kuberoute.testkit.etcd.EtcdExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Whole syncs through {@link SyncService} against a real etcd, asserting the keys etcd holds. */
class SkyDnsSyncIT {

  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();

  private final SyncFixtures fx = new SyncFixtures();
  private DnsBackend backend;
  private SyncService sync;

  @BeforeEach
  void freshBackend() {
    ETCD.keys().deleteAll();
    backend = SkyDnsDnsBackend.create(SyncFixtures.settings(ETCD.server()), "kuberoute");
    sync = fx.service(backend);
  }

  @AfterEach
  void closeBackend() {
    backend.close();
  }

  private Map<String, String> skydns() {
    return ETCD.keys().all("/skydns/");
  }

  private SyncResult syncOk(SyncTrigger trigger) {
    SyncResult r = sync.sync(trigger);
    assertThat(r.errors()).isEmpty();
    assertThat(r.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    return r;
  }

  private static ServiceInfo shop() {
    return service("shop", "shop", "example.com");
  }

  private static ServiceInfo withFailover(ServiceInfo s, String target, String quota) {
    return withLabel(withLabel(s, "kuberoute_failover", target), "kuberoute_quota", quota);
  }

  @Test
  void publishesExactKeysAndJsonForAAaaaAndCname() {
    ServiceInfo www =
        withFailover(service("www", "www", "example.com"), "failover.example.org", "0");
    fx.set(
        List.of(shop(), service("v6", "v6", "example.com"), www),
        Map.of("shop", List.of("10.0.0.2", "10.0.0.1"), "v6", List.of("2001:db8::5")));

    SyncResult r = syncOk(SyncTrigger.FULL);

    assertThat(r.applied().creates()).hasSize(3);
    assertThat(skydns())
        .isEqualTo(
            Map.of(
                "/skydns/com/example/shop/" + SkyDnsLayout.leaf("10.0.0.1"),
                "{\"host\":\"10.0.0.1\",\"ttl\":60,\"owner\":\"kuberoute\",\"resource\":\"service/default/shop\",\"group\":\"shop.example.com\"}",
                "/skydns/com/example/shop/" + SkyDnsLayout.leaf("10.0.0.2"),
                "{\"host\":\"10.0.0.2\",\"ttl\":60,\"owner\":\"kuberoute\",\"resource\":\"service/default/shop\",\"group\":\"shop.example.com\"}",
                "/skydns/com/example/v6/" + SkyDnsLayout.leaf("2001:db8::5"),
                "{\"host\":\"2001:db8::5\",\"ttl\":60,\"owner\":\"kuberoute\",\"resource\":\"service/default/v6\",\"group\":\"v6.example.com\"}",
                "/skydns/com/example/www/" + SkyDnsLayout.leaf("failover.example.org"),
                "{\"host\":\"failover.example.org\",\"ttl\":60,\"owner\":\"kuberoute\",\"resource\":\"service/default/www\",\"group\":\"www.example.com\"}"));
  }

  @Test
  void aSecondSyncWritesNothingAndLeavesTheRevisionAlone() {
    fx.set(
        List.of(shop(), service("api", "api", "example.org")),
        Map.of("shop", List.of("10.0.0.1", "10.0.0.2", "10.0.0.3"), "api", List.of("10.0.0.1")));
    syncOk(SyncTrigger.FULL);
    long revision = ETCD.keys().revision();
    Map<String, KeyValue> before = ETCD.keys().get("/skydns/");

    SyncResult full = syncOk(SyncTrigger.FULL);
    SyncResult event = syncOk(SyncTrigger.EVENT);
    DnsBackend restartedBackend =
        SkyDnsDnsBackend.create(SyncFixtures.settings(ETCD.server()), "kuberoute");
    SyncResult afterRestart = fx.service(restartedBackend).sync(SyncTrigger.FULL);
    restartedBackend.close();

    assertThat(full.planned().isEmpty()).isTrue();
    assertThat(event.planned().isEmpty()).isTrue();
    assertThat(afterRestart.planned().isEmpty()).isTrue();
    assertThat(afterRestart.errors()).isEmpty();
    assertThat(ETCD.keys().revision()).isEqualTo(revision);
    assertThat(modRevisions(ETCD.keys().get("/skydns/"))).isEqualTo(modRevisions(before));
  }

  @Test
  void
      aFullSyncIsOnePagedReadOfThePrefixAnEventSyncReadsNothingAndEachChangedNameIsOneTransaction() {
    fx.set(
        List.of(shop(), service("api", "api", "example.org")),
        Map.of("shop", List.of("10.0.0.1"), "api", List.of("10.0.0.2")));
    syncOk(SyncTrigger.FULL);
    long ranges = ETCD.server().kvCalls("Range");
    long txns = ETCD.server().kvCalls("Txn");
    long others = ETCD.server().kvCalls("Put") + ETCD.server().kvCalls("DeleteRange");

    syncOk(SyncTrigger.FULL);
    assertThat(ETCD.server().kvCalls("Range") - ranges)
        .as("full sync: one read of the prefix")
        .isEqualTo(1);
    syncOk(SyncTrigger.EVENT);
    assertThat(ETCD.server().kvCalls("Range") - ranges).as("event sync: no read").isEqualTo(1);
    assertThat(ETCD.server().kvCalls("Txn") - txns).as("idle syncs: no write").isZero();

    fx.set(
        List.of(shop(), service("api", "api", "example.org")),
        Map.of("shop", List.of("10.0.0.1", "10.0.0.3"), "api", List.of("10.0.0.4")));
    syncOk(SyncTrigger.EVENT);
    syncOk(SyncTrigger.EVENT);
    assertThat(ETCD.server().kvCalls("Range") - ranges)
        .as("event syncs after writes: no read")
        .isEqualTo(1);
    assertThat(ETCD.server().kvCalls("Txn") - txns).as("two names changed").isEqualTo(2);
    assertThat(ETCD.server().kvCalls("Put") + ETCD.server().kvCalls("DeleteRange") - others)
        .as("nothing outside transactions")
        .isZero();
  }

  @Test
  void aReadWithoutDiscoveryReadsEachDomainOnceAndADomainInsideAnotherWithItsParent() {
    fx.set(
        List.of(
            shop(), service("api", "api", "eu.example.com"), service("www", "www", "example.org")),
        Map.of(
            "shop", List.of("10.0.0.1"), "api", List.of("10.0.0.2"), "www", List.of("10.0.0.3")));
    syncOk(SyncTrigger.FULL);
    long ranges = ETCD.server().kvCalls("Range");

    List<CurrentRecord> read =
        backend
            .read(
                List.of(
                    DnsName.of("example.com"),
                    DnsName.of("eu.example.com"),
                    DnsName.of("example.org")),
                true)
            .records();

    assertThat(ETCD.server().kvCalls("Range") - ranges).isEqualTo(2);
    assertThat(read)
        .extracting(c -> c.record().name().value())
        .containsExactlyInAnyOrder("shop.example.com", "api.eu.example.com", "www.example.org");
    assertThat(skydns())
        .isEqualTo(
            merged(
                published("shop.example.com", "10.0.0.1"),
                published("api.eu.example.com", "10.0.0.2"),
                published("www.example.org", "10.0.0.3")));
  }

  @Test
  void aRecordAtTheDomainItselfLivesDirectlyUnderTheDomainsPath() {
    RecordSet apex = RecordSet.of("example.com", RecordType.A, 60, "10.0.0.7");
    RecordSet shop = RecordSet.of("shop.example.com", RecordType.A, 60, "10.0.0.1");
    ChangeSet create =
        new ChangeSet(
            List.of(
                new DesiredRecord(apex, "heartbeat"),
                new DesiredRecord(shop, "service/default/shop")),
            List.of(),
            List.of());

    assertThat(backend.apply(create).failedNames()).isEmpty();
    assertThat(skydns())
        .isEqualTo(
            merged(
                publishedBy("heartbeat", "example.com", "10.0.0.7"),
                published("shop.example.com", "10.0.0.1")));
    assertThat(skydns()).containsKey("/skydns/com/example/" + SkyDnsLayout.leaf("10.0.0.7"));
    assertThat(backend.read(List.of(DnsName.of("example.com")), true).records())
        .extracting(CurrentRecord::record)
        .containsExactly(apex, shop);

    assertThat(backend.apply(new ChangeSet(List.of(), List.of(), List.of(apex))).failedNames())
        .isEmpty();
    assertThat(skydns()).isEqualTo(published("shop.example.com", "10.0.0.1"));
  }

  @Test
  void shrinkingFromThreeToTwoTargetsLeavesExactlyTwoKeys() {
    fx.set(List.of(shop()), Map.of("shop", List.of("10.0.0.1", "10.0.0.2", "10.0.0.3")));
    syncOk(SyncTrigger.FULL);
    assertThat(skydns())
        .isEqualTo(published("shop.example.com", "10.0.0.1", "10.0.0.2", "10.0.0.3"));
    long revision = ETCD.keys().revision();

    fx.set(List.of(shop()), Map.of("shop", List.of("10.0.0.1", "10.0.0.3")));
    syncOk(SyncTrigger.EVENT);

    assertThat(skydns()).isEqualTo(published("shop.example.com", "10.0.0.1", "10.0.0.3"));
    assertThat(ETCD.keys().revision()).as("one transaction for the name").isEqualTo(revision + 1);
  }

  @Test
  void growingAddsExactlyTheNewKeys() {
    fx.set(List.of(shop()), Map.of("shop", List.of("10.0.0.1")));
    syncOk(SyncTrigger.FULL);
    String firstKey = key("shop.example.com", "10.0.0.1");
    long firstModRevision = ETCD.keys().get(firstKey).get(firstKey).getModRevision();

    fx.set(List.of(shop()), Map.of("shop", List.of("10.0.0.1", "10.0.0.2", "10.0.0.3")));
    syncOk(SyncTrigger.FULL);

    assertThat(skydns())
        .isEqualTo(published("shop.example.com", "10.0.0.1", "10.0.0.2", "10.0.0.3"));
    assertThat(ETCD.keys().get(firstKey).get(firstKey).getModRevision())
        .isEqualTo(firstModRevision);
  }

  @Test
  void failoverToACnameAndBackLeavesExactlyTheWantedKeys() {
    ServiceInfo shop = withFailover(shop(), "failover.example.org", "100");
    fx.set(List.of(shop), Map.of("shop", List.of("10.0.0.1", "10.0.0.2", "10.0.0.3")));
    syncOk(SyncTrigger.FULL);
    assertThat(skydns())
        .isEqualTo(published("shop.example.com", "10.0.0.1", "10.0.0.2", "10.0.0.3"));

    // one of three nodes stops serving: 66% < 100%, so the failover is published
    fx.set(List.of(shop), Map.of("shop", List.of("10.0.0.1", "10.0.0.2")));
    fx.cluster.set(withExtraNode(fx, "10.0.0.3"));
    long revision = ETCD.keys().revision();
    syncOk(SyncTrigger.EVENT);
    assertThat(skydns()).isEqualTo(published("shop.example.com", "failover.example.org"));
    assertThat(ETCD.keys().revision()).as("A→CNAME in one transaction").isEqualTo(revision + 1);

    fx.set(List.of(shop), Map.of("shop", List.of("10.0.0.1", "10.0.0.2", "10.0.0.3")));
    syncOk(SyncTrigger.EVENT);
    assertThat(skydns())
        .isEqualTo(published("shop.example.com", "10.0.0.1", "10.0.0.2", "10.0.0.3"));
    assertThat(ETCD.keys().revision()).as("CNAME→A in one transaction").isEqualTo(revision + 2);
  }

  /** The same cluster with one more Ready node that runs no pod of anything. */
  private static ClusterSnapshot withExtraNode(SyncFixtures fx, String ip) {
    ClusterSnapshot c = fx.cluster.snapshot();
    List<NodeInfo> nodes = new ArrayList<>(c.nodes());
    nodes.add(node("idle-" + ip, ip));
    return new ClusterSnapshot(c.services(), c.pods(), nodes, true);
  }

  @Test
  void aVanishedServicesKeysAreDeletedAndNothingElse() {
    fx.set(
        List.of(shop(), service("api", "api", "example.com")),
        Map.of("shop", List.of("10.0.0.1", "10.0.0.2"), "api", List.of("10.0.0.3")));
    syncOk(SyncTrigger.FULL);

    fx.set(List.of(service("api", "api", "example.com")), Map.of("api", List.of("10.0.0.3")));
    SyncResult r = syncOk(SyncTrigger.EVENT);

    assertThat(r.applied().deletes()).hasSize(1);
    assertThat(skydns()).isEqualTo(published("api.example.com", "10.0.0.3"));
  }

  @Test
  void theLastServiceOfADomainVanishingStillCleansTheDomain() {
    fx.set(List.of(shop()), Map.of("shop", List.of("10.0.0.1")));
    syncOk(SyncTrigger.FULL);

    fx.set(List.of(), Map.of());
    syncOk(SyncTrigger.FULL);

    assertThat(skydns()).isEmpty();
  }

  @Test
  void shopAndShop2AndAChildOfShopAreIndependentNames() {
    ServiceInfo shop2 = service("shop2", "shop2", "example.com");
    ServiceInfo child = service("child", "a.shop", "example.com");
    fx.set(
        List.of(shop(), shop2, child),
        Map.of(
            "shop",
            List.of("10.0.0.1"),
            "shop2",
            List.of("10.0.0.2"),
            "child",
            List.of("10.0.0.3")));
    syncOk(SyncTrigger.FULL);
    Map<String, KeyValue> othersBefore = ETCD.keys().get("/skydns/com/example/shop2/");
    othersBefore.putAll(ETCD.keys().get("/skydns/com/example/shop/a/"));

    fx.set(
        List.of(shop(), shop2, child),
        Map.of(
            "shop",
            List.of("10.0.0.9"),
            "shop2",
            List.of("10.0.0.2"),
            "child",
            List.of("10.0.0.3")));
    syncOk(SyncTrigger.EVENT);
    fx.set(
        List.of(shop2, child), Map.of("shop2", List.of("10.0.0.2"), "child", List.of("10.0.0.3")));
    syncOk(SyncTrigger.EVENT);

    assertThat(skydns())
        .isEqualTo(
            merged(
                published("shop2.example.com", "10.0.0.2"),
                publishedBy("service/default/child", "a.shop.example.com", "10.0.0.3")));
    Map<String, KeyValue> othersAfter = ETCD.keys().get("/skydns/com/example/shop2/");
    othersAfter.putAll(ETCD.keys().get("/skydns/com/example/shop/a/"));
    assertThat(modRevisions(othersAfter)).isEqualTo(modRevisions(othersBefore));
  }

  @Test
  void keysOfOthersAndKeysOutsideTheLayoutAreNeverChanged() {
    Map<String, String> foreign = new LinkedHashMap<>();
    foreign.put("/skydns/com/example/other/1", "{\"host\":\"192.0.2.1\",\"owner\":\"cluster-b\"}");
    foreign.put("/skydns/com/example/manual/x1", "{\"host\":\"192.0.2.2\"}");
    foreign.put("/skydns/com/example/garbage/x1", "this is not json");
    foreign.put("/skydns/com/example/txt/x1", "{\"text\":\"v=spf1 -all\"}");
    foreign.put("/skydns/com/example/legacy", "{\"host\":\"192.0.2.3\"}");
    foreign.put("/skydns/com/example/Upper/x1", "{\"host\":\"192.0.2.4\",\"owner\":\"kuberoute\"}");
    foreign.put("/skydns/com/example/shop/a/b/c/deep", "{\"host\":\"192.0.2.5\"}");
    foreign.put(
        "/skydns/com/example/shop/srv",
        "{\"host\":\"srv.example.org\",\"port\":8080,\"text\":\"x\"}");
    foreign.put("/skydns2/com/example/shop/x1", "{\"host\":\"192.0.2.6\",\"owner\":\"kuberoute\"}");
    foreign.put("/elsewhere", "{\"host\":\"192.0.2.7\",\"owner\":\"kuberoute\"}");
    foreign.forEach(ETCD.keys()::put);
    Map<String, KeyValue> before = ETCD.keys().get("/");

    fx.set(List.of(shop()), Map.of("shop", List.of("10.0.0.1", "10.0.0.2")));
    syncOk(SyncTrigger.FULL);
    fx.set(List.of(shop()), Map.of("shop", List.of("10.0.0.3")));
    syncOk(SyncTrigger.FULL);
    fx.set(List.of(), Map.of());
    syncOk(SyncTrigger.FULL);

    Map<String, KeyValue> after = ETCD.keys().get("/");
    assertThat(after.keySet()).containsExactlyInAnyOrderElementsOf(before.keySet());
    assertThat(modRevisions(after)).isEqualTo(modRevisions(before));
    assertThat(ETCD.keys().all("/")).isEqualTo(sorted(foreign));
  }

  @Test
  void aNameAnotherOwnerHoldsIsAConflictAndStaysUntouched() {
    String theirs = "/skydns/com/example/shop/theirs";
    ETCD.keys().put(theirs, "{\"host\":\"192.0.2.1\",\"owner\":\"cluster-b\"}");
    fx.set(
        List.of(shop(), service("api", "api", "example.com")),
        Map.of("shop", List.of("10.0.0.1"), "api", List.of("10.0.0.2")));

    SyncResult r = sync.sync(SyncTrigger.FULL);

    assertThat(r.errors())
        .extracting(SyncError::message)
        .containsExactly(
            "shop.example.com is owned by 'cluster-b', not by 'kuberoute'; not changed");
    assertThat(skydns())
        .isEqualTo(
            merged(
                Map.of(theirs, "{\"host\":\"192.0.2.1\",\"owner\":\"cluster-b\"}"),
                published("api.example.com", "10.0.0.2")));
  }

  @Test
  void twoClustersShareOneEtcdAndEachCleansOnlyItsOwnKeys() {
    DnsBackend clusterB =
        SkyDnsDnsBackend.create(SyncFixtures.settings(ETCD.server()), "cluster-b");
    SyncFixtures fxB = new SyncFixtures();
    SyncService syncB =
        fxB.service(clusterB, SyncFixtures.syncSettings("cluster-b", true, Optional.empty()));
    fx.set(List.of(shop()), Map.of("shop", List.of("10.0.0.1")));
    fxB.set(List.of(service("api", "api", "example.com")), Map.of("api", List.of("10.0.1.1")));
    syncOk(SyncTrigger.FULL);
    assertThat(syncB.sync(SyncTrigger.FULL).errors()).isEmpty();

    fx.set(List.of(), Map.of());
    syncOk(SyncTrigger.FULL);
    fxB.set(List.of(service("api", "api", "example.com")), Map.of("api", List.of("10.0.1.2")));
    assertThat(syncB.sync(SyncTrigger.FULL).errors()).isEmpty();
    clusterB.close();

    String api = "/skydns/com/example/api/" + SkyDnsLayout.leaf("10.0.1.2");
    assertThat(skydns())
        .isEqualTo(
            Map.of(
                api, json("10.0.1.2", 60, "cluster-b", "service/default/api", "api.example.com")));
  }

  @Test
  void theOriginalKuberoutesKeysAreAdoptedAndItsStaleKeysRemoved() {
    ETCD.keys().put("/skydns/com/example/shop/x1", "{\"host\": \"10.0.0.1\"}");
    ETCD.keys().put("/skydns/com/example/shop/x2", "{\"host\": \"10.0.0.2\"}");
    ETCD.keys().put("/skydns/com/example/shop/x3", "{\"host\": \"10.0.0.3\"}");
    fx.set(List.of(shop()), Map.of("shop", List.of("10.0.0.1", "10.0.0.2")));

    SyncResult r = syncOk(SyncTrigger.FULL);

    assertThat(r.applied().updates()).hasSize(1);
    assertThat(skydns()).isEqualTo(published("shop.example.com", "10.0.0.1", "10.0.0.2"));
  }

  @Test
  void anUnownedNameIsLeftAloneWhenAdoptionIsOff() {
    backend.close();
    backend = SkyDnsDnsBackend.create(SyncFixtures.settings(ETCD.server()), "kuberoute");
    sync = fx.service(backend, SyncFixtures.syncSettings("kuberoute", false, Optional.empty()));
    ETCD.keys().put("/skydns/com/example/shop/x1", "{\"host\": \"10.0.0.1\"}");
    fx.set(List.of(shop()), Map.of("shop", List.of("10.0.0.1", "10.0.0.2")));

    SyncResult r = sync.sync(SyncTrigger.FULL);

    assertThat(r.errors())
        .extracting(SyncError::message)
        .containsExactly(
            "shop.example.com already exists and is not owned by kuberoute; adopt_existing = false, not changed");
    assertThat(skydns())
        .isEqualTo(Map.of("/skydns/com/example/shop/x1", "{\"host\": \"10.0.0.1\"}"));
  }

  @Test
  void anEventSyncAnswersFromWhatWasReadAndAFullSyncRepairsDriftFromOutside() {
    fx.set(List.of(shop()), Map.of("shop", List.of("10.0.0.1", "10.0.0.2")));
    syncOk(SyncTrigger.FULL);
    String removed = key("shop.example.com", "10.0.0.2");
    ETCD.keys().delete(removed);

    SyncResult event = syncOk(SyncTrigger.EVENT);
    assertThat(event.planned().isEmpty()).as("the event sync trusts what it read").isTrue();
    assertThat(skydns()).doesNotContainKey(removed);

    SyncResult full = syncOk(SyncTrigger.FULL);
    assertThat(full.applied().updates()).hasSize(1);
    assertThat(skydns()).isEqualTo(published("shop.example.com", "10.0.0.1", "10.0.0.2"));
  }

  @Test
  void aNameChangedByAnotherWriterSinceTheReadFailsAloneAndTheNextSyncConverges() {
    ServiceInfo api = service("api", "api", "example.com");
    fx.set(List.of(shop(), api), Map.of("shop", List.of("10.0.0.1"), "api", List.of("10.0.0.5")));
    syncOk(SyncTrigger.FULL);
    // another writer edits shop's key after kuberoute read it
    String shopKey = key("shop.example.com", "10.0.0.1");
    ETCD.keys()
        .put(
            shopKey, json("10.0.0.1", 30, "kuberoute", "service/default/shop", "shop.example.com"));

    fx.set(List.of(shop(), api), Map.of("shop", List.of("10.0.0.2"), "api", List.of("10.0.0.6")));
    SyncResult r = sync.sync(SyncTrigger.EVENT);

    assertThat(r.errors())
        .extracting(SyncError::message)
        .containsExactly(
            "writing shop.example.com failed: its keys changed in etcd since they were read (another"
                + " writer?); nothing written, retried at the next sync");
    assertThat(skydns())
        .isEqualTo(
            merged(
                Map.of(
                    shopKey,
                    json("10.0.0.1", 30, "kuberoute", "service/default/shop", "shop.example.com")),
                published("api.example.com", "10.0.0.6")));

    syncOk(SyncTrigger.EVENT);
    assertThat(skydns())
        .isEqualTo(
            merged(
                published("shop.example.com", "10.0.0.2"),
                published("api.example.com", "10.0.0.6")));
  }

  @Test
  void theHeartbeatIsACnamePerDomainRewrittenEachInterval() {
    HeartbeatSettings hb =
        new HeartbeatSettings(
            Template.compile("heartbeat"),
            Template.compile(HeartbeatSettings.DEFAULT_VALUE),
            Duration.ofSeconds(60));
    backend.close();
    backend = SkyDnsDnsBackend.create(SyncFixtures.settings(ETCD.server()), "kuberoute");
    sync = fx.service(backend, SyncFixtures.syncSettings("kuberoute", true, Optional.of(hb)));
    fx.set(
        List.of(shop(), service("api", "api", "example.org")),
        Map.of("shop", List.of("10.0.0.1"), "api", List.of("10.0.0.2")));

    syncOk(SyncTrigger.FULL);
    assertThat(skydns())
        .isEqualTo(
            merged(
                published("shop.example.com", "10.0.0.1"),
                published("api.example.org", "10.0.0.2"),
                publishedBy(
                    "heartbeat", "heartbeat.example.com", "2026-11-25-10-5.kuberoute.timestamp"),
                publishedBy(
                    "heartbeat", "heartbeat.example.org", "2026-11-25-10-5.kuberoute.timestamp")));

    fx.clock.advance(Duration.ofSeconds(60));
    syncOk(SyncTrigger.HEARTBEAT);
    assertThat(skydns())
        .isEqualTo(
            merged(
                published("shop.example.com", "10.0.0.1"),
                published("api.example.org", "10.0.0.2"),
                publishedBy(
                    "heartbeat", "heartbeat.example.com", "2026-11-25-10-6.kuberoute.timestamp"),
                publishedBy(
                    "heartbeat", "heartbeat.example.org", "2026-11-25-10-6.kuberoute.timestamp")));
  }

  private static Map<String, Long> modRevisions(Map<String, KeyValue> kvs) {
    return kvs.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().getModRevision()));
  }

  private static Map<String, String> sorted(Map<String, String> m) {
    return new TreeMap<>(m);
  }
}
