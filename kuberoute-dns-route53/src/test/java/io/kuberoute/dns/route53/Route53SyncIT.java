package io.kuberoute.dns.route53;

import static io.kuberoute.testkit.fixtures.Fixtures.node;
import static io.kuberoute.testkit.fixtures.Fixtures.pod;
import static io.kuberoute.testkit.fixtures.Fixtures.routed;
import static io.kuberoute.testkit.fixtures.Fixtures.withLabel;
import static io.kuberoute.testkit.route53.Route53TestServer.Operation.CHANGE_RESOURCE_RECORD_SETS;
import static io.kuberoute.testkit.route53.Route53TestServer.Operation.GET_CHANGE;
import static io.kuberoute.testkit.route53.Route53TestServer.Operation.LIST_HOSTED_ZONES;
import static io.kuberoute.testkit.route53.Route53TestServer.Operation.LIST_RESOURCE_RECORD_SETS;
import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.core.app.SyncError;
import io.kuberoute.core.app.SyncResult;
import io.kuberoute.core.app.SyncService;
import io.kuberoute.core.app.SyncSettings;
import io.kuberoute.core.app.SyncTrigger;
import io.kuberoute.core.model.ClusterSnapshot;
import io.kuberoute.core.model.NodeInfo;
import io.kuberoute.core.model.PodInfo;
import io.kuberoute.core.model.ServiceInfo;
import io.kuberoute.core.plan.PlanSettings;
import io.kuberoute.core.plan.Policy;
import io.kuberoute.core.port.ClusterSource;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.testkit.fixtures.Fixtures;
import io.kuberoute.testkit.route53.Route53TestServer;
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
 * Whole syncs (cluster snapshot → plan → Route53) through the core's {@link SyncService}, against
 * the Route53 test server, asserting the exact record sets in the zone and the calls made.
 */
class Route53SyncIT {

  private static final String OWNED_BY = "heritage=kuberoute,owner=kuberoute,resource=";

  private static Route53TestServer server;
  private String zone;
  private final MutableCluster cluster = new MutableCluster();
  private DnsBackend backend;
  private SyncService service;
  private SyncSettings serviceSettings;

