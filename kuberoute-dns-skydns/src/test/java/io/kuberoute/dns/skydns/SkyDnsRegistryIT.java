package io.kuberoute.dns.skydns;

import static io.kuberoute.dns.skydns.SyncFixtures.key;
import static io.kuberoute.dns.skydns.SyncFixtures.merged;
import static io.kuberoute.dns.skydns.SyncFixtures.published;
import static io.kuberoute.dns.skydns.SyncFixtures.publishedBy;
import static io.kuberoute.dns.skydns.SyncFixtures.service;
import static io.kuberoute.testkit.fixtures.Fixtures.withLabel;
import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.core.app.HeartbeatSettings;
import io.kuberoute.core.app.SyncError;
import io.kuberoute.core.app.SyncResult;
import io.kuberoute.core.app.SyncService;
import io.kuberoute.core.app.SyncSettings;
import io.kuberoute.core.app.SyncTrigger;
import io.kuberoute.core.model.CurrentRecord;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.DomainFilter;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import io.kuberoute.core.model.ServiceInfo;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.core.port.ReadScope;
import io.kuberoute.core.port.ZoneState;
import io.kuberoute.core.template.Template;
import io.kuberoute.testkit.etcd.EtcdExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The keys in etcd are the registry (issue 12). Every scenario runs one kuberoute process, closes
 * it, and starts a fresh one (a new backend and sync service that know nothing of the first) over
 * the same etcd: what the fresh one does follows from the keys alone.
 */
class SkyDnsRegistryIT {

  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();

  private final SyncFixtures fx = new SyncFixtures();
  private final List<Run> started = new ArrayList<>();

  /** One kuberoute process: a backend over the test's etcd and a sync service over it. */
  private record Run(DnsBackend backend, SyncService sync) implements AutoCloseable {
    SyncResult sync(SyncTrigger trigger) {
      return sync.sync(trigger);
    }

    SyncResult syncOk(SyncTrigger trigger) {
      SyncResult r = sync.sync(trigger);
      assertThat(r.errors()).isEmpty();
      assertThat(r.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
      return r;
    }

    @Override
    public void close() {
      backend.close();
    }
  }

  @BeforeEach
  void emptyEtcd() {
    ETCD.keys().deleteAll();
  }

  @AfterEach
  void stopProcesses() {
    started.forEach(Run::close);
  }

  /** A fresh process over {@code cluster}'s cluster. */
  private Run start(SyncFixtures cluster, SyncSettings settings) {
    DnsBackend backend =
        SkyDnsDnsBackend.create(SyncFixtures.settings(ETCD.server()), settings.plan().ownerId());
    Run p = new Run(backend, cluster.service(backend, settings));
    started.add(p);
    return p;
  }

  private Run start(SyncSettings settings) {
    return start(fx, settings);
  }

  private static SyncSettings settings(String ownerId) {
    return SyncFixtures.syncSettings(ownerId, true, Optional.empty());
  }

  private static ServiceInfo shop() {
    return service("shop", "shop", "example.com");
  }

  private static Map<String, String> skydns() {
    return ETCD.keys().all("/skydns/");
  }

  /** Every key under the prefix with the revision that last changed it. */
  private static Map<String, Long> revisions() {
    return ETCD.keys().get("/skydns/").entrySet().stream()
        .collect(
            Collectors.toMap(
                Map.Entry::getKey, e -> e.getValue().getModRevision(), (a, b) -> a, TreeMap::new));
  }

  private static Map<String, Long> without(Map<String, Long> revisions, Set<String> keys) {
    Map<String, Long> out = new TreeMap<>(revisions);
    out.keySet().removeAll(keys);
    return out;
  }

  private static List<String> messages(SyncResult r) {
    return r.errors().stream().map(SyncError::message).toList();
  }

  private static long ranges() {
    return ETCD.server().kvCalls("Range");
  }

