package io.kuberoute.dns.route53;

import static io.kuberoute.testkit.fixtures.Fixtures.node;
import static io.kuberoute.testkit.fixtures.Fixtures.pod;
import static io.kuberoute.testkit.fixtures.Fixtures.routed;
import static io.kuberoute.testkit.route53.Route53TestServer.Operation.CHANGE_RESOURCE_RECORD_SETS;
import static io.kuberoute.testkit.route53.Route53TestServer.Operation.LIST_HOSTED_ZONES;
import static io.kuberoute.testkit.route53.Route53TestServer.Operation.LIST_RESOURCE_RECORD_SETS;
import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.core.app.HeartbeatSettings;
import io.kuberoute.core.app.SyncError;
import io.kuberoute.core.app.SyncResult;
import io.kuberoute.core.app.SyncService;
import io.kuberoute.core.app.SyncSettings;
import io.kuberoute.core.app.SyncTrigger;
import io.kuberoute.core.model.DomainFilter;
import io.kuberoute.core.model.NodeInfo;
import io.kuberoute.core.model.PodInfo;
import io.kuberoute.core.model.ServiceInfo;
import io.kuberoute.core.plan.PlanSettings;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.core.template.Template;
import io.kuberoute.testkit.fixtures.Fixtures;
import io.kuberoute.testkit.fixtures.MutableClusterSource;
import io.kuberoute.testkit.route53.Route53TestServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The DNS is the registry (issue 12), on Route53: every scenario runs two kuberoute processes one
 * after the other, the second a fresh backend and sync service over the same Route53 state, as a
 * restart, {@code --once} or a new leader would; nothing but the DNS carries over. The figures of
 * the call counts are in {@code docs/route53-registry-notes.md}.
 */
class Route53RegistryIT {

  private static final List<NodeInfo> NODES = List.of(node("n1", "10.0.0.1"));
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-01T17:03:00Z"), ZoneOffset.UTC);

  private static Route53TestServer server;
  private final List<Run> runs = new ArrayList<>();

