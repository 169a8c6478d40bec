package io.kuberoute.dns.route53;

import static io.kuberoute.testkit.route53.Route53TestServer.Operation.CHANGE_RESOURCE_RECORD_SETS;
import static io.kuberoute.testkit.route53.Route53TestServer.Operation.LIST_HOSTED_ZONES;
import static io.kuberoute.testkit.route53.Route53TestServer.Operation.LIST_RESOURCE_RECORD_SETS;
import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.core.model.CurrentRecord;
import io.kuberoute.core.model.DesiredRecord;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.DomainFilter;
import io.kuberoute.core.model.Ownership;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import io.kuberoute.core.plan.ChangeSet;
import io.kuberoute.core.plan.RecordUpdate;
import io.kuberoute.core.port.ApplyResult;
import io.kuberoute.core.port.CachingDnsBackend;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.core.port.ReadScope;
import io.kuberoute.core.port.ZoneState;
import io.kuberoute.testkit.route53.Route53TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * The backend's reads of a {@link ReadScope} (discovery across hosted zones, the filter, lone
 * marks, zone failures) and its writes at marked names, against the Route53 test server.
 */
class Route53DiscoveryIT {

  private static final String RESOURCE = "service/default/shop";
  private static final Set<String> OURS = Set.of("kuberoute");

  private static Route53TestServer server;
  private final List<DnsBackend> backends = new ArrayList<>();

