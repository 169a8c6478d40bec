package io.kuberoute.core.app;

import static io.kuberoute.testkit.fixtures.Fixtures.node;
import static io.kuberoute.testkit.fixtures.Fixtures.pod;
import static io.kuberoute.testkit.fixtures.Fixtures.routed;
import static io.kuberoute.testkit.fixtures.Fixtures.snapshot;
import static io.kuberoute.testkit.fixtures.Fixtures.withLabel;
import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.core.model.CurrentRecord;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.DomainFilter;
import io.kuberoute.core.model.NodeInfo;
import io.kuberoute.core.model.Ownership;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import io.kuberoute.core.model.ServiceInfo;
import io.kuberoute.core.plan.PlanSettings;
import io.kuberoute.core.template.Template;
import io.kuberoute.testkit.fixtures.InMemoryDnsBackend;
import io.kuberoute.testkit.fixtures.MutableClock;
import io.kuberoute.testkit.fixtures.MutableClusterSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The registry rules with a process restart in the middle: each "run" is a fresh {@link
 * SyncService} (nothing carried over in memory) against the same DNS state.
 */
class RegistryAcrossRestartsTest {

  private static final Instant T0 = Instant.parse("2026-12-01T09:05:00Z");
  private static final List<NodeInfo> NODES =
      List.of(node("n1", "10.0.0.1"), node("n2", "10.0.0.2"));

  private final InMemoryDnsBackend dns = new InMemoryDnsBackend("kuberoute");
  private final MutableClock clock = new MutableClock(T0);

  private SyncService run(MutableClusterSource source, SyncSettings settings) {
    return SyncService.builder(source, dns, settings).clock(clock).build();
  }

  private static MutableClusterSource cluster(ServiceInfo... services) {
    List<ServiceInfo> list = List.of(services);
    return new MutableClusterSource()
        .set(
            snapshot(
                list,
                list.stream().map(s -> pod(s.name() + "-pod", s.name(), "n1")).toList(),
                NODES));
  }

  private Set<RecordSet> inDns() {
    return Set.copyOf(dns.all().stream().map(CurrentRecord::record).toList());
  }

  private static RecordSet a(String name, String... ips) {
    return RecordSet.of(DnsName.of(name), RecordType.A, 60, List.of(ips));
  }

