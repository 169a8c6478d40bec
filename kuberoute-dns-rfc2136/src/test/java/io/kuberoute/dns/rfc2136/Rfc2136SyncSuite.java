package io.kuberoute.dns.rfc2136;

import static io.kuberoute.dns.rfc2136.SyncFixtures.mark;
import static io.kuberoute.dns.rfc2136.SyncFixtures.merged;
import static io.kuberoute.dns.rfc2136.SyncFixtures.published;
import static io.kuberoute.dns.rfc2136.SyncFixtures.service;
import static io.kuberoute.dns.rfc2136.SyncFixtures.withFailover;
import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.core.app.SyncError;
import io.kuberoute.core.app.SyncResult;
import io.kuberoute.core.app.SyncService;
import io.kuberoute.core.app.SyncTrigger;
import io.kuberoute.core.model.ServiceInfo;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.testkit.dns.DnsServerExtension;
import io.kuberoute.testkit.dns.TestDnsServer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whole syncs through {@link io.kuberoute.core.app.SyncService} against a real server, asserting
 * the records the server holds (by AXFR), its SOA serial and the messages the backend sent. Zones
 * {@code example.com} and {@code example.org} are configured ({@code rfc2136.zones}) unless a test
 * says otherwise.
 */
abstract class Rfc2136SyncSuite {

  static final String COM = "example.com";
  static final String ORG = "example.org";

  abstract DnsServerExtension dns();

  private final SyncFixtures fx = new SyncFixtures();
  private CountingDnsClient client;
  private DnsBackend backend;
  private SyncService sync;

  @BeforeEach
  void freshZonesAndBackend() {
    admin().wipe(COM, ORG);
    client = CountingDnsClient.of(SyncFixtures.settings(server(), COM, ORG));
    backend =
        new Rfc2136DnsBackend(
            SyncFixtures.settings(server(), COM, ORG), SyncFixtures.OWNER, client);
    sync = fx.service(backend);
  }

  @AfterEach
  void closeBackend() {
    if (backend != null) {
      backend.close();
    }
  }

  private TestDnsServer server() {
    return dns().server();
  }

  private ZoneAdmin admin() {
    return new ZoneAdmin(dns().server());
  }

  private Set<String> com() {
    return admin().lines(COM);
  }