  private static long writes() {
    return ETCD.server().kvCalls("Txn")
        + ETCD.server().kvCalls("Put")
        + ETCD.server().kvCalls("DeleteRange");
  }

  @Test
  void aFreshProcessDeletesExactlyTheKeysOfADomainNoServiceUsesAnyMore() {
    Map<String, String> neighbours = new LinkedHashMap<>();
    neighbours.put("/skydns/test/unrelated/manual/x1", "{\"host\":\"192.0.2.1\"}");
    neighbours.put(
        "/skydns/test/unrelated/theirs/x1", "{\"host\":\"192.0.2.2\",\"owner\":\"cluster-b\"}");
    neighbours.put(
        "/skydns/test/unrelated/solo2/x1", "{\"host\":\"192.0.2.3\",\"owner\":\"cluster-b\"}");
    neighbours.put("/skydns/test/unrelated/solo/a/x1", "{\"host\":\"192.0.2.4\"}");
    neighbours.put("/skydns/test/unrelated-too/solo/x1", "{\"host\":\"192.0.2.5\"}");
    ETCD.keys().putAll(neighbours);
    fx.set(
        List.of(shop(), service("solo", "solo", "unrelated.test")),
        Map.of("shop", List.of("10.0.0.1"), "solo", List.of("10.0.0.2", "10.0.0.3")));
    try (Run first = start(settings("kuberoute"))) {
      first.syncOk(SyncTrigger.FULL);
    }
    Map<String, String> solo = published("solo.unrelated.test", "10.0.0.2", "10.0.0.3");
    assertThat(skydns()).containsAllEntriesOf(solo);
    Map<String, Long> before = revisions();

    fx.set(List.of(shop()), Map.of("shop", List.of("10.0.0.1")));
    Run fresh = start(settings("kuberoute"));
    SyncResult r = fresh.syncOk(SyncTrigger.FULL);

    assertThat(r.applied().deletes())
        .containsExactly(
            RecordSet.of("solo.unrelated.test", RecordType.A, 60, "10.0.0.2", "10.0.0.3"));
    assertThat(r.applied().creates()).isEmpty();
    assertThat(r.applied().updates()).isEmpty();
    assertThat(skydns()).isEqualTo(merged(published("shop.example.com", "10.0.0.1"), neighbours));
    assertThat(revisions()).isEqualTo(without(before, solo.keySet()));
    assertThat(fresh.syncOk(SyncTrigger.FULL).planned().isEmpty()).isTrue();
  }

  @Test
  void aFreshProcessRemovesTheHeartbeatOfADomainThatHasNoRoutesAnyMore() {
    HeartbeatSettings hb =
        new HeartbeatSettings(
            Template.compile("heartbeat"),
            Template.compile(HeartbeatSettings.DEFAULT_VALUE),
            Duration.ofSeconds(60));
    SyncSettings withHeartbeat = SyncFixtures.syncSettings("kuberoute", true, Optional.of(hb));
    fx.set(
        List.of(shop(), service("api", "api", "example.org")),
        Map.of("shop", List.of("10.0.0.1"), "api", List.of("10.0.0.2")));
    try (Run first = start(withHeartbeat)) {
      first.syncOk(SyncTrigger.FULL);
    }
    Map<String, String> heartbeatCom =
        publishedBy("heartbeat", "heartbeat.example.com", "2026-11-25-10-5.kuberoute.timestamp");
    assertThat(skydns())
        .isEqualTo(
            merged(
                published("shop.example.com", "10.0.0.1"),
                published("api.example.org", "10.0.0.2"),
                heartbeatCom,
                publishedBy(
                    "heartbeat", "heartbeat.example.org", "2026-11-25-10-5.kuberoute.timestamp")));

    fx.set(List.of(shop()), Map.of("shop", List.of("10.0.0.1")));
    Run fresh = start(withHeartbeat);
    SyncResult r = fresh.syncOk(SyncTrigger.FULL);

    assertThat(r.applied().deletes())
        .extracting(RecordSet::name)
        .containsExactlyInAnyOrder(
            DnsName.of("api.example.org"), DnsName.of("heartbeat.example.org"));
    assertThat(skydns()).isEqualTo(merged(published("shop.example.com", "10.0.0.1"), heartbeatCom));
  }