  @Test
  void aDomainWhoseLastServiceVanishedWhileNothingRanIsCleanedUpByTheNextRun() {
    SyncResult first =
        run(
                cluster(
                    routed("solo", "solo", "unrelated.test"),
                    routed("shop", "shop", "example.com")),
                SyncSettings.defaults())
            .sync(SyncTrigger.FULL);
    assertThat(first.applied().creates()).hasSize(2);

    SyncResult second =
        run(cluster(routed("shop", "shop", "example.com")), SyncSettings.defaults())
            .sync(SyncTrigger.FULL);

    assertThat(second.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(second.applied().deletes()).containsExactly(a("solo.unrelated.test", "10.0.0.1"));
    assertThat(inDns()).containsExactly(a("shop.example.com", "10.0.0.1"));
  }

  @Test
  void theHeartbeatOfADomainWithoutRoutesIsRemovedByAFreshProcess() {
    HeartbeatSettings hb =
        new HeartbeatSettings(
            Template.compile("heartbeat"),
            Template.compile(HeartbeatSettings.DEFAULT_VALUE),
            Duration.ofSeconds(60));
    SyncSettings withHeartbeat =
        new SyncSettings(
            SyncSettings.defaults().route(),
            PlanSettings.defaults(),
            Optional.of(hb),
            Duration.ofSeconds(60),
            false);
    run(
            cluster(
                routed("solo", "solo", "unrelated.test"), routed("shop", "shop", "example.com")),
            withHeartbeat)
        .sync(SyncTrigger.FULL);
    assertThat(inDns())
        .extracting(RecordSet::name)
        .contains(DnsName.of("heartbeat.unrelated.test"));

    clock.advance(Duration.ofMinutes(5));
    SyncResult second =
        run(cluster(routed("shop", "shop", "example.com")), withHeartbeat).sync(SyncTrigger.FULL);

    assertThat(second.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(inDns())
        .extracting(RecordSet::name)
        .containsExactlyInAnyOrder(
            DnsName.of("shop.example.com"), DnsName.of("heartbeat.example.com"));
  }

  @Test
  void aLoneForeignMarkIsAConflictForThatNameOnlyAndNothingIsSentThere() {
    dns.seedLoneMark(
        DnsName.of("taken.example.com"), Ownership.ownedBy("other-cluster", "service/web/taken"));

    SyncResult result =
        run(
                cluster(
                    routed("taken", "taken", "example.com"), routed("shop", "shop", "example.com")),
                SyncSettings.defaults())
            .sync(SyncTrigger.FULL);

    assertThat(result.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(result.planned().creates())
        .extracting(d -> d.record().name())
        .containsExactly(DnsName.of("shop.example.com"));
    assertThat(result.errors())
        .extracting(SyncError::message)
        .containsExactly(
            "taken.example.com is claimed by 'other-cluster' (service/web/taken) (an ownership mark with no records),"
                + " not by 'kuberoute'; not created");
    assertThat(inDns()).containsExactly(a("shop.example.com", "10.0.0.1"));
  }

  @Test
  void previousOwnerIdsAreTakenOverAndOtherIdsAreNeverTouched() {
    RecordSet kept = a("shop.example.com", "10.0.0.1");
    RecordSet orphan = a("gone.example.com", "10.9.9.9");
    RecordSet theirs = a("theirs.example.com", "10.8.8.8");
    dns.seed(kept, Ownership.ownedBy("old-id", "service/default/shop"));
    dns.seed(orphan, Ownership.ownedBy("old-id", "service/default/gone"));
    dns.seed(theirs, Ownership.ownedBy("someone-else"));
    SyncSettings takeOver =
        SyncSettings.defaults()
            .withPlan(PlanSettings.defaults().withPreviousOwnerIds(Set.of("old-id")));

    SyncResult result =
        run(cluster(routed("shop", "shop", "example.com")), takeOver).sync(SyncTrigger.FULL);

    assertThat(result.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(result.applied().updates())
        .singleElement()
        .satisfies(u -> assertThat(u.after()).isEqualTo(kept));
    assertThat(result.applied().deletes()).containsExactly(orphan);
    assertThat(dns.all())
        .containsExactlyInAnyOrder(
            new CurrentRecord(kept, Ownership.ownedBy("kuberoute", "service/default/shop")),
            new CurrentRecord(theirs, Ownership.ownedBy("someone-else")));

    SyncResult idle =
        run(cluster(routed("shop", "shop", "example.com")), SyncSettings.defaults())
            .sync(SyncTrigger.FULL);
    assertThat(idle.applied().isEmpty()).isTrue();
  }

  @Test
  void withoutPreviousOwnerIdsRecordsOfAnotherIdAreNeverTouched() {
    RecordSet old = a("gone.example.com", "10.9.9.9");
    dns.seed(old, Ownership.ownedBy("old-id"));

    SyncResult result =
        run(cluster(routed("shop", "shop", "example.com")), SyncSettings.defaults())
            .sync(SyncTrigger.FULL);

    assertThat(result.applied().deletes()).isEmpty();
    assertThat(inDns()).contains(old);
  }

  @Test
  void theDomainFilterLeavesEverythingOutsideAloneAndReportsServicesOutside() {
    RecordSet outside = a("old.elsewhere.test", "10.9.9.9");
    dns.seed(outside, Ownership.ownedBy("kuberoute", "service/default/old"));
    SyncSettings onlyExample = SyncSettings.defaults().withDomains(DomainFilter.of("example.com"));

    SyncResult result =
        run(
                cluster(
                    routed("shop", "shop", "example.com"),
                    routed("stray", "stray", "elsewhere.test")),
                onlyExample)
            .sync(SyncTrigger.FULL);

    assertThat(result.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(result.applied().creates())
        .extracting(d -> d.record().name())
        .containsExactly(DnsName.of("shop.example.com"));
    assertThat(result.applied().deletes()).isEmpty();
    assertThat(result.errors())
        .extracting(SyncError::message)
        .containsExactly(
            "service default/stray: name stray.elsewhere.test is outside the managed domains (example.com); not published");
    assertThat(inDns()).containsExactlyInAnyOrder(outside, a("shop.example.com", "10.0.0.1"));
  }

  @Test
  void aHeartbeatNameOutsideTheManagedDomainsIsNotWritten() {
    HeartbeatSettings hb =
        new HeartbeatSettings(
            Template.compile("heartbeat"),
            Template.compile(HeartbeatSettings.DEFAULT_VALUE),
            Duration.ofSeconds(60));
    SyncSettings settings =
        new SyncSettings(
                SyncSettings.defaults().route(),
                PlanSettings.defaults(),
                Optional.of(hb),
                Duration.ofSeconds(60),
                false)
            .withDomains(DomainFilter.of("a.test"));
    // the Service's domain label is "test", its name "x.a": x.a.test is managed, heartbeat.test is
    // not
    MutableClusterSource source = cluster(routed("x", "x.a", "test"));

    SyncResult first = run(source, settings).sync(SyncTrigger.FULL);
    SyncResult second = run(source, settings).sync(SyncTrigger.FULL);

    assertThat(first.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(first.errors()).isEmpty();
    assertThat(second.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(inDns()).containsExactly(a("x.a.test", "10.0.0.1"));
  }

  @Test
  void twoOwnersInOneZoneNeverTouchEachOthersRecordsAndAContestedNameDoesNotFlap() {
    InMemoryDnsBackend blue = dns.sharedWith("blue");
    InMemoryDnsBackend green = dns.sharedWith("green");
    SyncSettings asBlue =
        SyncSettings.defaults().withPlan(PlanSettings.defaults().withOwnerId("blue"));
    SyncSettings asGreen =
        SyncSettings.defaults().withPlan(PlanSettings.defaults().withOwnerId("green"));
    MutableClusterSource blueCluster =
        cluster(routed("shop", "shop", "example.com"), routed("both", "both", "example.com"));
    MutableClusterSource greenCluster =
        new MutableClusterSource()
            .set(
                snapshot(
                    List.of(
                        routed("blog", "blog", "example.com"),
                        routed("both", "both", "example.com")),
                    List.of(pod("blog-pod", "blog", "g1"), pod("both-pod", "both", "g1")),
                    List.of(node("g1", "10.1.0.1"))));

    SyncService blueRun = SyncService.builder(blueCluster, blue, asBlue).clock(clock).build();
    SyncService greenRun = SyncService.builder(greenCluster, green, asGreen).clock(clock).build();
    blueRun.sync(SyncTrigger.FULL);
    greenRun.sync(SyncTrigger.FULL);
    for (int i = 0; i < 5; i++) {
      // a fresh process on each side every round
      SyncResult b =
          SyncService.builder(blueCluster, blue, asBlue)
              .clock(clock)
              .build()
              .sync(SyncTrigger.FULL);
      SyncResult g =
          SyncService.builder(greenCluster, green, asGreen)
              .clock(clock)
              .build()
              .sync(SyncTrigger.FULL);
      assertThat(b.applied().isEmpty()).isTrue();
      assertThat(g.applied().isEmpty()).isTrue();
      assertThat(g.errors())
          .extracting(SyncError::message)
          .containsExactly(
              "both.example.com is owned by 'blue' (service/default/both), not by 'green'; not changed");
      assertThat(b.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
      assertThat(g.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    }
    assertThat(dns.all())
        .containsExactlyInAnyOrder(
            new CurrentRecord(
                a("shop.example.com", "10.0.0.1"),
                Ownership.ownedBy("blue", "service/default/shop")),
            new CurrentRecord(
                a("both.example.com", "10.0.0.1"),
                Ownership.ownedBy("blue", "service/default/both")),
            new CurrentRecord(
                a("blog.example.com", "10.1.0.1"),
                Ownership.ownedBy("green", "service/default/blog")));

    // green's blog goes away: green deletes its own record, never blue's
    greenCluster.set(snapshot(List.of(), List.of(), List.of(node("g1", "10.1.0.1"))));
    SyncResult g =
        SyncService.builder(greenCluster, green, asGreen)
            .clock(clock)
            .build()
            .sync(SyncTrigger.FULL);
    assertThat(g.applied().deletes()).containsExactly(a("blog.example.com", "10.1.0.1"));
    assertThat(inDns())
        .containsExactlyInAnyOrder(
            a("shop.example.com", "10.0.0.1"), a("both.example.com", "10.0.0.1"));
  }

  @Test
  void aServiceWhoseLabelsTurnedInvalidWhileNothingRanKeepsItsName() {
    run(cluster(routed("shop", "shop", "example.com")), SyncSettings.defaults())
        .sync(SyncTrigger.FULL);

    ServiceInfo broken =
        withLabel(routed("shop", "sh op", "example.com"), "kuberoute_name", "sh op");
    SyncResult second = run(cluster(broken), SyncSettings.defaults()).sync(SyncTrigger.FULL);

    assertThat(second.errors())
        .extracting(SyncError::cause)
        .containsExactly(SyncError.Cause.SERVICE);
    assertThat(second.applied().isEmpty()).isTrue();
    assertThat(inDns()).containsExactly(a("shop.example.com", "10.0.0.1"));
  }

  @Test
  void aNameThatAnotherServiceNowClaimsIsReMarkedWithItsResource() {
    run(cluster(routed("shop", "shop", "example.com")), SyncSettings.defaults())
        .sync(SyncTrigger.FULL);

    // the Service is replaced by another one publishing the same name and addresses
    SyncResult second =
        run(cluster(routed("shop-v2", "shop", "example.com")), SyncSettings.defaults())
            .sync(SyncTrigger.FULL);

    assertThat(second.applied().updates())
        .singleElement()
        .satisfies(u -> assertThat(u.resource()).isEqualTo("service/default/shop-v2"));
    assertThat(dns.all())
        .containsExactly(
            new CurrentRecord(
                a("shop.example.com", "10.0.0.1"),
                Ownership.ownedBy("kuberoute", "service/default/shop-v2")));
    SyncResult third =
        run(cluster(routed("shop-v2", "shop", "example.com")), SyncSettings.defaults())
            .sync(SyncTrigger.FULL);
    assertThat(third.applied().isEmpty()).isTrue();
  }

  @Test
  void aDuplicateNameNamesTheWinningService() {
    SyncResult result =
        run(
                cluster(
                    routed("a-first", "shop", "example.com"),
                    routed("b-second", "shop", "example.com")),
                SyncSettings.defaults())
            .sync(SyncTrigger.FULL);

    assertThat(result.errors())
        .extracting(SyncError::message)
        .containsExactly(
            "service default/b-second: name shop.example.com is already claimed by service default/a-first"
                + " (the first by namespace/name wins)");
  }
}