  private SyncResult syncOk(SyncTrigger trigger) {
    SyncResult r = sync.sync(trigger);
    assertThat(r.errors()).isEmpty();
    assertThat(r.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    return r;
  }

  private static ServiceInfo shop() {
    return service("shop", "shop", COM);
  }

  @Test
  void theFirstSyncPublishesExactlyTheRecordsAndTheirMarks() {
    ServiceInfo www = withFailover(service("www", "www", COM), "failover.example.org", "0");
    fx.set(
        List.of(shop(), service("v6", "v6", COM), www, service("api", "api", ORG)),
        Map.of(
            "shop",
            List.of("10.0.0.2", "10.0.0.1"),
            "v6",
            List.of("2001:db8::5"),
            "api",
            List.of("10.0.0.3")));

    SyncResult r = syncOk(SyncTrigger.FULL);

    assertThat(r.applied().creates()).hasSize(4);
    assertThat(com())
        .isEqualTo(
            merged(
                published("shop.example.com", "shop", "10.0.0.1", "10.0.0.2"),
                published("v6.example.com", "v6", "2001:db8::5"),
                published("www.example.com", "www", "failover.example.org")));
    assertThat(admin().lines(ORG)).isEqualTo(published("api.example.org", "api", "10.0.0.3"));
  }

  @Test
  void messagesPerSyncFirstIdleAndOneChange() {
    fx.set(
        List.of(shop(), service("blog", "blog", COM), service("api", "api", ORG)),
        Map.of(
            "shop",
            List.of("10.0.0.1", "10.0.0.2"),
            "blog",
            List.of("10.0.0.3"),
            "api",
            List.of("10.0.0.4")));
    CountingDnsClient.Counts start = client.counts();

    syncOk(SyncTrigger.FULL);
    CountingDnsClient.Counts first = client.counts().minus(start);
    long serialCom = admin().serial(COM);
    long serialOrg = admin().serial(ORG);
    CountingDnsClient.Counts before = client.counts();
    syncOk(SyncTrigger.FULL);
    CountingDnsClient.Counts idleFull = client.counts().minus(before);
    before = client.counts();
    syncOk(SyncTrigger.EVENT);
    CountingDnsClient.Counts idleEvent = client.counts().minus(before);
    fx.set(
        List.of(shop(), service("blog", "blog", COM), service("api", "api", ORG)),
        Map.of(
            "shop",
            List.of("10.0.0.1", "10.0.0.2", "10.0.0.5"),
            "blog",
            List.of("10.0.0.3"),
            "api",
            List.of("10.0.0.4")));
    before = client.counts();
    syncOk(SyncTrigger.EVENT);
    CountingDnsClient.Counts oneChangeEvent = client.counts().minus(before);
    fx.set(
        List.of(shop(), service("blog", "blog", COM), service("api", "api", ORG)),
        Map.of(
            "shop",
            List.of("10.0.0.1", "10.0.0.2", "10.0.0.5"),
            "blog",
            List.of("10.0.0.6"),
            "api",
            List.of("10.0.0.4")));
    before = client.counts();
    syncOk(SyncTrigger.FULL);
    CountingDnsClient.Counts oneChangeFull = client.counts().minus(before);

    System.out.printf(
        "%s messages per sync (2 zones, 3 names): first %s; idle full %s; idle event %s; one change, event %s;"
            + " one change, full %s%n",
        server().product(), first, idleFull, idleEvent, oneChangeEvent, oneChangeFull);
    assertThat(first).as("first sync").isEqualTo(new CountingDnsClient.Counts(2, 3, 0));
    assertThat(idleFull).as("idle full sync").isEqualTo(new CountingDnsClient.Counts(2, 0, 0));
    assertThat(idleEvent).as("idle event sync").isEqualTo(new CountingDnsClient.Counts(0, 0, 0));
    assertThat(oneChangeEvent)
        .as("one change, event sync")
        .isEqualTo(new CountingDnsClient.Counts(0, 1, 0));
    assertThat(oneChangeFull)
        .as("one change, full sync")
        .isEqualTo(new CountingDnsClient.Counts(2, 1, 0));
    assertThat(admin().serial(ORG))
        .as("the zone nothing changed in keeps its serial")
        .isEqualTo(serialOrg);
    assertThat(admin().serial(COM)).as("two changes, two serials").isEqualTo(serialCom + 2);
  }

  @Test
  void idleSyncsWriteNothingAndLeaveTheSerialAlone() {
    fx.set(
        List.of(shop(), service("api", "api", ORG)),
        Map.of("shop", List.of("10.0.0.1", "10.0.0.2", "10.0.0.3"), "api", List.of("10.0.0.1")));
    syncOk(SyncTrigger.FULL);
    long serialCom = admin().serial(COM);
    long serialOrg = admin().serial(ORG);
    Set<String> before = com();

    SyncResult full = syncOk(SyncTrigger.FULL);
    SyncResult event = syncOk(SyncTrigger.EVENT);
    DnsBackend restarted =
        Rfc2136DnsBackend.create(SyncFixtures.settings(server(), COM, ORG), SyncFixtures.OWNER);
    SyncResult afterRestart = fx.service(restarted).sync(SyncTrigger.FULL);
    restarted.close();

    assertThat(full.planned().isEmpty()).isTrue();
    assertThat(event.planned().isEmpty()).isTrue();
    assertThat(afterRestart.errors()).isEmpty();
    assertThat(afterRestart.planned().isEmpty()).isTrue();
    assertThat(admin().serial(COM)).isEqualTo(serialCom);
    assertThat(admin().serial(ORG)).isEqualTo(serialOrg);
    assertThat(com()).isEqualTo(before);
  }

  @Test
  void shrinkingFromThreeToTwoTargetsIsOneUpdate() {
    fx.set(List.of(shop()), Map.of("shop", List.of("10.0.0.1", "10.0.0.2", "10.0.0.3")));
    syncOk(SyncTrigger.FULL);
    long serial = admin().serial(COM);

    fx.set(List.of(shop()), Map.of("shop", List.of("10.0.0.1", "10.0.0.3")));
    syncOk(SyncTrigger.EVENT);

    assertThat(com()).isEqualTo(published("shop.example.com", "shop", "10.0.0.1", "10.0.0.3"));
    assertThat(admin().serial(COM)).as("one update for the name").isEqualTo(serial + 1);
  }

  @Test
  void growingAddsTheNewTargets() {
    fx.set(List.of(shop()), Map.of("shop", List.of("10.0.0.1")));
    syncOk(SyncTrigger.FULL);
    long serial = admin().serial(COM);

    fx.set(List.of(shop()), Map.of("shop", List.of("10.0.0.1", "10.0.0.2", "10.0.0.3")));
    syncOk(SyncTrigger.FULL);

    assertThat(com())
        .isEqualTo(published("shop.example.com", "shop", "10.0.0.1", "10.0.0.2", "10.0.0.3"));
    assertThat(admin().serial(COM)).isEqualTo(serial + 1);
  }

  @Test
  void failoverToACnameAndBackIsOneUpdateEachWay() {
    ServiceInfo shop = withFailover(shop(), "failover.example.org", "100");
    fx.set(List.of(shop), Map.of("shop", List.of("10.0.0.1", "10.0.0.2", "10.0.0.3")));
    syncOk(SyncTrigger.FULL);
    assertThat(com())
        .isEqualTo(published("shop.example.com", "shop", "10.0.0.1", "10.0.0.2", "10.0.0.3"));
    long serial = admin().serial(COM);

    // one of three nodes stops serving: 66% < 100%, so the failover is published
    fx.set(List.of(shop), Map.of("shop", List.of("10.0.0.1", "10.0.0.2")), List.of("10.0.0.3"));
    syncOk(SyncTrigger.EVENT);
    assertThat(com()).isEqualTo(published("shop.example.com", "shop", "failover.example.org"));
    assertThat(admin().serial(COM)).as("A→CNAME in one update").isEqualTo(serial + 1);

    fx.set(List.of(shop), Map.of("shop", List.of("10.0.0.1", "10.0.0.2", "10.0.0.3")));
    syncOk(SyncTrigger.EVENT);
    assertThat(com())
        .isEqualTo(published("shop.example.com", "shop", "10.0.0.1", "10.0.0.2", "10.0.0.3"));
    assertThat(admin().serial(COM)).as("CNAME→A in one update").isEqualTo(serial + 2);
  }

  @Test
  void ipv6NodesArePublishedAsAaaaAndFollowed() {
    fx.set(List.of(shop()), Map.of("shop", List.of("2001:db8::1", "10.0.0.1")));
    syncOk(SyncTrigger.FULL);
    assertThat(com()).isEqualTo(published("shop.example.com", "shop", "10.0.0.1", "2001:db8::1"));

    fx.set(List.of(shop()), Map.of("shop", List.of("2001:db8::1", "2001:db8::2")));
    syncOk(SyncTrigger.EVENT);
    assertThat(com())
        .isEqualTo(published("shop.example.com", "shop", "2001:db8::1", "2001:db8::2"));
    syncOk(SyncTrigger.FULL);
    assertThat(com())
        .isEqualTo(published("shop.example.com", "shop", "2001:db8::1", "2001:db8::2"));
  }

  @Test
  void aVanishedServicesRecordsAndMarkAreDeletedAndNothingElse() {
    fx.set(
        List.of(shop(), service("api", "api", COM)),
        Map.of("shop", List.of("10.0.0.1", "10.0.0.2"), "api", List.of("10.0.0.3")));
    syncOk(SyncTrigger.FULL);

    fx.set(List.of(service("api", "api", COM)), Map.of("api", List.of("10.0.0.3")));
    SyncResult r = syncOk(SyncTrigger.EVENT);

    assertThat(r.applied().deletes()).hasSize(1);
    assertThat(com()).isEqualTo(published("api.example.com", "api", "10.0.0.3"));
  }

  @Test
  void theLastServiceOfADomainVanishingStillCleansTheZone() {
    fx.set(List.of(service("api", "api", ORG)), Map.of("api", List.of("10.0.0.1")));
    syncOk(SyncTrigger.FULL);

    fx.set(List.of(), Map.of());
    syncOk(SyncTrigger.FULL);

    assertThat(admin().lines(ORG)).isEmpty();
  }

  @Test
  void recordsOfOthersAreNeverChanged() {
    List<String> foreign =
        List.of(
            "other.example.com. 60 A 192.0.2.1",
            "_kuberoute.other.example.com. 300 TXT \"heritage=kuberoute,owner=cluster-b,resource=service/b/other\"",
            "manual.example.com. 60 A 192.0.2.2",
            "text.example.com. 60 TXT \"v=spf1 -all\"",
            "example.com. 60 MX 10 mail.example.com.",
            "mail.example.com. 60 A 192.0.2.3",
            "*.wild.example.com. 60 A 192.0.2.4",
            "_kuberoute.lone.example.com. 300 TXT \"heritage=kuberoute,owner=cluster-b,resource=service/b/lone\"",
            "sub.example.com. 60 NS ns.sub.example.com.",
            "ns.sub.example.com. 60 A 192.0.2.5",
            "_kuberoute.alien.example.com. 60 TXT \"written by someone else\"",
            "alien.example.com. 60 A 192.0.2.6");
    admin().add(COM, foreign.toArray(String[]::new));
    Set<String> before = com();

    fx.set(List.of(shop()), Map.of("shop", List.of("10.0.0.1", "10.0.0.2")));
    syncOk(SyncTrigger.FULL);
    fx.set(List.of(shop()), Map.of("shop", List.of("10.0.0.3")));
    syncOk(SyncTrigger.FULL);
    fx.set(List.of(), Map.of());
    syncOk(SyncTrigger.FULL);

    assertThat(com()).isEqualTo(before);
    assertThat(com()).containsAll(foreign);
  }

  @Test
  void namesHeldByOthersAreConflictsAndStayUntouched() {
    admin()
        .add(
            COM,
            "other.example.com. 60 A 192.0.2.1",
            "_kuberoute.other.example.com. 300 TXT \"heritage=kuberoute,owner=cluster-b,resource=service/b/other\"",
            "_kuberoute.lone.example.com. 300 TXT \"heritage=kuberoute,owner=cluster-b,resource=service/b/lone\"",
            "_kuberoute.alien.example.com. 60 TXT \"written by someone else\"",
            "alien.example.com. 60 A 192.0.2.6");
    Set<String> before = com();
    fx.set(
        List.of(
            service("other", "other", COM),
            service("lone", "lone", COM),
            service("alien", "alien", COM),
            shop()),
        Map.of(
            "other",
            List.of("10.0.0.1"),
            "lone",
            List.of("10.0.0.2"),
            "alien",
            List.of("10.0.0.3"),
            "shop",
            List.of("10.0.0.4")));

    SyncResult r = sync.sync(SyncTrigger.FULL);

    assertThat(r.errors())
        .extracting(SyncError::message)
        .containsExactlyInAnyOrder(
            "other.example.com is owned by 'cluster-b' (service/b/other), not by 'kuberoute'; not changed",
            "lone.example.com is claimed by 'cluster-b' (service/b/lone) (an ownership mark with no records), not by"
                + " 'kuberoute'; not created",
            "writing alien.example.com failed: _kuberoute.alien.example.com holds a TXT record kuberoute did not write,"
                + " so alien.example.com cannot be marked as ours; not changed");
    assertThat(com()).isEqualTo(merged(before, published("shop.example.com", "shop", "10.0.0.4")));
  }

  @Test
  void anUnownedRecordIsAdoptedByMarkingIt() {
    admin().add(COM, "shop.example.com. 60 A 10.0.0.1");
    long serial = admin().serial(COM);
    fx.set(List.of(shop()), Map.of("shop", List.of("10.0.0.1")));

    SyncResult r = syncOk(SyncTrigger.FULL);

    assertThat(r.applied().updates()).hasSize(1);
    assertThat(com()).isEqualTo(published("shop.example.com", "shop", "10.0.0.1"));
    assertThat(admin().serial(COM)).isEqualTo(serial + 1);
  }

  @Test
  void aConcurrentHandEditFailsThatNameAloneAndTheNextSyncConverges() {
    ServiceInfo api = service("api", "api", COM);
    fx.set(List.of(shop(), api), Map.of("shop", List.of("10.0.0.1"), "api", List.of("10.0.0.5")));
    syncOk(SyncTrigger.FULL);
    // someone adds an address to shop after kuberoute read the zone
    admin().add(COM, "shop.example.com. 60 A 192.0.2.99");

    fx.set(List.of(shop(), api), Map.of("shop", List.of("10.0.0.2"), "api", List.of("10.0.0.6")));
    SyncResult r = sync.sync(SyncTrigger.EVENT);

    assertThat(r.errors())
        .extracting(SyncError::message)
        .containsExactly(
            "writing shop.example.com failed: shop.example.com changed on the server since it was read (prerequisite"
                + " failed: NXRRSET; another writer?); nothing written, retried after a fresh read at the next sync");
    assertThat(com())
        .isEqualTo(
            merged(
                published("shop.example.com", "shop", "10.0.0.1", "192.0.2.99"),
                published("api.example.com", "api", "10.0.0.6")));

    syncOk(SyncTrigger.EVENT);
    assertThat(com())
        .isEqualTo(
            merged(
                published("shop.example.com", "shop", "10.0.0.2"),
                published("api.example.com", "api", "10.0.0.6")));
  }

  @Test
  void aNameAnotherOwnerClaimedBetweenReadAndWriteIsLeftToIt() {
    fx.set(List.of(shop()), Map.of("shop", List.of("10.0.0.1")));
    syncOk(SyncTrigger.FULL);
    // another cluster takes the name over after kuberoute read the zone
    admin()
        .update(
            COM,
            u -> {
              u.delete(ZoneAdmin.name("_kuberoute.shop.example.com"), org.xbill.DNS.Type.TXT);
              u.add(
                  ZoneAdmin.parse(
                      "_kuberoute.shop.example.com. 300 TXT \"heritage=kuberoute,owner=cluster-b,resource=service/b/shop\""));
            });

    fx.set(List.of(shop()), Map.of("shop", List.of("10.0.0.2")));
    SyncResult first = sync.sync(SyncTrigger.EVENT);
    SyncResult next = sync.sync(SyncTrigger.EVENT);

    assertThat(first.errors())
        .extracting(SyncError::message)
        .singleElement()
        .asString()
        .startsWith(
            "writing shop.example.com failed: shop.example.com changed on the server since it was read");
    assertThat(next.errors())
        .extracting(SyncError::message)
        .containsExactly(
            "shop.example.com is owned by 'cluster-b' (service/b/shop), not by 'kuberoute'; not changed");
    assertThat(com())
        .containsExactlyInAnyOrder(
            "shop.example.com. 60 A 10.0.0.1",
            mark("shop.example.com", "cluster-b", "service/b/shop"));
  }

  @Test
  void aFreshProcessCleansUpExactlyWhatTheLastRunOwned() {
    fx.set(
        List.of(shop(), service("api", "api", ORG)),
        Map.of("shop", List.of("10.0.0.1"), "api", List.of("10.0.0.2")));
    syncOk(SyncTrigger.FULL);
    admin()
        .add(
            ORG,
            "theirs.example.org. 60 A 192.0.2.7",
            "_kuberoute.theirs.example.org. 300 TXT \"heritage=kuberoute,owner=cluster-b\"",
            "manual.example.org. 60 A 192.0.2.8");
    backend.close();

    // a new process: new backend, new sync service; api's Service is gone, shop stays
    SyncFixtures fresh = new SyncFixtures();
    fresh.set(List.of(shop()), Map.of("shop", List.of("10.0.0.1")));
    DnsBackend restarted =
        Rfc2136DnsBackend.create(SyncFixtures.settings(server(), COM, ORG), SyncFixtures.OWNER);
    SyncResult r = fresh.service(restarted).sync(SyncTrigger.FULL);
    restarted.close();

    assertThat(r.errors()).isEmpty();
    assertThat(r.applied().deletes())
        .extracting(d -> d.name().value())
        .containsExactly("api.example.org");
    assertThat(admin().lines(ORG))
        .containsExactlyInAnyOrder(
            "theirs.example.org. 60 A 192.0.2.7",
            "_kuberoute.theirs.example.org. 300 TXT \"heritage=kuberoute,owner=cluster-b\"",
            "manual.example.org. 60 A 192.0.2.8");
    assertThat(com()).isEqualTo(published("shop.example.com", "shop", "10.0.0.1"));
  }

  @Test
  void withoutZonesEachZoneIsFoundBySoaAndOrphansInTheZonesOfCurrentRoutesAreCleaned() {
    backend.close();
    client = CountingDnsClient.of(SyncFixtures.settings(server()));
    backend = new Rfc2136DnsBackend(SyncFixtures.settings(server()), SyncFixtures.OWNER, client);
    sync = fx.service(backend);
    fx.set(
        List.of(shop(), service("blog", "blog", COM)),
        Map.of("shop", List.of("10.0.0.1"), "blog", List.of("10.0.0.2")));

    syncOk(SyncTrigger.FULL);
    CountingDnsClient.Counts first = client.counts();
    CountingDnsClient.Counts before = client.counts();
    syncOk(SyncTrigger.FULL);
    CountingDnsClient.Counts idle = client.counts().minus(before);
    System.out.printf(
        "%s messages per sync without rfc2136.zones (1 zone, 2 names): first %s; idle full %s%n",
        server().product(), first, idle);

    assertThat(com())
        .isEqualTo(
            merged(
                published("shop.example.com", "shop", "10.0.0.1"),
                published("blog.example.com", "blog", "10.0.0.2")));
    assertThat(first)
        .as("SOA for the domain and each name, one AXFR, one UPDATE per name")
        .isEqualTo(new CountingDnsClient.Counts(1, 2, 3));
    assertThat(idle).isEqualTo(new CountingDnsClient.Counts(1, 0, 0));

    // a new process whose only route left is blog: shop's zone is blog's, so shop is found and
    // removed
    DnsBackend restarted =
        Rfc2136DnsBackend.create(SyncFixtures.settings(server()), SyncFixtures.OWNER);
    SyncFixtures fresh = new SyncFixtures();
    fresh.set(List.of(service("blog", "blog", COM)), Map.of("blog", List.of("10.0.0.2")));
    SyncResult r = fresh.service(restarted).sync(SyncTrigger.FULL);
    restarted.close();
    assertThat(r.errors()).isEmpty();
    assertThat(com()).isEqualTo(published("blog.example.com", "blog", "10.0.0.2"));
  }

  @Test
  void aCnameFailoverNextToForeignDataAtTheNameIsRefusedWithoutSending() {
    admin().add(COM, "shop.example.com. 60 TXT \"hello\"");
    fx.set(List.of(withFailover(shop(), "failover.example.org", "0")), Map.of());
    long serial = admin().serial(COM);

    SyncResult r = sync.sync(SyncTrigger.FULL);

    assertThat(r.errors())
        .extracting(SyncError::message)
        .containsExactly(
            "writing shop.example.com failed: shop.example.com holds TXT records, so it cannot hold a CNAME"
                + " (RFC 1034 §3.6.2); not changed");
    assertThat(admin().serial(COM)).isEqualTo(serial);
  }
}