  @BeforeAll
  static void startServer() {
    server = Route53TestServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void freshServer() {
    server.reset();
  }

  @AfterEach
  void stopRuns() {
    runs.forEach(Run::close);
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  void aDomainWhoseLastServiceIsGoneIsCleanedUpByAFreshProcess() {
    String example = server.createZone("example.com");
    String unrelated = server.createZone("unrelated.test");
    server.put(unrelated, "manual.unrelated.test", "A", 300, "192.0.2.1");
    Run first = start("kuberoute", SyncSettings.defaults());
    first.cluster.set(
        snapshot(
            services(
                routed("shop", "shop", "example.com"), routed("solo", "solo", "unrelated.test"))));
    assertThat(first.sync(SyncTrigger.FULL).outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(lines(unrelated))
        .contains(
            "solo.unrelated.test. A 60 10.0.0.1", mark("solo.unrelated.test", "kuberoute", "solo"));
    first.close();

    // the Service of solo is deleted while no kuberoute runs; nothing names unrelated.test any more
    Run second = start("kuberoute", SyncSettings.defaults());
    second.cluster.set(snapshot(services(routed("shop", "shop", "example.com"))));
    server.resetCounts();
    SyncResult result = second.sync(SyncTrigger.FULL);

    assertThat(result.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(result.errors()).isEmpty();
    assertThat(result.applied().deletes())
        .extracting(r -> r.name().value())
        .containsExactly("solo.unrelated.test");
    assertThat(lines(unrelated)).containsExactly("manual.unrelated.test. A 300 192.0.2.1");
    assertThat(lines(example))
        .containsExactlyInAnyOrder(
            "shop.example.com. A 60 10.0.0.1", mark("shop.example.com", "kuberoute", "shop"));
    // the record and its mark went in one request
    assertThat(server.acceptedBatchSizes()).containsExactly(2);
    assertThat(second.sync(SyncTrigger.FULL).applied().isEmpty()).isTrue();
  }

  @Test
  void theHeartbeatOfADomainWithoutRoutesIsRemovedByAFreshProcess() {
    String example = server.createZone("example.com");
    String old = server.createZone("old.test");
    SyncSettings withHeartbeat = heartbeat(SyncSettings.defaults());
    Run first = start("kuberoute", withHeartbeat);
    first.cluster.set(
        snapshot(
            services(
                routed("shop", "shop", "example.com"), routed("legacy", "legacy", "old.test"))));
    first.sync(SyncTrigger.FULL);
    assertThat(lines(old))
        .containsExactlyInAnyOrder(
            "heartbeat.old.test. CNAME 60 2026-12-1-17-3.kuberoute.timestamp.",
            mark("heartbeat.old.test", "kuberoute", "heartbeat"),
            "legacy.old.test. A 60 10.0.0.1",
            mark("legacy.old.test", "kuberoute", "legacy"));
    first.close();

    Run second = start("kuberoute", withHeartbeat);
    second.cluster.set(snapshot(services(routed("shop", "shop", "example.com"))));
    SyncResult result = second.sync(SyncTrigger.FULL);

    assertThat(result.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(result.applied().deletes())
        .extracting(r -> r.name().value())
        .containsExactlyInAnyOrder("heartbeat.old.test", "legacy.old.test");
    assertThat(lines(old)).isEmpty();
    assertThat(lines(example))
        .contains("heartbeat.example.com. CNAME 60 2026-12-1-17-3.kuberoute.timestamp.");
  }

  @Test
  void aLoneMarkOfAnotherOwnerAtAWantedNameIsAConflictOfThatNameOnlyInEveryProcess() {
    String zone = server.createZone("example.com");
    String theirs = "\"heritage=kuberoute,owner=cluster-b,resource=service/web/shop\"";
    server.put(zone, "_kuberoute.shop.example.com", "TXT", 300, theirs);
    String conflict =
        "shop.example.com is claimed by 'cluster-b' (service/web/shop) (an ownership mark with no records), "
            + "not by 'kuberoute'; not created";
    List<ServiceInfo> services =
        services(routed("shop", "shop", "example.com"), routed("api", "api", "example.com"));

    Run first = start("kuberoute", SyncSettings.defaults());
    first.cluster.set(snapshot(services));
    SyncResult one = first.sync(SyncTrigger.FULL);
    first.close();
    Run second = start("kuberoute", SyncSettings.defaults());
    second.cluster.set(snapshot(services));
    server.resetCounts();
    SyncResult two = second.sync(SyncTrigger.FULL);

    for (SyncResult result : List.of(one, two)) {
      assertThat(result.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
      assertThat(result.errors())
          .containsExactly(new SyncError(SyncError.Cause.CONFLICT, "shop.example.com", conflict));
      assertThat(result.applied().creates())
          .noneMatch(d -> d.record().name().value().equals("shop.example.com"));
    }
    assertThat(one.applied().creates())
        .extracting(d -> d.record().name().value())
        .containsExactly("api.example.com");
    assertThat(two.applied().isEmpty()).isTrue();
    assertThat(server.calls(CHANGE_RESOURCE_RECORD_SETS)).isZero();
    assertThat(lines(zone))
        .containsExactlyInAnyOrder(
            "api.example.com. A 60 10.0.0.1",
            mark("api.example.com", "kuberoute", "api"),
            "_kuberoute.shop.example.com. TXT 300 " + theirs);
  }

  @Test
  void previousOwnerIdsAreTakenOverAndOtherIdsAreLeftAlone() {
    String example = server.createZone("example.com");
    String unrelated = server.createZone("unrelated.test");
    Run first =
        start(
            "old-id",
            SyncSettings.defaults().withPlan(PlanSettings.defaults().withOwnerId("old-id")));
    first.cluster.set(
        snapshot(
            services(
                routed("shop", "shop", "example.com"),
                routed("gone", "gone", "example.com"),
                routed("solo", "solo", "unrelated.test"))));
    assertThat(first.sync(SyncTrigger.FULL).outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    first.close();
    // old-id's mark whose record was removed by hand, and another id's records in both zones
    server.put(example, "_kuberoute.api.example.com", "TXT", 300, value("old-id", "api"));
    server.put(example, "theirs.example.com", "A", 60, "192.0.2.7");
    server.put(example, "_kuberoute.theirs.example.com", "TXT", 300, value("other-id", "theirs"));
    server.put(unrelated, "far.unrelated.test", "A", 60, "192.0.2.8");
    server.put(unrelated, "_kuberoute.far.unrelated.test", "TXT", 300, value("other-id", "far"));

    SyncSettings takeOver =
        SyncSettings.defaults()
            .withPlan(
                PlanSettings.defaults()
                    .withOwnerId("new-id")
                    .withPreviousOwnerIds(java.util.Set.of("old-id")));
    Run second = start("new-id", takeOver);
    second.cluster.set(
        snapshot(
            services(routed("shop", "shop", "example.com"), routed("api", "api", "example.com"))));
    server.resetCounts();
    SyncResult result = second.sync(SyncTrigger.FULL);

    assertThat(result.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(result.errors()).isEmpty();
    assertThat(result.applied().updates())
        .extracting(u -> u.after().name().value())
        .containsExactly("shop.example.com");
    assertThat(result.applied().creates())
        .extracting(d -> d.record().name().value())
        .containsExactly("api.example.com");
    assertThat(result.applied().deletes())
        .extracting(r -> r.name().value())
        .containsExactlyInAnyOrder("gone.example.com", "solo.unrelated.test");
    assertThat(lines(example))
        .containsExactlyInAnyOrder(
            "api.example.com. A 60 10.0.0.1",
            mark("api.example.com", "new-id", "api"),
            "shop.example.com. A 60 10.0.0.1",
            mark("shop.example.com", "new-id", "shop"),
            "theirs.example.com. A 60 192.0.2.7",
            "_kuberoute.theirs.example.com. TXT 300 " + value("other-id", "theirs"));
    assertThat(lines(unrelated))
        .containsExactlyInAnyOrder(
            "far.unrelated.test. A 60 192.0.2.8",
            "_kuberoute.far.unrelated.test. TXT 300 " + value("other-id", "far"));
    // example.com: shop's mark rewritten (2), api created with its mark rewritten (3), gone and its
    // mark deleted (2), in one request; unrelated.test: solo and its mark (2)
    assertThat(server.acceptedBatchSizes()).containsExactlyInAnyOrder(7, 2);

    // taken over for good: the same process, and a fresh one that no longer knows old-id, are idle
    assertThat(second.sync(SyncTrigger.FULL).applied().isEmpty()).isTrue();
    second.close();
    Run third =
        start(
            "new-id",
            SyncSettings.defaults().withPlan(PlanSettings.defaults().withOwnerId("new-id")));
    third.cluster.set(
        snapshot(
            services(routed("shop", "shop", "example.com"), routed("api", "api", "example.com"))));
    server.resetCounts();
    SyncResult idle = third.sync(SyncTrigger.FULL);
    assertThat(idle.planned().isEmpty()).isTrue();
    assertThat(idle.errors()).isEmpty();
    assertThat(server.calls(CHANGE_RESOURCE_RECORD_SETS)).isZero();
  }

  @Test
  void withDomainsNothingOutsideIsReadOrWrittenEvenIfOwned() {
    String a = server.createZone("a.test");
    String b = server.createZone("b.test");
    String c = server.createZone("c.test");
    Run first = start("kuberoute", SyncSettings.defaults());
    first.cluster.set(
        snapshot(
            services(
                routed("x", "x", "a.test"),
                routed("w", "w", "a.test"),
                routed("y", "y", "b.test"),
                routed("z", "z", "b.test"),
                routed("v", "v", "c.test"))));
    first.sync(SyncTrigger.FULL);
    first.close();
    List<String> bBefore = lines(b);
    List<String> cBefore = lines(c);

    // w, z and v lose their Services; y stays but lies outside the managed domains
    Run second = start("kuberoute", SyncSettings.defaults().withDomains(DomainFilter.of("a.test")));
    second.cluster.set(snapshot(services(routed("x", "x", "a.test"), routed("y", "y", "b.test"))));
    server.resetCounts();
    SyncResult result = second.sync(SyncTrigger.FULL);

    assertThat(result.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(result.errors())
        .containsExactly(
            new SyncError(
                SyncError.Cause.SERVICE,
                "default/y",
                "service default/y: name y.b.test is outside the managed domains (a.test); not published"));
    assertThat(result.applied().deletes())
        .extracting(r -> r.name().value())
        .containsExactly("w.a.test");
    assertThat(lines(a))
        .containsExactlyInAnyOrder("x.a.test. A 60 10.0.0.1", mark("x.a.test", "kuberoute", "x"));
    assertThat(lines(b)).isEqualTo(bBefore).contains("z.b.test. A 60 10.0.0.1");
    assertThat(lines(c)).isEqualTo(cBefore);
    // the zones were listed, only a.test was read
    assertThat(server.zonesListed()).containsExactly(a);

    server.resetCounts();
    assertThat(second.sync(SyncTrigger.FULL).applied().isEmpty()).isTrue();
    assertThat(server.zonesListed()).containsExactly(a);
    assertThat(server.calls(LIST_HOSTED_ZONES)).isZero();
  }

  @Test
  void twoOwnerIdsOnOneZoneNeverTouchEachOthersRecordsAndAContestedNameDoesNotFlap() {
    String zone = server.createZone("example.com");
    List<NodeInfo> nodesA = List.of(node("a1", "10.0.0.1"));
    List<NodeInfo> nodesB = List.of(node("b1", "10.1.0.1"));
    List<ServiceInfo> servicesA =
        services(routed("shop", "shop", "example.com"), routed("only-a", "only-a", "example.com"));
    List<ServiceInfo> servicesB =
        services(routed("shop", "shop", "example.com"), routed("only-b", "only-b", "example.com"));
    Run a =
        start(
            "cluster-a",
            SyncSettings.defaults().withPlan(PlanSettings.defaults().withOwnerId("cluster-a")));
    Run b =
        start(
            "cluster-b",
            SyncSettings.defaults().withPlan(PlanSettings.defaults().withOwnerId("cluster-b")));
    a.cluster.set(Fixtures.snapshot(servicesA, pods(servicesA, "a1"), nodesA));
    b.cluster.set(Fixtures.snapshot(servicesB, pods(servicesB, "b1"), nodesB));
    List<String> settled =
        List.of(
            "only-a.example.com. A 60 10.0.0.1",
            mark("only-a.example.com", "cluster-a", "only-a"),
            "only-b.example.com. A 60 10.1.0.1",
            mark("only-b.example.com", "cluster-b", "only-b"),
            "shop.example.com. A 60 10.0.0.1",
            mark("shop.example.com", "cluster-a", "shop"));
    SyncError contested =
        new SyncError(
            SyncError.Cause.CONFLICT,
            "shop.example.com",
            "shop.example.com is owned by 'cluster-a' (service/default/shop), not by 'cluster-b'; not changed");

    assertThat(a.sync(SyncTrigger.FULL).errors()).isEmpty();
    assertThat(b.sync(SyncTrigger.FULL).errors()).containsExactly(contested);
    assertThat(lines(zone)).containsExactlyInAnyOrderElementsOf(settled);
    server.resetCounts();

    for (int round = 0; round < 12; round++) {
      if (round == 6) {
        // both restart: fresh backends and sync services over the same zone
        a = restart(a);
        b = restart(b);
      }
      SyncTrigger trigger = round % 3 == 2 ? SyncTrigger.EVENT : SyncTrigger.FULL;
      SyncResult ra = a.sync(trigger);
      SyncResult rb = b.sync(trigger);
      assertThat(ra.errors()).as("round %d, cluster-a", round).isEmpty();
      assertThat(ra.planned().isEmpty()).as("round %d, cluster-a", round).isTrue();
      assertThat(rb.errors()).as("round %d, cluster-b", round).containsExactly(contested);
      assertThat(rb.planned().isEmpty()).as("round %d, cluster-b", round).isTrue();
      assertThat(lines(zone)).as("round %d", round).containsExactlyInAnyOrderElementsOf(settled);
    }
    assertThat(server.calls(CHANGE_RESOURCE_RECORD_SETS)).isZero();

    // cluster-b's only-b Service goes: b deletes its record, a never touched it
    List<ServiceInfo> shopOnly = services(routed("shop", "shop", "example.com"));
    b.cluster.set(Fixtures.snapshot(shopOnly, pods(shopOnly, "b1"), nodesB));
    assertThat(a.sync(SyncTrigger.FULL).applied().isEmpty()).isTrue();
    SyncResult removed = b.sync(SyncTrigger.FULL);
    assertThat(removed.applied().deletes())
        .extracting(r -> r.name().value())
        .containsExactly("only-b.example.com");
    assertThat(lines(zone))
        .containsExactlyInAnyOrderElementsOf(
            settled.stream().filter(l -> !l.contains("only-b")).toList());
  }

  @Test
  void anIdleFullSyncSendsNoChangeAndReadsEachVisibleZoneOnceOrOnlyTheFilteredOne() {
    // 5 zones, one Service in each; zones come in pages of 2 (3 ListHostedZones pages)
    List<String> zones = new ArrayList<>();
    List<ServiceInfo> services = new ArrayList<>();
    for (String name : List.of("one", "two", "three", "four", "five")) {
      zones.add(server.createZone(name + ".test"));
      services.add(routed(name, "www", name + ".test"));
    }
    server.pageZonesBy(2);
    Run first = start("kuberoute", SyncSettings.defaults());
    first.cluster.set(snapshot(services));
    assertThat(first.sync(SyncTrigger.FULL).applied().creates()).hasSize(5);
    assertThat(server.calls())
        .containsEntry(LIST_HOSTED_ZONES, 3)
        .containsEntry(LIST_RESOURCE_RECORD_SETS, 5)
        .containsEntry(CHANGE_RESOURCE_RECORD_SETS, 5);
    first.close();

    // every zone visible: a fresh process lists the zones once and reads each zone once
    Run all = start("kuberoute", SyncSettings.defaults());
    all.cluster.set(snapshot(services));
    server.resetCounts();
    assertThat(all.sync(SyncTrigger.FULL).planned().isEmpty()).isTrue();
    assertThat(counts())
        .isEqualTo(
            Map.of(
                LIST_HOSTED_ZONES,
                3,
                LIST_RESOURCE_RECORD_SETS,
                5,
                CHANGE_RESOURCE_RECORD_SETS,
                0));
    assertThat(server.zonesListed()).containsExactlyInAnyOrderElementsOf(zones);
    server.resetCounts();
    assertThat(all.sync(SyncTrigger.FULL).planned().isEmpty()).isTrue();
    assertThat(counts())
        .isEqualTo(
            Map.of(
                LIST_HOSTED_ZONES,
                0,
                LIST_RESOURCE_RECORD_SETS,
                5,
                CHANGE_RESOURCE_RECORD_SETS,
                0));
    server.resetCounts();
    assertThat(all.sync(SyncTrigger.EVENT).planned().isEmpty()).isTrue();
    assertThat(counts())
        .isEqualTo(
            Map.of(
                LIST_HOSTED_ZONES,
                0,
                LIST_RESOURCE_RECORD_SETS,
                0,
                CHANGE_RESOURCE_RECORD_SETS,
                0));
    all.close();

    // domains = three.test: the zones are still listed, but only three.test is read
    Run filtered =
        start("kuberoute", SyncSettings.defaults().withDomains(DomainFilter.of("three.test")));
    filtered.cluster.set(snapshot(services));
    server.resetCounts();
    SyncResult firstFiltered = filtered.sync(SyncTrigger.FULL);
    assertThat(firstFiltered.planned().isEmpty()).isTrue();
    assertThat(firstFiltered.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(counts())
        .isEqualTo(
            Map.of(
                LIST_HOSTED_ZONES,
                3,
                LIST_RESOURCE_RECORD_SETS,
                1,
                CHANGE_RESOURCE_RECORD_SETS,
                0));
    assertThat(server.zonesListed()).containsExactly(zones.get(2));
    server.resetCounts();
    assertThat(filtered.sync(SyncTrigger.FULL).planned().isEmpty()).isTrue();
    assertThat(counts())
        .isEqualTo(
            Map.of(
                LIST_HOSTED_ZONES,
                0,
                LIST_RESOURCE_RECORD_SETS,
                1,
                CHANGE_RESOURCE_RECORD_SETS,
                0));
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * One kuberoute process: its own backend (new SDK client, empty caches), sync service and cluster
   * view.
   */
  private static final class Run implements AutoCloseable {
    final String ownerId;
    final SyncSettings settings;
    final MutableClusterSource cluster;
    final DnsBackend backend;
    final SyncService service;

    Run(String ownerId, SyncSettings settings, MutableClusterSource cluster) {
      this.ownerId = ownerId;
      this.settings = settings;
      this.cluster = cluster;
      this.backend =
          Route53DnsBackend.create(
              Route53Fixtures.settings(server), ownerId, Route53Fixtures.FAST_RETRIES);
      this.service = SyncService.builder(cluster, backend, settings).clock(CLOCK).build();
    }

    SyncResult sync(SyncTrigger trigger) {
      return service.sync(trigger);
    }

    @Override
    public void close() {
      backend.close();
    }
  }

  private Run start(String ownerId, SyncSettings settings) {
    Run run = new Run(ownerId, settings, new MutableClusterSource());
    runs.add(run);
    return run;
  }

  /** Stops {@code old} and starts a fresh process with its settings, seeing the same cluster. */
  private Run restart(Run old) {
    old.close();
    Run run = new Run(old.ownerId, old.settings, old.cluster);
    runs.add(run);
    return run;
  }

  private static SyncSettings heartbeat(SyncSettings s) {
    HeartbeatSettings hb =
        new HeartbeatSettings(
            Template.compile("heartbeat"),
            Template.compile(HeartbeatSettings.DEFAULT_VALUE),
            Duration.ofSeconds(60));
    return new SyncSettings(
        s.route(), s.plan(), Optional.of(hb), s.interval(), s.dryRun(), s.domains());
  }

  private static List<ServiceInfo> services(ServiceInfo... services) {
    return List.of(services);
  }

  /** A snapshot with one pod of each service on node n1. */
  private static io.kuberoute.core.model.ClusterSnapshot snapshot(List<ServiceInfo> services) {
    return Fixtures.snapshot(services, pods(services, "n1"), NODES);
  }

  private static List<PodInfo> pods(List<ServiceInfo> services, String node) {
    return services.stream().map(s -> pod(s.name() + "-1", s.name(), node)).toList();
  }

  private static Map<Route53TestServer.Operation, Integer> counts() {
    return Map.of(
        LIST_HOSTED_ZONES, server.calls(LIST_HOSTED_ZONES),
        LIST_RESOURCE_RECORD_SETS, server.calls(LIST_RESOURCE_RECORD_SETS),
        CHANGE_RESOURCE_RECORD_SETS, server.calls(CHANGE_RESOURCE_RECORD_SETS));
  }

  private static String value(String owner, String service) {
    return OwnershipMark.value(owner, "service/default/" + service);
  }

  /** The line of the ownership mark at {@code name}. */
  private static String mark(String name, String owner, String service) {
    String resource = service.equals("heartbeat") ? "heartbeat" : "service/default/" + service;
    return "_kuberoute." + name + ". TXT 300 " + OwnershipMark.value(owner, resource);
  }

  /**
   * The zone's record sets but the apex SOA/NS, as {@code name TYPE ttl v1,v2}, in Route53's order.
   */
  private static List<String> lines(String zoneId) {
    return server.userRecordSets(zoneId).stream()
        .map(
            s ->
                s.name()
                    + " "
                    + s.type()
                    + " "
                    + s.ttl()
                    + " "
                    + s.values().stream().sorted().collect(Collectors.joining(",")))
        .toList();
  }
}