  @BeforeAll
  static void startServer() {
    server = Route53TestServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void freshZone() {
    server.reset();
    zone = server.createZone("example.com");
  }

  @AfterEach
  void closeBackend() {
    if (backend != null) {
      backend.close();
    }
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  void theFirstSyncCreatesTheRecordsAndTheirOwnershipMarksInOneRequest() {
    cluster.set(
        List.of(routed("shop", "shop", "example.com"), routed("api", "api", "example.com")),
        List.of(
            pod("shop-1", "shop", "n1"), pod("shop-2", "shop", "n2"), pod("api-1", "api", "n2")),
        List.of(node("n1", "10.0.0.1"), node("n2", "10.0.0.2")));

    SyncResult result = sync(SyncTrigger.FULL);

    assertThat(result.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(zoneLines())
        .containsExactlyInAnyOrder(
            mark("api.example.com", "api"),
            "api.example.com. A 60 10.0.0.2",
            mark("shop.example.com", "shop"),
            "shop.example.com. A 60 10.0.0.1,10.0.0.2");
    assertThat(server.acceptedBatchSizes()).containsExactly(4);
    assertThat(server.calls())
        .containsEntry(LIST_HOSTED_ZONES, 1)
        .containsEntry(LIST_RESOURCE_RECORD_SETS, 1)
        .containsEntry(CHANGE_RESOURCE_RECORD_SETS, 1)
        .containsEntry(GET_CHANGE, 0);
  }

  @Test
  void anIdleSecondSyncSendsNoChangeAndReadsEachZoneOnce() {
    cluster.set(
        List.of(routed("shop", "shop", "example.com"), routed("api", "api", "example.com")),
        List.of(pod("shop-1", "shop", "n1"), pod("api-1", "api", "n2")),
        List.of(node("n1", "10.0.0.1"), node("n2", "10.0.0.2")));
    sync(SyncTrigger.FULL);
    List<String> before = zoneLines();
    server.resetCounts();

    SyncResult full = sync(SyncTrigger.FULL);

    assertThat(full.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(full.planned().isEmpty()).isTrue();
    assertThat(server.calls())
        .containsEntry(LIST_HOSTED_ZONES, 0)
        .containsEntry(LIST_RESOURCE_RECORD_SETS, 1)
        .containsEntry(CHANGE_RESOURCE_RECORD_SETS, 0);

    server.resetCounts();
    SyncResult event = sync(SyncTrigger.EVENT);

    assertThat(event.planned().isEmpty()).isTrue();
    assertThat(server.calls().values()).containsOnly(0);
    assertThat(zoneLines()).isEqualTo(before);
  }

  @Test
  void anEventSyncAnswersFromTheCacheAndSendsOnlyTheChange() {
    cluster.set(
        List.of(routed("shop", "shop", "example.com")),
        List.of(pod("shop-1", "shop", "n1")),
        List.of(node("n1", "10.0.0.1"), node("n2", "10.0.0.2")));
    sync(SyncTrigger.FULL);
    server.resetCounts();
    cluster.set(
        List.of(routed("shop", "shop", "example.com")),
        List.of(pod("shop-1", "shop", "n1"), pod("shop-2", "shop", "n2")),
        List.of(node("n1", "10.0.0.1"), node("n2", "10.0.0.2")));

    SyncResult result = sync(SyncTrigger.EVENT);

    assertThat(result.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(server.calls())
        .containsEntry(LIST_HOSTED_ZONES, 0)
        .containsEntry(LIST_RESOURCE_RECORD_SETS, 0)
        .containsEntry(CHANGE_RESOURCE_RECORD_SETS, 1);
    assertThat(server.acceptedBatchSizes()).containsExactly(2);
    assertThat(zoneLines()).contains("shop.example.com. A 60 10.0.0.1,10.0.0.2");
  }

  @Test
  void shrinkGrowFailoverAndBackEachSendOneRequestWithExactValues() {
    ServiceInfo shop =
        withLabel(
            withLabel(routed("shop", "shop", "example.com"), "kuberoute_quota", "60"),
            "kuberoute_failover",
            "backup.example.org");
    List<NodeInfo> nodes =
        List.of(node("n1", "10.0.0.1"), node("n2", "10.0.0.2"), node("n3", "10.0.0.3"));
    PodInfo p1 = pod("shop-1", "shop", "n1");
    PodInfo p2 = pod("shop-2", "shop", "n2");
    PodInfo p3 = pod("shop-3", "shop", "n3");
    String mark = mark("shop.example.com", "shop");

    cluster.set(List.of(shop), List.of(p1, p2, p3), nodes);
    sync(SyncTrigger.FULL);
    assertThat(zoneLines())
        .containsExactlyInAnyOrder(mark, "shop.example.com. A 60 10.0.0.1,10.0.0.2,10.0.0.3");

    // shrink: 2 of 3 nodes (66%) still meet the quota of 60
    cluster.set(List.of(shop), List.of(p1, p3), nodes);
    server.resetCounts();
    assertThat(sync(SyncTrigger.FULL).outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(zoneLines())
        .containsExactlyInAnyOrder(mark, "shop.example.com. A 60 10.0.0.1,10.0.0.3");
    assertThat(server.acceptedBatchSizes()).containsExactly(2);

    // grow back
    cluster.set(List.of(shop), List.of(p1, p2, p3), nodes);
    server.resetCounts();
    sync(SyncTrigger.FULL);
    assertThat(zoneLines())
        .containsExactlyInAnyOrder(mark, "shop.example.com. A 60 10.0.0.1,10.0.0.2,10.0.0.3");
    assertThat(server.acceptedBatchSizes()).containsExactly(2);

    // failover: 1 of 3 nodes (33%) misses the quota → A replaced by the CNAME in one request
    cluster.set(List.of(shop), List.of(p2), nodes);
    server.resetCounts();
    assertThat(sync(SyncTrigger.FULL).outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(zoneLines())
        .containsExactlyInAnyOrder(mark, "shop.example.com. CNAME 60 backup.example.org.");
    assertThat(server.acceptedBatchSizes()).containsExactly(2);

    // and back: CNAME replaced by the A record in one request
    cluster.set(List.of(shop), List.of(p1, p2, p3), nodes);
    server.resetCounts();
    assertThat(sync(SyncTrigger.FULL).outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(zoneLines())
        .containsExactlyInAnyOrder(mark, "shop.example.com. A 60 10.0.0.1,10.0.0.2,10.0.0.3");
    assertThat(server.acceptedBatchSizes()).containsExactly(2);
    assertThat(server.calls()).containsEntry(CHANGE_RESOURCE_RECORD_SETS, 1);
  }

  @Test
  void aFailoverToAnIpLiteralIsAnARecordAndAnIpv6NodeGivesAaaa() {
    ServiceInfo api =
        withLabel(
            withLabel(routed("api", "api", "example.com"), "kuberoute_quota", "100"),
            "kuberoute_failover",
            "192.0.2.10");
    ServiceInfo v6 = routed("v6", "v6", "example.com");
    cluster.set(
        List.of(api, v6),
        List.of(pod("api-1", "api", "n1"), pod("v6-1", "v6", "n3")),
        List.of(node("n1", "10.0.0.1"), node("n2", "10.0.0.2"), node("n3", "2001:db8::3")));

    sync(SyncTrigger.FULL);

    assertThat(zoneLines())
        .containsExactlyInAnyOrder(
            mark("api.example.com", "api"),
            "api.example.com. A 60 192.0.2.10",
            mark("v6.example.com", "v6"),
            "v6.example.com. AAAA 60 2001:db8::3");
  }

  @Test
  void aVanishedServiceIsDeletedTogetherWithItsMarkAndNothingElseMoves() {
    List<NodeInfo> nodes = List.of(node("n1", "10.0.0.1"));
    cluster.set(
        List.of(routed("shop", "shop", "example.com"), routed("api", "api", "example.com")),
        List.of(pod("shop-1", "shop", "n1"), pod("api-1", "api", "n1")),
        nodes);
    sync(SyncTrigger.FULL);
    cluster.set(
        List.of(routed("shop", "shop", "example.com")),
        List.of(pod("shop-1", "shop", "n1")),
        nodes);
    server.resetCounts();

    SyncResult result = sync(SyncTrigger.FULL);

    assertThat(result.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(result.applied().deletes())
        .extracting(r -> r.name().value())
        .containsExactly("api.example.com");
    assertThat(zoneLines())
        .containsExactlyInAnyOrder(
            mark("shop.example.com", "shop"), "shop.example.com. A 60 10.0.0.1");
    assertThat(server.acceptedBatchSizes()).containsExactly(2);
  }

  @Test
  void recordsNobodyOwnsAreNeverTouchedWhenNoServiceClaimsThem() {
    server.put(zone, "manual.example.com", "A", 300, "192.0.2.1");
    server.put(zone, "example.com", "TXT", 300, "\"v=spf1 -all\"");
    server.put(zone, "mail.example.com", "CNAME", 300, "mx.example.net.");
    oneShopOnOneNode();

    sync(SyncTrigger.FULL);
    sync(SyncTrigger.FULL);
    cluster.set(List.of(), List.of(), List.of(node("n1", "10.0.0.1")));
    sync(SyncTrigger.FULL);

    assertThat(zoneLines())
        .containsExactlyInAnyOrder(
            "example.com. TXT 300 \"v=spf1 -all\"",
            "mail.example.com. CNAME 300 mx.example.net.",
            "manual.example.com. A 300 192.0.2.1");
  }

  @Test
  void anUnownedRecordAServiceClaimsIsAdoptedByWritingOnlyItsMark() {
    server.put(zone, "shop.example.com", "A", 60, "10.0.0.1");
    oneShopOnOneNode();

    SyncResult result = sync(SyncTrigger.FULL);

    assertThat(result.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(server.acceptedBatchSizes()).containsExactly(1);
    assertThat(zoneLines())
        .containsExactlyInAnyOrder(
            mark("shop.example.com", "shop"), "shop.example.com. A 60 10.0.0.1");
  }

  @Test
  void anUnownedRecordWithOtherValuesIsReplacedExactlyWhenAdopted() {
    server.put(zone, "shop.example.com", "A", 3600, "192.0.2.7", "192.0.2.8");
    oneShopOnOneNode();

    SyncResult result = sync(SyncTrigger.FULL);

    assertThat(result.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(server.acceptedBatchSizes()).containsExactly(3);
    assertThat(zoneLines())
        .containsExactlyInAnyOrder(
            mark("shop.example.com", "shop"), "shop.example.com. A 60 10.0.0.1");
  }

  @Test
  void withAdoptionOffAnUnownedRecordIsLeftAloneAndReportedAsAConflict() {
    server.put(zone, "shop.example.com", "A", 300, "192.0.2.1");
    cluster.set(
        List.of(routed("shop", "shop", "example.com"), routed("api", "api", "example.com")),
        List.of(pod("shop-1", "shop", "n1"), pod("api-1", "api", "n1")),
        List.of(node("n1", "10.0.0.1")));
    PlanSettings noAdoption = new PlanSettings("kuberoute", Policy.SYNC, false, 30, false);

    SyncResult result = sync(SyncTrigger.FULL, noAdoption);

    assertThat(result.errors())
        .containsExactly(
            new SyncError(
                SyncError.Cause.CONFLICT,
                "shop.example.com",
                "shop.example.com already exists and is not owned by kuberoute; adopt_existing = false, not changed"));
    assertThat(zoneLines())
        .containsExactlyInAnyOrder(
            mark("api.example.com", "api"),
            "api.example.com. A 60 10.0.0.1",
            "shop.example.com. A 300 192.0.2.1");
  }

  @Test
  void aRecordMarkedByAnotherOwnerIsAConflictAndStaysAsItIs() {
    server.put(zone, "shop.example.com", "A", 300, "192.0.2.1");
    server.put(
        zone,
        "_kuberoute.shop.example.com",
        "TXT",
        300,
        "\"heritage=kuberoute,owner=cluster-b,resource=service/web/shop\"");
    oneShopOnOneNode();

    SyncResult result = sync(SyncTrigger.FULL);

    assertThat(result.errors())
        .containsExactly(
            new SyncError(
                SyncError.Cause.CONFLICT,
                "shop.example.com",
                "shop.example.com is owned by 'cluster-b' (service/web/shop), not by 'kuberoute'; not changed"));
    assertThat(server.calls()).containsEntry(CHANGE_RESOURCE_RECORD_SETS, 0);
    assertThat(zoneLines())
        .containsExactlyInAnyOrder(
            "_kuberoute.shop.example.com. TXT 300 \"heritage=kuberoute,owner=cluster-b,resource=service/web/shop\"",
            "shop.example.com. A 300 192.0.2.1");
  }

  @Test
  void anotherOwnersMarkWithoutRecordsKeepsTheNameButNotTheOthers() {
    server.put(
        zone,
        "_kuberoute.shop.example.com",
        "TXT",
        300,
        "\"heritage=kuberoute,owner=cluster-b,resource=service/web/shop\"");
    cluster.set(
        List.of(routed("shop", "shop", "example.com"), routed("api", "api", "example.com")),
        List.of(pod("shop-1", "shop", "n1"), pod("api-1", "api", "n1")),
        List.of(node("n1", "10.0.0.1")));

    SyncResult result = sync(SyncTrigger.FULL);

    // the lone mark is read back (ZoneState.loneMarks): the planner reports the conflict and
    // plans nothing there, so the backend is not even asked
    assertThat(result.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(result.errors())
        .containsExactly(
            new SyncError(
                SyncError.Cause.CONFLICT,
                "shop.example.com",
                "shop.example.com is claimed by 'cluster-b' (service/web/shop) (an ownership mark with no records), "
                    + "not by 'kuberoute'; not created"));
    assertThat(result.planned().creates())
        .extracting(d -> d.record().name().value())
        .containsExactly("api.example.com");
    assertThat(zoneLines())
        .containsExactlyInAnyOrder(
            mark("api.example.com", "api"),
            "api.example.com. A 60 10.0.0.1",
            "_kuberoute.shop.example.com. TXT 300 \"heritage=kuberoute,owner=cluster-b,resource=service/web/shop\"");
  }

  @Test
  void aMarkOfOursWhoseRecordWasDeletedByHandIsReusedWhenTheRecordIsRecreated() {
    oneShopOnOneNode();
    sync(SyncTrigger.FULL);
    server.remove(zone, "shop.example.com", "A");
    server.resetCounts();

    SyncResult result = sync(SyncTrigger.FULL);

    assertThat(result.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(server.acceptedBatchSizes()).containsExactly(1);
    assertThat(zoneLines())
        .containsExactlyInAnyOrder(
            mark("shop.example.com", "shop"), "shop.example.com. A 60 10.0.0.1");
  }

  @Test
  void aMarkOfOursWithoutRecordsIsKeptWhileNoServiceClaimsTheName() {
    server.put(
        zone, "_kuberoute.old.example.com", "TXT", 300, "\"" + OWNED_BY + "service/default/old\"");
    oneShopOnOneNode();

    sync(SyncTrigger.FULL);
    server.resetCounts();
    SyncResult second = sync(SyncTrigger.FULL);

    assertThat(second.planned().isEmpty()).isTrue();
    assertThat(server.calls()).containsEntry(CHANGE_RESOURCE_RECORD_SETS, 0);
    assertThat(zoneLines()).contains(mark("old.example.com", "old"));
  }

  @Test
  void aNameAnotherServiceTakesOverGetsItsMarkRewritten() {
    List<NodeInfo> nodes = List.of(node("n1", "10.0.0.1"));
    cluster.set(
        List.of(routed("shop", "shop", "example.com")),
        List.of(pod("shop-1", "shop", "n1")),
        nodes);
    sync(SyncTrigger.FULL);
    ServiceInfo renamed =
        Fixtures.service(
            "default",
            "shop-v2",
            Fixtures.labels("kuberoute_domain", "example.com", "kuberoute_name", "shop"));
    cluster.set(List.of(renamed), List.of(pod("v2-1", "shop-v2", "n1")), nodes);
    // the same address: only the claim changed; the mark is rewritten to name the new service
    SyncResult same = sync(SyncTrigger.FULL);
    assertThat(same.planned().updates())
        .singleElement()
        .satisfies(u -> assertThat(u.resource()).isEqualTo("service/default/shop-v2"));
    assertThat(zoneLines())
        .containsExactlyInAnyOrder(
            mark("shop.example.com", "shop-v2"), "shop.example.com. A 60 10.0.0.1");
    assertThat(sync(SyncTrigger.FULL).planned().isEmpty()).isTrue();

    cluster.set(
        List.of(renamed),
        List.of(pod("v2-1", "shop-v2", "n2")),
        List.of(node("n1", "10.0.0.1"), node("n2", "10.0.0.2")));
    server.resetCounts();
    SyncResult moved = sync(SyncTrigger.FULL);

    assertThat(moved.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(server.acceptedBatchSizes())
        .containsExactly(2); // the A only: the mark already names shop-v2
    assertThat(zoneLines())
        .containsExactlyInAnyOrder(
            mark("shop.example.com", "shop-v2"), "shop.example.com. A 60 10.0.0.2");
  }

  @Test
  void aTtlChangeRewritesTheRecordButNotItsMark() {
    oneShopOnOneNode();
    sync(SyncTrigger.FULL);
    server.resetCounts();
    SyncSettings ttl300 =
        new SyncSettings(
            new io.kuberoute.core.routing.RouteSettings(
                io.kuberoute.core.routing.LabelKeys.DEFAULT,
                io.kuberoute.core.routing.RouteSettings.DEFAULT_SERVICE_TYPES,
                io.kuberoute.core.routing.NodeAddressMode.AUTO,
                300,
                Map.of()),
            PlanSettings.defaults(),
            Optional.empty(),
            SyncSettings.DEFAULT_INTERVAL,
            false);

    SyncResult result = service(ttl300).sync(SyncTrigger.FULL);

    assertThat(result.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(server.acceptedBatchSizes()).containsExactly(2);
    assertThat(zoneLines())
        .containsExactlyInAnyOrder(
            mark("shop.example.com", "shop"), "shop.example.com. A 300 10.0.0.1");
  }

  @Test
  void aBadNameIsRetriedAloneAndReportedWithRoute53sMessageWhileTheOthersAreWritten() {
    // b has an SPF record; its failover CNAME cannot sit beside it
    server.put(zone, "b.example.com", "TXT", 300, "\"v=spf1 -all\"");
    ServiceInfo b =
        withLabel(routed("b", "b", "example.com"), "kuberoute_failover", "b-backup.example.org");
    cluster.set(
        List.of(routed("a", "a", "example.com"), b, routed("c", "c", "example.com")),
        List.of(pod("a-1", "a", "n1"), pod("c-1", "c", "n1")),
        List.of(node("n1", "10.0.0.1")));

    SyncResult result = sync(SyncTrigger.FULL);

    assertThat(result.outcome()).isEqualTo(SyncResult.Outcome.FAILED);
    assertThat(result.errors())
        .containsExactly(
            new SyncError(
                SyncError.Cause.DNS_APPLY,
                "b.example.com",
                "writing b.example.com failed: Route53 refused the change in zone example.com: InvalidChangeBatch: "
                    + "[RRSet of type CNAME with DNS name b.example.com. is not permitted as it conflicts with other "
                    + "records with the same DNS name in zone example.com.] (HTTP 400)"));
    // one request for all, then one per name
    assertThat(server.changeBatchSizes()).containsExactly(6, 2, 2, 2);
    assertThat(server.acceptedBatchSizes()).containsExactly(2, 2);
    assertThat(zoneLines())
        .containsExactlyInAnyOrder(
            mark("a.example.com", "a"),
            "a.example.com. A 60 10.0.0.1",
            "b.example.com. TXT 300 \"v=spf1 -all\"",
            mark("c.example.com", "c"),
            "c.example.com. A 60 10.0.0.1");
  }

  @Test
  void aRecordChangedByHandBetweenTwoEventSyncsIsRefusedNotOverwrittenAndRepairedByTheNextRead() {
    List<NodeInfo> nodes = List.of(node("n1", "10.0.0.1"), node("n2", "10.0.0.2"));
    cluster.set(
        List.of(routed("shop", "shop", "example.com")),
        List.of(pod("shop-1", "shop", "n1")),
        nodes);
    sync(SyncTrigger.FULL);
    server.put(zone, "shop.example.com", "A", 60, "192.0.2.99"); // someone edits the record
    cluster.set(
        List.of(routed("shop", "shop", "example.com")),
        List.of(pod("shop-2", "shop", "n2")),
        nodes);

    SyncResult stale = sync(SyncTrigger.EVENT);

    assertThat(stale.errors())
        .extracting(SyncError::message)
        .containsExactly(
            "writing shop.example.com failed: Route53 refused the change in zone example.com: InvalidChangeBatch: "
                + "[Tried to delete resource record set [name='shop.example.com.', type='A'] but the values provided "
                + "do not match the current values, Tried to create resource record set [name='shop.example.com.', "
                + "type='A'] but it already exists] (HTTP 400)");
    assertThat(zoneLines()).contains("shop.example.com. A 60 192.0.2.99");

    server.resetCounts();
    SyncResult repaired = sync(SyncTrigger.EVENT);

    assertThat(repaired.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(server.calls()).containsEntry(LIST_RESOURCE_RECORD_SETS, 1);
    assertThat(zoneLines()).contains("shop.example.com. A 60 10.0.0.2");
  }

  @Test
  void twoThousandFiveHundredChangesGoInThreeRequestsAndAnIdleSyncOnlyReadsPages() {
    List<ServiceInfo> services = new ArrayList<>();
    List<PodInfo> pods = new ArrayList<>();
    for (int i = 0; i < 1250; i++) {
      String name = "svc-%04d".formatted(i);
      services.add(routed(name, name, "example.com"));
      pods.add(pod(name + "-1", name, "n1"));
    }
    cluster.set(services, pods, List.of(node("n1", "10.0.0.1")));
    SyncResult first = sync(SyncTrigger.FULL);
    assertThat(first.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    // 2,500 changes (1,250 records and their marks) hold 97,500 characters of values: the
    // 32,000-character limit splits them into requests of 410 names
    assertThat(server.acceptedBatchSizes()).containsExactly(820, 820, 820, 40);

    // the node's address changes: 1,250 updates = 2,500 changes of one value each (DELETE + CREATE)
    cluster.set(services, pods, List.of(node("n1", "10.0.0.2")));
    server.resetCounts();
    SyncResult moved = sync(SyncTrigger.FULL);

    assertThat(moved.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(moved.applied().updates()).hasSize(1250);
    assertThat(server.acceptedBatchSizes()).containsExactly(1000, 1000, 500);
    assertThat(server.calls()).containsEntry(CHANGE_RESOURCE_RECORD_SETS, 3);
    assertThat(server.userRecordSets(zone).stream().filter(s -> s.type().equals("A")))
        .hasSize(1250)
        .allSatisfy(s -> assertThat(s.values()).containsExactly("10.0.0.2"));

    // idle: 2,500 record sets + SOA + NS = 2,502 are read in ⌈2,502 / 300⌉ = 9 pages, nothing is
    // sent
    server.resetCounts();
    SyncResult idle = sync(SyncTrigger.FULL);

    assertThat(idle.planned().isEmpty()).isTrue();
    assertThat(server.calls())
        .containsEntry(LIST_HOSTED_ZONES, 0)
        .containsEntry(LIST_RESOURCE_RECORD_SETS, 9)
        .containsEntry(CHANGE_RESOURCE_RECORD_SETS, 0);
  }

  @Test
  void throttlingAndServerErrorsAreRetriedWithBackoffAndTheSyncSucceeds() {
    server.throttle(LIST_HOSTED_ZONES, 1);
    server.failWithServerError(LIST_RESOURCE_RECORD_SETS, 1, 503);
    server.throttle(CHANGE_RESOURCE_RECORD_SETS, 2);
    oneShopOnOneNode();

    SyncResult result = sync(SyncTrigger.FULL);

    assertThat(result.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(server.calls())
        .containsEntry(LIST_HOSTED_ZONES, 2)
        .containsEntry(LIST_RESOURCE_RECORD_SETS, 2)
        .containsEntry(CHANGE_RESOURCE_RECORD_SETS, 3);
    assertThat(zoneLines()).contains("shop.example.com. A 60 10.0.0.1");
  }

  @Test
  void throttlingBeyondMaxRetriesFailsTheNamesAndTheNextSyncWritesThem() {
    server.throttle(CHANGE_RESOURCE_RECORD_SETS, 4);
    oneShopOnOneNode();

    SyncResult throttled = sync(SyncTrigger.FULL);

    assertThat(throttled.outcome()).isEqualTo(SyncResult.Outcome.FAILED);
    assertThat(throttled.errors())
        .extracting(SyncError::message)
        .containsExactly(
            "writing shop.example.com failed: Route53 failed after 4 attempt(s): Throttling: Rate exceeded (HTTP 400)");
    assertThat(server.calls()).containsEntry(CHANGE_RESOURCE_RECORD_SETS, 4);
    assertThat(server.userRecordSets(zone)).isEmpty();

    SyncResult next = sync(SyncTrigger.FULL);

    assertThat(next.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(zoneLines()).contains("shop.example.com. A 60 10.0.0.1");
  }

  @Test
  void aRecordBelowTheDomainsZoneGoesToTheParentZone() {
    // domain k8s.example.com has no zone of its own: its records live in example.com
    cluster.set(
        List.of(routed("a", "a", "k8s.example.com")),
        List.of(pod("a-1", "a", "n1")),
        List.of(node("n1", "10.0.0.1")));

    SyncResult result = sync(SyncTrigger.FULL);

    assertThat(result.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(zoneLines())
        .containsExactlyInAnyOrder(
            mark("a.k8s.example.com", "a"), "a.k8s.example.com. A 60 10.0.0.1");
  }

  @Test
  void theMoreSpecificZoneWinsWhenParentAndChildZonesExist() {
    String child = server.createZone("k8s.example.com");
    ServiceInfo deep =
        Fixtures.service(
            "default",
            "deep",
            Fixtures.labels("kuberoute_domain", "example.com", "kuberoute_name", "deep.k8s"));
    cluster.set(
        List.of(routed("a", "a", "k8s.example.com"), routed("top", "top", "example.com"), deep),
        List.of(pod("a-1", "a", "n1"), pod("top-1", "top", "n1"), pod("deep-1", "deep", "n1")),
        List.of(node("n1", "10.0.0.1")));

    SyncResult first = sync(SyncTrigger.FULL);
    server.resetCounts();
    SyncResult second = sync(SyncTrigger.FULL);

    assertThat(first.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(lines(child))
        .containsExactlyInAnyOrder(
            mark("a.k8s.example.com", "a"),
            "a.k8s.example.com. A 60 10.0.0.1",
            mark("deep.k8s.example.com", "deep"),
            "deep.k8s.example.com. A 60 10.0.0.1");
    assertThat(zoneLines())
        .containsExactlyInAnyOrder(
            mark("top.example.com", "top"), "top.example.com. A 60 10.0.0.1");
    assertThat(second.planned().isEmpty()).isTrue();
    // two zones, each read once, though two domains need the child zone
    assertThat(server.calls())
        .containsEntry(LIST_RESOURCE_RECORD_SETS, 2)
        .containsEntry(CHANGE_RESOURCE_RECORD_SETS, 0);
  }

  @Test
  void aMissingZoneFailsOnlyItsDomain() {
    cluster.set(
        List.of(routed("shop", "shop", "example.com"), routed("web", "web", "missing.org")),
        List.of(pod("shop-1", "shop", "n1"), pod("web-1", "web", "n1")),
        List.of(node("n1", "10.0.0.1")));

    SyncResult result = sync(SyncTrigger.FULL);

    assertThat(result.errors())
        .containsExactly(
            new SyncError(
                SyncError.Cause.DNS_READ,
                "missing.org",
                "no Route53 hosted zone holds missing.org (no zone named missing.org or a parent of it is visible to these credentials)"));
    assertThat(zoneLines())
        .containsExactlyInAnyOrder(
            mark("shop.example.com", "shop"), "shop.example.com. A 60 10.0.0.1");

    // the zone appears: the next full sync lists the zones again and writes the domain
    String created = server.createZone("missing.org");
    SyncResult next = sync(SyncTrigger.FULL);

    assertThat(next.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(lines(created)).contains("web.missing.org. A 60 10.0.0.1");
  }

  @Test
  void aPublicAndAPrivateZoneOfTheSameNameNeedAPinnedZoneId() {
    String privateZone = server.createZone("example.com", true);
    oneShopOnOneNode();

    SyncResult ambiguous = sync(SyncTrigger.FULL);

    assertThat(ambiguous.errors())
        .extracting(SyncError::message)
        .containsExactly(
            "example.com matches 2 hosted zones named example.com ("
                + zone
                + " public, "
                + privateZone
                + " private); set route53.hosted_zone_id to the one kuberoute should write to");
    assertThat(server.calls()).containsEntry(CHANGE_RESOURCE_RECORD_SETS, 0);

    backend.close();
    backend =
        Route53DnsBackend.create(
            Route53Fixtures.settings(server, 1000, 3, Optional.of(privateZone)),
            "kuberoute",
            Route53Fixtures.FAST_RETRIES);
    service = null;
    SyncResult pinned = service(SyncSettings.defaults()).sync(SyncTrigger.FULL);

    assertThat(pinned.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(lines(privateZone)).contains("shop.example.com. A 60 10.0.0.1");
    assertThat(zoneLines()).isEmpty();
  }

  @Test
  void upsertOnlyKeepsAVanishedServicesRecordAndItsMark() {
    List<NodeInfo> nodes = List.of(node("n1", "10.0.0.1"));
    PlanSettings upsertOnly = new PlanSettings("kuberoute", Policy.UPSERT_ONLY, true, 30, false);
    cluster.set(
        List.of(routed("api", "api", "example.com")), List.of(pod("api-1", "api", "n1")), nodes);
    sync(SyncTrigger.FULL, upsertOnly);
    cluster.set(List.of(), List.of(), nodes);

    sync(SyncTrigger.FULL, upsertOnly);

    assertThat(zoneLines())
        .containsExactlyInAnyOrder(
            mark("api.example.com", "api"), "api.example.com. A 60 10.0.0.1");
  }

  // ---------------------------------------------------------------------------------------------

  private SyncResult sync(SyncTrigger trigger) {
    return sync(trigger, PlanSettings.defaults());
  }

  private SyncResult sync(SyncTrigger trigger, PlanSettings plan) {
    SyncSettings d = SyncSettings.defaults();
    return service(new SyncSettings(d.route(), plan, d.heartbeat(), d.interval(), false))
        .sync(trigger);
  }

  /**
   * The test's sync service over its one backend, created at the first sync; built again only when
   * the settings change (it remembers the managed domains between syncs, as in the program).
   */
  private SyncService service(SyncSettings settings) {
    if (backend == null) {
      backend =
          Route53DnsBackend.create(
              Route53Fixtures.settings(server), "kuberoute", Route53Fixtures.FAST_RETRIES);
    }
    if (service == null || !settings.equals(serviceSettings)) {
      service = SyncService.builder(cluster, backend, settings).build();
      serviceSettings = settings;
    }
    return service;
  }

  private void oneShopOnOneNode() {
    cluster.set(
        List.of(routed("shop", "shop", "example.com")),
        List.of(pod("shop-1", "shop", "n1")),
        List.of(node("n1", "10.0.0.1")));
  }

  /** The line of our ownership mark at {@code name}, claimed by service default/{@code service}. */
  private static String mark(String name, String service) {
    return "_kuberoute." + name + ". TXT 300 \"" + OWNED_BY + "service/default/" + service + "\"";
  }

  private List<String> zoneLines() {
    return lines(zone);
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

  /** A cluster view the test changes between syncs. */
  private static final class MutableCluster implements ClusterSource {
    private volatile ClusterSnapshot snapshot = Fixtures.snapshot(List.of(), List.of(), List.of());

    void set(List<ServiceInfo> services, List<PodInfo> pods, List<NodeInfo> nodes) {
      snapshot = Fixtures.snapshot(services, pods, nodes);
    }

    @Override
    public ClusterSnapshot snapshot() {
      return snapshot;
    }
  }
}