  @BeforeAll
  static void startServer() {
    server = Route53TestServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void fresh() {
    server.reset();
  }

  @AfterEach
  void closeBackends() {
    backends.forEach(DnsBackend::close);
  }

  private DnsBackend backend() {
    DnsBackend b =
        Route53DnsBackend.create(
            Route53Fixtures.settings(server), "kuberoute", Route53Fixtures.FAST_RETRIES);
    backends.add(b);
    return b;
  }

  // ---------------------------------------------------------------------------------------------
  // reading

  @Test
  void discoveryReadsEveryZoneOnceThoughDomainsAndChildZonesNameItAgain() {
    String parent = server.createZone("example.com");
    String child = server.createZone("k8s.example.com");
    String other = server.createZone("other.test");
    mine(parent, "shop.example.com", "10.0.0.1");
    mine(child, "a.k8s.example.com", "10.0.0.2");
    mine(other, "solo.other.test", "10.0.0.3");

    ZoneState state =
        backend()
            .read(
                ReadScope.of(
                    List.of(DnsName.of("example.com"), DnsName.of("k8s.example.com")),
                    OURS,
                    DomainFilter.ALL),
                true);

    assertThat(names(state))
        .containsExactlyInAnyOrder("shop.example.com", "a.k8s.example.com", "solo.other.test");
    assertThat(server.calls())
        .containsEntry(LIST_HOSTED_ZONES, 1)
        .containsEntry(LIST_RESOURCE_RECORD_SETS, 3);
    assertThat(server.zonesListed()).containsExactlyInAnyOrder(parent, child, other);
  }

  @Test
  void throughTheCachingWrapperAReadWithoutRefreshAnswersDiscoveryFromWhatWasReadAndWritten() {
    String zone = server.createZone("example.com");
    String other = server.createZone("other.test");
    mine(other, "solo.other.test", "10.0.0.3");
    DnsBackend backend = CachingDnsBackend.wrap(backend(), "kuberoute");
    ReadScope scope = ReadScope.of(List.of(DnsName.of("example.com")), OURS, DomainFilter.ALL);
    backend.read(scope, true);
    backend.apply(creates(a("shop.example.com", "10.0.0.1")));
    server.resetCounts();

    ZoneState cached = backend.read(scope, false);

    assertThat(names(cached)).containsExactlyInAnyOrder("shop.example.com", "solo.other.test");
    assertThat(server.calls().values()).containsOnly(0);
    assertThat(server.get(zone, "shop.example.com", "A")).isPresent();
  }

  @Test
  void theBackendItselfListsTheZonesItNeedsAtEveryReadWithOrWithoutRefresh() {
    String zone = server.createZone("example.com");
    DnsBackend backend = backend();
    ReadScope scope = ReadScope.of(List.of(DnsName.of("example.com")), OURS, DomainFilter.ALL);
    backend.read(scope, true);
    backend.apply(creates(a("shop.example.com", "10.0.0.1")));
    server.put(zone, "manual.example.com", "A", 60, "192.0.2.1");
    server.resetCounts();

    ZoneState read = backend.read(scope, false);

    assertThat(names(read)).containsExactlyInAnyOrder("shop.example.com", "manual.example.com");
    assertThat(server.calls())
        .containsEntry(LIST_HOSTED_ZONES, 0)
        .containsEntry(LIST_RESOURCE_RECORD_SETS, 1);
  }

  @Test
  void withAFilterOnlyTheZonesOverlappingItAreRead() {
    String parent = server.createZone("example.com");
    String child = server.createZone("k8s.example.com");
    String other = server.createZone("other.test");
    mine(parent, "shop.example.com", "10.0.0.1");
    mine(parent, "a.team.example.com", "10.0.0.4");
    mine(child, "a.k8s.example.com", "10.0.0.2");
    mine(other, "solo.other.test", "10.0.0.3");

    // team.example.com lies in the parent zone: that zone is read, the child and other.test are not
    ZoneState state =
        backend().read(ReadScope.of(List.of(), OURS, DomainFilter.of("team.example.com")), true);

    assertThat(names(state)).containsExactly("a.team.example.com");
    assertThat(server.zonesListed()).containsExactly(parent);
  }

  @Test
  void loneMarksAreReturnedWhenTheScopeWantsThem() {
    String zone = server.createZone("example.com");
    String other = server.createZone("other.test");
    server.put(
        zone,
        "_kuberoute.old.example.com",
        "TXT",
        300,
        OwnershipMark.value("kuberoute", "service/default/old"));
    server.put(
        zone,
        "_kuberoute.theirs.example.com",
        "TXT",
        300,
        OwnershipMark.value("cluster-b", "service/web/theirs"));
    server.put(zone, "_kuberoute.note.example.com", "TXT", 300, "\"hand-made note\"");
    mine(zone, "shop.example.com", "10.0.0.1");
    server.put(
        other,
        "_kuberoute.far.other.test",
        "TXT",
        300,
        OwnershipMark.value("kuberoute", "service/default/far"));
    server.put(
        other,
        "_kuberoute.x.other.test",
        "TXT",
        300,
        OwnershipMark.value("cluster-b", "service/web/x"));
    DnsBackend backend = backend();

    ZoneState all =
        backend.read(
            ReadScope.of(List.of(DnsName.of("example.com")), OURS, DomainFilter.ALL), true);
    ZoneState filtered =
        backend.read(
            ReadScope.of(List.of(DnsName.of("example.com")), OURS, DomainFilter.of("example.com")),
            true);
    ZoneState withoutDiscovery = backend.read(List.of(DnsName.of("example.com")), true);

    assertThat(all.loneMarks())
        .containsOnly(
            Map.entry(
                DnsName.of("old.example.com"),
                Ownership.ownedBy("kuberoute", "service/default/old")),
            Map.entry(
                DnsName.of("theirs.example.com"),
                Ownership.ownedBy("cluster-b", "service/web/theirs")),
            Map.entry(
                DnsName.of("far.other.test"),
                Ownership.ownedBy("kuberoute", "service/default/far")));
    assertThat(filtered.loneMarks())
        .containsOnlyKeys(DnsName.of("old.example.com"), DnsName.of("theirs.example.com"));
    assertThat(withoutDiscovery.loneMarks())
        .containsOnlyKeys(DnsName.of("old.example.com"), DnsName.of("theirs.example.com"));
    assertThat(names(all)).containsExactly("shop.example.com");
  }

  @Test
  void aZoneThatCannotBeReadFailsItsApexAndTheOtherZonesAreRead() {
    String a = server.createZone("a.test");
    String b = server.createZone("b.test");
    mine(a, "x.a.test", "10.0.0.1");
    mine(b, "y.b.test", "10.0.0.2");
    server.denyAccess(LIST_RESOURCE_RECORD_SETS, 1); // the first zone read: a.test

    ZoneState state = backend().read(ReadScope.of(List.of(), OURS, DomainFilter.ALL), true);

    assertThat(state.failedDomains()).containsOnlyKeys(DnsName.of("a.test"));
    assertThat(state.failedDomains().get(DnsName.of("a.test")))
        .startsWith(
            "Route53 denied ListResourceRecordSets on hosted zone a.test (" + a + ", public)");
    assertThat(names(state)).containsExactly("y.b.test");
  }

  @Test
  void aFailedParentZoneHidesItsChildZonesRecordsForThatRead() {
    String parent = server.createZone("example.com");
    String child = server.createZone("k8s.example.com");
    mine(parent, "shop.example.com", "10.0.0.1");
    mine(child, "a.k8s.example.com", "10.0.0.2");
    server.denyAccess(LIST_RESOURCE_RECORD_SETS, 1); // example.com is read first

    ZoneState state = backend().read(ReadScope.of(List.of(), OURS, DomainFilter.ALL), true);

    // nothing is planned at or below a failed domain, so nothing below it is returned either
    assertThat(state.failedDomains()).containsOnlyKeys(DnsName.of("example.com"));
    assertThat(state.records()).isEmpty();
    assertThat(server.zonesListed()).containsExactly(parent, child);
  }

  @Test
  void ourRecordsInTwoZonesOfTheSameNameFailThatNameAndOthersRecordsThereAreIgnored() {
    String pub = server.createZone("example.com");
    String priv = server.createZone("example.com", true);
    mine(priv, "shop.example.com", "10.0.0.1");
    String split = server.createZone("split.test");
    server.createZone("split.test", true);
    server.put(split, "manual.split.test", "A", 60, "192.0.2.1");

    ZoneState state = backend().read(ReadScope.of(List.of(), OURS, DomainFilter.ALL), true);

    assertThat(state.failedDomains())
        .containsExactly(
            Map.entry(
                DnsName.of("example.com"),
                "shop.example.com matches 2 hosted zones named example.com ("
                    + pub
                    + " public, "
                    + priv
                    + " private); set route53.hosted_zone_id to the one kuberoute should write to"));
    assertThat(state.records()).isEmpty();
  }

  @Test
  void ourRecordInAParentZoneAtANameOfTwoChildZonesIsShadowedAndFailsNothing() {
    String parent = server.createZone("example.com");
    server.createZone("k8s.example.com");
    server.createZone("k8s.example.com", true);
    mine(parent, "shop.example.com", "10.0.0.1");
    mine(parent, "x.k8s.example.com", "10.0.0.2");

    ZoneState state = backend().read(ReadScope.of(List.of(), OURS, DomainFilter.ALL), true);

    assertThat(state.failedDomains()).isEmpty();
    assertThat(names(state)).containsExactly("shop.example.com");
  }

  @Test
  void aPinnedZoneLimitsDiscoveryToThatZone() {
    String zone = server.createZone("example.com");
    String other = server.createZone("other.test");
    mine(zone, "shop.example.com", "10.0.0.1");
    mine(other, "solo.other.test", "10.0.0.3");
    DnsBackend pinned =
        Route53DnsBackend.create(
            Route53Fixtures.settings(server, 1000, 3, java.util.Optional.of(zone)),
            "kuberoute",
            Route53Fixtures.FAST_RETRIES);
    backends.add(pinned);

    ZoneState state = pinned.read(ReadScope.of(List.of(), OURS, DomainFilter.ALL), true);

    assertThat(names(state)).containsExactly("shop.example.com");
    assertThat(server.zonesListed()).containsExactly(zone);
  }

  // ---------------------------------------------------------------------------------------------
  // writing at marked names

  @Test
  void aCreateAtAnotherOwnersLoneMarkIsRefusedWithoutARequest() {
    String zone = server.createZone("example.com");
    server.put(
        zone,
        "_kuberoute.shop.example.com",
        "TXT",
        300,
        OwnershipMark.value("cluster-b", "service/web/shop"));

    ApplyResult result = backend().apply(creates(a("shop.example.com", "10.0.0.1")));

    assertThat(result.failedNames())
        .containsExactly(
            Map.entry(
                DnsName.of("shop.example.com"),
                "shop.example.com is owned by 'cluster-b' (service/web/shop) according to _kuberoute.shop.example.com, "
                    + "not by 'kuberoute'; not changed"));
    assertThat(server.calls(CHANGE_RESOURCE_RECORD_SETS)).isZero();
  }

  @Test
  void aCreateAtOurOwnStaleLoneMarkRewritesTheMarkInTheSameRequest() {
    String zone = server.createZone("example.com");
    server.put(
        zone,
        "_kuberoute.shop.example.com",
        "TXT",
        300,
        OwnershipMark.value("kuberoute", "service/old/shop"));

    ApplyResult result = backend().apply(creates(a("shop.example.com", "10.0.0.1")));

    assertThat(result.failedNames()).isEmpty();
    assertThat(server.acceptedBatchSizes()).containsExactly(3);
    assertThat(server.get(zone, "_kuberoute.shop.example.com", "TXT").orElseThrow().values())
        .containsExactly(OwnershipMark.value("kuberoute", RESOURCE));
  }

  @Test
  void aPreviousOwnerIdsMarksAreRewrittenOrDeletedOnlyAfterAReadNamedThatId() {
    String zone = server.createZone("example.com");
    server.put(
        zone,
        "_kuberoute.shop.example.com",
        "TXT",
        300,
        OwnershipMark.value("old-id", "service/default/shop"));
    server.put(zone, "gone.example.com", "A", 60, "10.0.0.9");
    server.put(
        zone,
        "_kuberoute.gone.example.com",
        "TXT",
        300,
        OwnershipMark.value("old-id", "service/default/gone"));
    DnsBackend backend = backend();
    ChangeSet changes =
        new ChangeSet(
            List.of(new DesiredRecord(a("shop.example.com", "10.0.0.1"), RESOURCE)),
            List.of(),
            List.of(a("gone.example.com", "10.0.0.9")));

    // a backend that was never told old-id treats its marks as foreign: nothing is sent
    ApplyResult refused = backend.apply(changes);
    assertThat(refused.failedNames())
        .containsOnlyKeys(DnsName.of("shop.example.com"), DnsName.of("gone.example.com"));
    assertThat(refused.failedNames().get(DnsName.of("gone.example.com")))
        .isEqualTo(
            "gone.example.com is owned by 'old-id' (service/default/gone) according to "
                + "_kuberoute.gone.example.com, not by 'kuberoute'; not changed");
    assertThat(server.calls(CHANGE_RESOURCE_RECORD_SETS)).isZero();

    ZoneState state =
        backend.read(
            ReadScope.of(
                List.of(DnsName.of("example.com")),
                Set.of("kuberoute", "old-id"),
                DomainFilter.ALL),
            true);
    assertThat(state.records())
        .extracting(CurrentRecord::ownership)
        .containsExactly(Ownership.ownedBy("old-id", "service/default/gone"));
    ApplyResult taken = backend.apply(changes);

    assertThat(taken.failedNames()).isEmpty();
    assertThat(server.get(zone, "_kuberoute.shop.example.com", "TXT").orElseThrow().values())
        .containsExactly(OwnershipMark.value("kuberoute", RESOURCE));
    assertThat(server.get(zone, "gone.example.com", "A")).isEmpty();
    assertThat(server.get(zone, "_kuberoute.gone.example.com", "TXT")).isEmpty();
  }

  @Test
  void reMarkingAPreviousOwnersRecordRewritesOnlyItsMark() {
    String zone = server.createZone("example.com");
    server.put(zone, "shop.example.com", "A", 60, "10.0.0.1");
    server.put(
        zone, "_kuberoute.shop.example.com", "TXT", 300, OwnershipMark.value("old-id", RESOURCE));
    DnsBackend backend = backend();
    backend.read(
        ReadScope.of(
            List.of(DnsName.of("example.com")), Set.of("kuberoute", "old-id"), DomainFilter.ALL),
        true);
    RecordSet shop = a("shop.example.com", "10.0.0.1");

    ApplyResult result =
        backend.apply(
            new ChangeSet(List.of(), List.of(new RecordUpdate(shop, shop, RESOURCE)), List.of()));

    assertThat(result.failedNames()).isEmpty();
    assertThat(server.acceptedBatchSizes()).containsExactly(2);
    assertThat(server.get(zone, "_kuberoute.shop.example.com", "TXT").orElseThrow().values())
        .containsExactly(OwnershipMark.value("kuberoute", RESOURCE));
    assertThat(backend.read(List.of(DnsName.of("example.com")), false).records())
        .extracting(CurrentRecord::ownership)
        .containsExactly(Ownership.ownedBy("kuberoute", RESOURCE));
  }

  @Test
  void afterAReadWithAFilterANameOutsideItIsNotWritten() {
    String zone = server.createZone("test");
    DnsBackend backend = backend();
    backend.read(ReadScope.of(List.of(DnsName.of("test")), OURS, DomainFilter.of("a.test")), true);

    ApplyResult result =
        backend.apply(creates(a("heartbeat.test", "10.0.0.1"), a("x.a.test", "10.0.0.2")));

    assertThat(result.failedNames())
        .containsExactly(
            Map.entry(
                DnsName.of("heartbeat.test"),
                "heartbeat.test is outside the managed domains (a.test); not written"));
    assertThat(server.get(zone, "x.a.test", "A")).isPresent();
    assertThat(server.get(zone, "heartbeat.test", "A")).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------
  // the client seam

  @Test
  void aBackendOverAnInjectedClientUsesItAndLeavesItOpen() {
    String zone = server.createZone("example.com");
    try (Route53Client client =
        Route53Client.builder()
            .endpointOverride(server.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create("AKIDINJECTED", "secret")))
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      DnsBackend backend =
          Route53DnsBackend.withClient(client, Route53Settings.defaults(), "kuberoute");

      ApplyResult result = backend.apply(creates(a("shop.example.com", "10.0.0.1")));
      backend.close();

      assertThat(result.failedNames()).isEmpty();
      assertThat(server.get(zone, "shop.example.com", "A")).isPresent();
      assertThat(server.accessKeyIds()).containsExactly("AKIDINJECTED");
      assertThat(client.listHostedZones().hostedZones()).hasSize(1); // still open
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** A record of ours, with its mark, straight into the zone. */
  private static void mine(String zoneId, String name, String ip) {
    server.put(zoneId, name, "A", 60, ip);
    server.put(
        zoneId,
        "_kuberoute." + name,
        "TXT",
        300,
        OwnershipMark.value("kuberoute", "service/default/x"));
  }

  private static RecordSet a(String name, String... ips) {
    return RecordSet.of(name, RecordType.A, 60, ips);
  }

  private static ChangeSet creates(RecordSet... records) {
    return new ChangeSet(
        List.of(records).stream().map(r -> new DesiredRecord(r, RESOURCE)).toList(),
        List.of(),
        List.of());
  }

  private static List<String> names(ZoneState state) {
    return state.records().stream().map(c -> c.record().name().value()).toList();
  }
}