  @Test
  void previousOwnerIdsAreTakenOverWhereverTheyAreAndNoOtherIdIsEverTouched() {
    Map<String, String> others = new LinkedHashMap<>();
    others.put("/skydns/com/example/theirs/x1", "{\"host\":\"192.0.2.1\",\"owner\":\"cluster-b\"}");
    others.put(
        "/skydns/test/unrelated/theirs/x1", "{\"host\":\"192.0.2.2\",\"owner\":\"cluster-b\"}");
    others.put("/skydns/com/example/manual/x1", "{\"host\":\"192.0.2.3\"}");
    ETCD.keys().putAll(others);
    fx.set(
        List.of(
            shop(),
            service("gone", "gone", "example.com"),
            service("solo", "solo", "unrelated.test")),
        Map.of(
            "shop",
            List.of("10.0.0.1", "10.0.0.2"),
            "gone",
            List.of("10.0.0.3"),
            "solo",
            List.of("10.0.0.4")));
    try (Run old = start(settings("old-id"))) {
      old.syncOk(SyncTrigger.FULL);
    }
    Map<String, Long> before = revisions();
    fx.set(List.of(shop()), Map.of("shop", List.of("10.0.0.1", "10.0.0.2")));

    // a process that does not list old-id leaves its keys alone, wanted or not
    try (Run unaware = start(settings("kuberoute"))) {
      SyncResult r = unaware.sync(SyncTrigger.FULL);
      assertThat(messages(r))
          .containsExactly(
              "shop.example.com is owned by 'old-id' (service/default/shop), not by 'kuberoute'; not changed");
      assertThat(r.applied().isEmpty()).isTrue();
    }
    assertThat(revisions()).isEqualTo(before);

    SyncSettings takeOver =
        settings("kuberoute")
            .withPlan(settings("kuberoute").plan().withPreviousOwnerIds(Set.of("old-id")));
    Run fresh = start(takeOver);
    SyncResult r = fresh.syncOk(SyncTrigger.FULL);

    RecordSet shop = RecordSet.of("shop.example.com", RecordType.A, 60, "10.0.0.1", "10.0.0.2");
    assertThat(r.applied().updates())
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.before()).isEqualTo(shop);
              assertThat(u.after()).isEqualTo(shop);
            });
    assertThat(r.applied().deletes())
        .containsExactlyInAnyOrder(
            RecordSet.of("gone.example.com", RecordType.A, 60, "10.0.0.3"),
            RecordSet.of("solo.unrelated.test", RecordType.A, 60, "10.0.0.4"));
    assertThat(skydns())
        .isEqualTo(merged(published("shop.example.com", "10.0.0.1", "10.0.0.2"), others));
    Map<String, Long> othersBefore = new TreeMap<>(before);
    othersBefore.keySet().retainAll(others.keySet());
    Map<String, Long> othersAfter = revisions();
    othersAfter.keySet().retainAll(others.keySet());
    assertThat(othersAfter).isEqualTo(othersBefore);

    long revision = ETCD.keys().revision();
    assertThat(fresh.syncOk(SyncTrigger.FULL).planned().isEmpty()).as("re-marked once").isTrue();
    assertThat(ETCD.keys().revision()).isEqualTo(revision);
  }

  @Test
  void withDomainsOwnedKeysOutsideStayAndAServiceOutsideIsReported() {
    fx.set(
        List.of(
            shop(),
            service("gone", "gone", "example.com"),
            service("api", "api", "example.org"),
            service("solo", "solo", "unrelated.test")),
        Map.of(
            "shop",
            List.of("10.0.0.1"),
            "gone",
            List.of("10.0.0.2"),
            "api",
            List.of("10.0.0.3"),
            "solo",
            List.of("10.0.0.4")));
    try (Run first = start(settings("kuberoute"))) {
      first.syncOk(SyncTrigger.FULL);
    }
    Map<String, Long> before = revisions();

    fx.set(
        List.of(shop(), service("api", "api", "example.org")),
        Map.of("shop", List.of("10.0.0.1"), "api", List.of("10.0.0.5")));
    Run fresh = start(settings("kuberoute").withDomains(DomainFilter.of("example.com")));
    long ranges = ranges();
    SyncResult r = fresh.sync(SyncTrigger.FULL);

    assertThat(ranges() - ranges).as("only example.com's keys are read").isEqualTo(1);
    assertThat(r.errors())
        .extracting(SyncError::cause, SyncError::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                SyncError.Cause.SERVICE,
                "service default/api: name api.example.org is outside the managed domains (example.com); not published"));
    assertThat(r.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(r.applied().deletes())
        .containsExactly(RecordSet.of("gone.example.com", RecordType.A, 60, "10.0.0.2"));
    assertThat(r.applied().creates()).isEmpty();
    assertThat(r.applied().updates()).isEmpty();
    assertThat(revisions())
        .isEqualTo(without(before, published("gone.example.com", "10.0.0.2").keySet()));
    assertThat(skydns())
        .isEqualTo(
            merged(
                published("shop.example.com", "10.0.0.1"),
                published("api.example.org", "10.0.0.3"),
                published("solo.unrelated.test", "10.0.0.4")));
  }

  @Test
  void twoOwnerIdsOnOnePrefixNeverTouchEachOthersKeysAndANameBothClaimDoesNotFlap() {
    SyncFixtures clusterB = new SyncFixtures();
    SyncSettings a = settings("cluster-a");
    SyncSettings b = settings("cluster-b");
    clusterB.set(
        List.of(
            service("api", "api", "example.com"),
            service("both", "both", "example.com"),
            service("www", "www", "example.org")),
        Map.of(
            "api", List.of("10.0.1.1"), "both", List.of("10.0.1.2"), "www", List.of("10.0.1.3")));
    fx.set(
        List.of(shop(), service("both", "both", "example.com")),
        Map.of("shop", List.of("10.0.0.1"), "both", List.of("10.0.0.2")));
    Run processA = start(fx, a);
    Run processB = start(clusterB, b);
    processA.syncOk(SyncTrigger.FULL);
    String conflict =
        "both.example.com is owned by 'cluster-a' (service/default/both), not by 'cluster-b'; not changed";
    assertThat(messages(processB.sync(SyncTrigger.FULL))).containsExactly(conflict);
    Map<String, Long> notShop =
        without(revisions(), published("shop.example.com", "10.0.0.1").keySet());

    String shopIp = "10.0.0.1";
    for (int run = 0; run < 2; run++) {
      if (run == 1) { // both restart
        processA.close();
        processB.close();
        processA = start(fx, a);
        processB = start(clusterB, b);
      }
      for (int i = 0; i < 10; i++) {
        SyncTrigger trigger = i % 2 == 0 ? SyncTrigger.FULL : SyncTrigger.EVENT;
        shopIp = "10.0." + (2 + run) + "." + (i + 1);
        fx.set(
            List.of(shop(), service("both", "both", "example.com")),
            Map.of("shop", List.of(shopIp), "both", List.of("10.0.0.2")));

        SyncResult byA = processA.syncOk(trigger);
        SyncResult byB = processB.sync(trigger);

        assertThat(byA.applied().names()).containsExactly(DnsName.of("shop.example.com"));
        assertThat(messages(byB)).containsExactly(conflict);
        assertThat(byB.planned().isEmpty()).isTrue();
      }
    }

    assertThat(without(revisions(), published("shop.example.com", shopIp).keySet()))
        .isEqualTo(notShop);
    assertThat(skydns())
        .isEqualTo(
            merged(
                writtenBy("cluster-a", "service/default/shop", "shop.example.com", shopIp),
                writtenBy("cluster-a", "service/default/both", "both.example.com", "10.0.0.2"),
                writtenBy("cluster-b", "service/default/api", "api.example.com", "10.0.1.1"),
                writtenBy("cluster-b", "service/default/www", "www.example.org", "10.0.1.3")));
  }

  /**
   * The key → value {@code owner} writes for one target of {@code name}, claimed by {@code
   * resource}.
   */
  private static Map<String, String> writtenBy(
      String owner, String resource, String name, String target) {
    return Map.of(key(name, target), SyncFixtures.json(target, 60, owner, resource, name));
  }

  @Test
  void aServiceWhoseLabelsTurnedInvalidWhileNoProcessRanKeepsItsName() {
    ServiceInfo api = service("api", "api", "example.com");
    fx.set(List.of(shop(), api), Map.of("shop", List.of("10.0.0.1"), "api", List.of("10.0.0.2")));
    try (Run first = start(settings("kuberoute"))) {
      first.syncOk(SyncTrigger.FULL);
    }
    Map<String, Long> before = revisions();

    // the name label is no DNS name any more: nothing but the keys' resource names shop.example.com
    fx.set(
        List.of(withLabel(shop(), "kuberoute_name", "not a name!"), api),
        Map.of("shop", List.of("10.0.0.1"), "api", List.of("10.0.0.2")));
    Run fresh = start(settings("kuberoute"));
    SyncResult r = fresh.sync(SyncTrigger.FULL);

    assertThat(r.errors()).extracting(SyncError::cause).containsExactly(SyncError.Cause.SERVICE);
    assertThat(r.planned().isEmpty()).isTrue();
    assertThat(revisions()).isEqualTo(before);

    // once the Service is gone, its name goes too
    fx.set(List.of(api), Map.of("api", List.of("10.0.0.2")));
    SyncResult gone = fresh.syncOk(SyncTrigger.FULL);
    assertThat(gone.applied().deletes())
        .containsExactly(RecordSet.of("shop.example.com", RecordType.A, 60, "10.0.0.1"));
  }

  @Test
  void discoveryReadsMoreKeysThanOnePageAndFindsEveryOwnedRecordSet() {
    int names = 2 * EtcdGateway.PAGE_SIZE + 500;
    Map<String, String> keys = new LinkedHashMap<>();
    for (int i = 0; i < names; i++) {
      keys.putAll(
          published("n" + i + ".d" + (i % 7) + ".test", "10.1." + (i / 256) + "." + (i % 256)));
    }
    for (int i = 0; i < 100; i++) {
      keys.put(
          "/skydns/test/theirs/t" + i + "/x1", "{\"host\":\"192.0.2.1\",\"owner\":\"cluster-b\"}");
    }
    ETCD.keys().putAll(keys);

    try (DnsBackend fresh =
        SkyDnsDnsBackend.create(SyncFixtures.settings(ETCD.server()), "kuberoute")) {
      long ranges = ranges();
      ZoneState state =
          fresh.read(ReadScope.of(List.of(), Set.of("kuberoute"), DomainFilter.ALL), true);

      assertThat(ranges() - ranges).as("2,600 keys in pages of 1,000").isEqualTo(3);
      assertThat(state.failedDomains()).isEmpty();
      assertThat(state.records()).hasSize(names);
      assertThat(state.records())
          .extracting(c -> c.ownership().owner().orElseThrow())
          .containsOnly("kuberoute");
      assertThat(
              state.records().stream()
                  .map(c -> c.record().name().value())
                  .collect(Collectors.toSet()))
          .hasSize(names)
          .contains("n0.d0.test", "n999.d5.test", "n1000.d6.test", "n2499.d0.test");
    }
  }

  @Test
  void callsPerSyncWithAndWithoutDomains() {
    int services = 2500;
    List<ServiceInfo> all = new ArrayList<>();
    Map<String, List<String>> ips = new LinkedHashMap<>();
    Map<String, String> keys = new LinkedHashMap<>();
    for (int i = 0; i < services; i++) {
      String domain = "d" + (i % 5) + ".test";
      all.add(service("s" + i, "s" + i, domain));
      ips.put("s" + i, List.of("10.0.0.1"));
      keys.putAll(published("s" + i + "." + domain, "10.0.0.1"));
    }
    ETCD.keys().putAll(keys);
    fx.set(all, ips);

    // the first run: everything it wants is in etcd already
    try (Run first = start(settings("kuberoute"))) {
      long ranges = ranges();
      long writes = writes();
      SyncResult full = first.syncOk(SyncTrigger.FULL);
      long fullRanges = ranges() - ranges;
      SyncResult event = first.syncOk(SyncTrigger.EVENT);
      long eventRanges = ranges() - ranges - fullRanges;

      assertThat(full.planned().isEmpty()).isTrue();
      assertThat(event.planned().isEmpty()).isTrue();
      assertThat(writes() - writes).as("idle syncs write nothing").isZero();
      assertThat(fullRanges).as("full sync, no domains: 2,500 keys in pages of 1,000").isEqualTo(3);
      assertThat(eventRanges).as("event sync").isZero();
      System.out.printf(
          "skydns calls, %d keys in 5 domains: full sync %d range calls (%d ms), event sync %d (%d ms), 0 writes%n",
          services,
          fullRanges,
          full.duration().toMillis(),
          eventRanges,
          event.duration().toMillis());
    }

    // a fresh run limited to two of the five domains (and their Services) reads only those
    List<ServiceInfo> inTwo =
        all.stream()
            .filter(svc -> svc.labels().get("kuberoute_domain").matches("d[01]\\.test"))
            .toList();
    fx.set(inTwo, ips);
    try (Run limited =
        start(settings("kuberoute").withDomains(DomainFilter.of("d0.test", "d1.test")))) {
      long ranges = ranges();
      long writes = writes();
      SyncResult full = limited.syncOk(SyncTrigger.FULL);
      long fullRanges = ranges() - ranges;
      SyncResult event = limited.syncOk(SyncTrigger.EVENT);
      long eventRanges = ranges() - ranges - fullRanges;

      assertThat(inTwo).hasSize(2 * services / 5);
      assertThat(full.planned().isEmpty())
          .as("the other domains' owned keys are not seen")
          .isTrue();
      assertThat(writes() - writes).isZero();
      assertThat(fullRanges).as("full sync with domains: one range per domain").isEqualTo(2);
      assertThat(eventRanges).isZero();
      System.out.printf(
          "skydns calls, domains = d0.test,d1.test: full sync %d range calls (%d ms), event sync %d (%d ms)%n",
          fullRanges, full.duration().toMillis(), eventRanges, event.duration().toMillis());
    }
    // one change: the event sync writes the name and reads nothing
    fx.set(all, ips);
    try (Run again = start(settings("kuberoute"))) {
      again.syncOk(SyncTrigger.FULL);
      ips.put("s7", List.of("10.0.0.9"));
      fx.set(all, ips);
      long ranges = ranges();
      long txns = ETCD.server().kvCalls("Txn");
      SyncResult event = again.syncOk(SyncTrigger.EVENT);

      assertThat(event.applied().names()).containsExactly(DnsName.of("s7.d2.test"));
      assertThat(ranges() - ranges).isZero();
      assertThat(ETCD.server().kvCalls("Txn") - txns).isEqualTo(1);
      assertThat(
              again
                  .backend()
                  .read(ReadScope.of(List.of(), Set.of("kuberoute"), DomainFilter.ALL), false)
                  .records())
          .filteredOn(c -> c.record().name().equals(DnsName.of("s7.d2.test")))
          .extracting(CurrentRecord::record)
          .containsExactly(RecordSet.of("s7.d2.test", RecordType.A, 60, "10.0.0.9"));
    }
  }
}
