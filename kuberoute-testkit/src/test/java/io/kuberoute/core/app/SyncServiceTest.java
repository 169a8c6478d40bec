package io.kuberoute.core.app;

import static io.kuberoute.testkit.fixtures.Fixtures.node;
import static io.kuberoute.testkit.fixtures.Fixtures.pod;
import static io.kuberoute.testkit.fixtures.Fixtures.routed;
import static io.kuberoute.testkit.fixtures.Fixtures.snapshot;
import static io.kuberoute.testkit.fixtures.Fixtures.withLabel;
import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.core.model.ClusterSnapshot;
import io.kuberoute.core.model.CurrentRecord;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.NodeInfo;
import io.kuberoute.core.model.Ownership;
import io.kuberoute.core.model.PodInfo;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import io.kuberoute.core.model.ServiceInfo;
import io.kuberoute.core.model.ServiceRef;
import io.kuberoute.core.plan.PlanSettings;
import io.kuberoute.core.port.ClusterHealth;
import io.kuberoute.core.port.ServiceEvent;
import io.kuberoute.core.port.StatusSink;
import io.kuberoute.core.report.ServiceStatus;
import io.kuberoute.core.report.StatusReport;
import io.kuberoute.core.routing.RouteSettings;
import io.kuberoute.core.template.Template;
import io.kuberoute.testkit.fixtures.Fixtures;
import io.kuberoute.testkit.fixtures.InMemoryDnsBackend;
import io.kuberoute.testkit.fixtures.MutableClock;
import io.kuberoute.testkit.fixtures.MutableClusterSource;
import io.kuberoute.testkit.fixtures.RecordingStatusSink;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SyncServiceTest {

  private static final Instant T0 = Instant.parse("2026-11-25T09:05:00Z");
  private static final List<NodeInfo> NODES =
      List.of(
          node("n1", "10.0.0.1"),
          node("n2", "10.0.0.2"),
          node("n3", "10.0.0.3"),
          node("n4", "10.0.0.4"));

  private final MutableClusterSource source = new MutableClusterSource();
  private final InMemoryDnsBackend dns = new InMemoryDnsBackend("kuberoute");
  private final List<ServiceEvent> events = new ArrayList<>();
  private final RecordingStatusSink sink = new RecordingStatusSink();
  private final List<StatusReport> reports = sink.reports();
  private final List<String> printed = new ArrayList<>();
  private final MutableClock clock = new MutableClock(T0);
  private final AtomicBoolean leader = new AtomicBoolean(true);

  private SyncService service(SyncSettings settings) {
    return SyncService.builder(source, dns, settings)
        .events(events::add)
        .statusSink(sink)
        .leadership(leader::get)
        .clock(clock)
        .dryRunOutput(printed::add)
        .build();
  }

  private SyncService service() {
    return service(SyncSettings.defaults());
  }

  private static ServiceInfo shop(String quota, String failover) {
    ServiceInfo s = routed("shop", "shop", "example.com");
    if (quota != null) {
      s = withLabel(s, "kuberoute_quota", quota);
    }
    if (failover != null) {
      s = withLabel(s, "kuberoute_failover", failover);
    }
    return s;
  }

  private static RecordSet a(String name, String... ips) {
    return RecordSet.of(DnsName.of(name), RecordType.A, 60, List.of(ips));
  }

  private List<RecordSet> published() {
    return dns.all().stream().map(CurrentRecord::record).toList();
  }

  private void cluster(List<ServiceInfo> services, List<PodInfo> pods) {
    source.set(snapshot(services, pods, NODES));
  }

  @Test
  void anEmbeddersServiceCachesReadsItselfEventSyncsReadNothingFullSyncsReadTheBackend() {
    SyncService sync = service();
    cluster(List.of(shop(null, null)), List.of(pod("p1", "shop", "n1")));
    sync.sync(SyncTrigger.FULL);
    int afterFull = dns.reads();
    dns.seed(a("manual.example.com", "192.0.2.1"), io.kuberoute.core.model.Ownership.unowned());

    cluster(List.of(shop(null, null)), List.of(pod("p1", "shop", "n1"), pod("p2", "shop", "n2")));
    SyncResult event = sync.sync(SyncTrigger.EVENT);
    SyncResult idle = sync.sync(SyncTrigger.EVENT);

    assertThat(event.applied().updates()).hasSize(1);
    assertThat(idle.planned().isEmpty()).isTrue();
    assertThat(dns.reads())
        .as("event syncs answered from what was read and written")
        .isEqualTo(afterFull);
    assertThat(published()).contains(a("shop.example.com", "10.0.0.1", "10.0.0.2"));

    sync.sync(SyncTrigger.FULL);
    assertThat(dns.reads()).as("a full sync reads the backend").isEqualTo(afterFull + 1);
  }

  @Test
  void theFirstSyncCreatesTheRecordsAndTheSecondWritesNothing() {
    SyncService sync = service();
    cluster(List.of(shop(null, null)), List.of(pod("p1", "shop", "n1"), pod("p2", "shop", "n2")));

    SyncResult first = sync.sync(SyncTrigger.FULL);
    SyncResult second = sync.sync(SyncTrigger.FULL);

    assertThat(first.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(first.applied().creates()).hasSize(1);
    assertThat(published()).containsExactly(a("shop.example.com", "10.0.0.1", "10.0.0.2"));
    assertThat(dns.all().get(0).ownership())
        .isEqualTo(Ownership.ownedBy("kuberoute", "service/default/shop"));
    assertThat(second.planned().isEmpty()).isTrue();
    assertThat(dns.appliedChangeSets()).hasSize(1);
    assertThat(second.managedRecords()).isEqualTo(1);
  }

  @Test
  void losingPodsSwitchesToTheFailoverAndBackWithEvents() {
    SyncService sync = service();
    List<PodInfo> two = List.of(pod("p1", "shop", "n1"), pod("p2", "shop", "n2"));
    cluster(List.of(shop("50", "fo.example.org")), two);
    sync.sync(SyncTrigger.FULL);

    cluster(
        List.of(shop("50", "fo.example.org")),
        List.of(pod("p1", "shop", "n1"), Fixtures.notReady(pod("p2", "shop", "n2"))));
    SyncResult failover = sync.sync(SyncTrigger.EVENT);

    assertThat(published())
        .containsExactly(
            RecordSet.of(
                DnsName.of("shop.example.com"), RecordType.CNAME, 60, List.of("fo.example.org")));
    assertThat(failover.servicesInFailover()).isEqualTo(1);
    assertThat(failover.applied().deletes())
        .containsExactly(a("shop.example.com", "10.0.0.1", "10.0.0.2"));

    cluster(List.of(shop("50", "fo.example.org")), two);
    sync.sync(SyncTrigger.EVENT);

    assertThat(published()).containsExactly(a("shop.example.com", "10.0.0.1", "10.0.0.2"));
    ServiceRef ref = new ServiceRef("default", "shop");
    assertThat(events)
        .containsExactly(
            new ServiceEvent(
                ref,
                ServiceEvent.Type.Warning,
                "FailoverActivated",
                "shop.example.com now points at its failover fo.example.org: 1 of 4 nodes serve it (25%), quota 50%"),
            new ServiceEvent(
                ref,
                ServiceEvent.Type.Normal,
                "FailoverCleared",
                "shop.example.com points at its own nodes again: 2 of 4 nodes serve it (50%), quota 50%"));
  }

  @Test
  void aRestartOverAFailoverAlreadyInDnsRecordsNoFailoverEventButASwitchAtStartDoes() {
    ServiceRef ref = new ServiceRef("default", "shop");
    RecordSet failover =
        RecordSet.of(
            DnsName.of("shop.example.com"), RecordType.CNAME, 60, List.of("fo.example.org"));
    cluster(List.of(shop("50", "fo.example.org")), List.of(pod("p1", "shop", "n1")));

    // a first instance switches DNS to the failover: an Event
    service().sync(SyncTrigger.FULL);
    assertThat(published()).containsExactly(failover);
    assertThat(events).extracting(ServiceEvent::reason).containsExactly("FailoverActivated");

    // a restarted instance finds the failover already published: nothing happened, no Event
    events.clear();
    SyncService restarted = service();
    SyncResult r = restarted.sync(SyncTrigger.FULL);
    assertThat(r.planned().isEmpty()).isTrue();
    assertThat(r.servicesInFailover()).isEqualTo(1);
    assertThat(events).isEmpty();

    // ... but it still reports the way back, and the next switch
    cluster(
        List.of(shop("50", "fo.example.org")),
        List.of(pod("p1", "shop", "n1"), pod("p2", "shop", "n2")));
    restarted.sync(SyncTrigger.EVENT);
    cluster(List.of(shop("50", "fo.example.org")), List.of(pod("p1", "shop", "n1")));
    restarted.sync(SyncTrigger.EVENT);
    assertThat(events)
        .extracting(ServiceEvent::service, ServiceEvent::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(ref, "FailoverCleared"),
            org.assertj.core.groups.Tuple.tuple(ref, "FailoverActivated"));
  }

  @Test
  void aRestartOverDnsThatStillHoldsTheNodesRecordsTheSwitchToTheFailover() {
    cluster(
        List.of(shop("50", "fo.example.org")),
        List.of(pod("p1", "shop", "n1"), pod("p2", "shop", "n2")));
    service().sync(SyncTrigger.FULL);
    assertThat(published()).containsExactly(a("shop.example.com", "10.0.0.1", "10.0.0.2"));

    // pods were lost while no instance ran: the restarted one switches DNS, and says so
    cluster(List.of(shop("50", "fo.example.org")), List.of(pod("p1", "shop", "n1")));
    service().sync(SyncTrigger.FULL);
    assertThat(events).extracting(ServiceEvent::reason).containsExactly("FailoverActivated");
  }

  @Test
  void theRecordsOfAVanishedServiceAreDeletedEvenWhenItWasTheLastOfItsDomain() {
    SyncService sync = service();
    ServiceInfo blog = routed("blog", "blog", "example.org");
    cluster(
        List.of(shop(null, null), blog), List.of(pod("p1", "shop", "n1"), pod("b1", "blog", "n2")));
    sync.sync(SyncTrigger.FULL);
    assertThat(published()).hasSize(2);

    cluster(List.of(shop(null, null)), List.of(pod("p1", "shop", "n1")));
    SyncResult r = sync.sync(SyncTrigger.FULL);

    assertThat(r.applied().deletes()).containsExactly(a("blog.example.org", "10.0.0.2"));
    assertThat(published()).containsExactly(a("shop.example.com", "10.0.0.1"));
  }

  @Test
  void aServiceWhoseLabelsTurnInvalidKeepsItsNameAndTellsOnce() {
    SyncService sync = service();
    cluster(List.of(shop(null, null)), List.of(pod("p1", "shop", "n1")));
    sync.sync(SyncTrigger.FULL);

    cluster(List.of(shop("80%", null)), List.of());
    SyncResult r1 = sync.sync(SyncTrigger.FULL);
    SyncResult r2 = sync.sync(SyncTrigger.FULL);

    assertThat(published()).containsExactly(a("shop.example.com", "10.0.0.1"));
    assertThat(r1.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(r1.errors())
        .containsExactly(
            new SyncError(
                SyncError.Cause.SERVICE,
                "default/shop",
                "service default/shop: label kuberoute_quota: quota '80%' is not a whole number 0..100"));
    assertThat(r2.planned().isEmpty()).isTrue();
    assertThat(events)
        .containsExactly(
            new ServiceEvent(
                new ServiceRef("default", "shop"),
                ServiceEvent.Type.Warning,
                "InvalidQuota",
                "label kuberoute_quota: quota '80%' is not a whole number 0..100"));
  }

  @Test
  void aServiceWhoseNameTurnsInvalidKeepsItsLastPublishedName() {
    SyncService sync = service();
    cluster(List.of(shop(null, null)), List.of(pod("p1", "shop", "n1")));
    sync.sync(SyncTrigger.FULL);

    cluster(
        List.of(
            withLabel(
                shop(null, null), "kuberoute_name", "x_TEMPLATE_START_missing_TEMPLATE_END_x")),
        List.of());
    SyncResult r = sync.sync(SyncTrigger.FULL);

    assertThat(r.planned().isEmpty()).isTrue();
    assertThat(published()).containsExactly(a("shop.example.com", "10.0.0.1"));
  }

  @Test
  void whenTheClusterCannotBeReadNothingIsWrittenAndTheLastStateIsReportedUnavailable() {
    SyncService sync = service();
    cluster(List.of(shop(null, null)), List.of(pod("p1", "shop", "n1")));
    sync.sync(SyncTrigger.FULL);
    int readsBefore = dns.reads();

    source.fail("connection refused: https://10.96.0.1:443");
    SyncResult r = sync.sync(SyncTrigger.FULL);

    assertThat(r.outcome()).isEqualTo(SyncResult.Outcome.FAILED);
    assertThat(r.errors())
        .containsExactly(
            new SyncError(
                SyncError.Cause.CLUSTER,
                "kubernetes",
                "connection refused: https://10.96.0.1:443"));
    assertThat(dns.reads()).isEqualTo(readsBefore);
    assertThat(dns.appliedChangeSets()).hasSize(1);
    StatusReport last = reports.get(reports.size() - 1);
    assertThat(last.apiserverAvailable()).isFalse();
    assertThat(last.services()).containsOnlyKeys("shop.example.com");
    assertThat(last.nodes()).hasSize(4);
    assertThat(last.errors()).containsExactly("connection refused: https://10.96.0.1:443");
    assertThat(sync.lastReport()).contains(last);
  }

  @Test
  void theClusterUnreachableFromTheStartReportsAnEmptyUnavailableState() {
    source.fail("no route to host");
    SyncResult r = service().sync(SyncTrigger.FULL);

    assertThat(r.outcome()).isEqualTo(SyncResult.Outcome.FAILED);
    assertThat(reports)
        .singleElement()
        .satisfies(
            rep -> {
              assertThat(rep.apiserverAvailable()).isFalse();
              assertThat(rep.services()).isEmpty();
            });
  }

  @Test
  void whileTheSourceIsStartingASyncDoesNothingAndIsNoFailure() {
    SyncService sync = service();
    cluster(List.of(shop(null, null)), List.of(pod("p1", "shop", "n1")));
    source.health(ClusterHealth.starting("waiting for the first list of nodes", T0));

    SyncResult r = sync.sync(SyncTrigger.FULL);

    assertThat(r.outcome()).isEqualTo(SyncResult.Outcome.STARTING);
    assertThat(r.succeeded()).isFalse();
    assertThat(r.errors()).isEmpty();
    assertThat(r.applied().isEmpty()).isTrue();
    assertThat(dns.reads()).isZero();
    assertThat(dns.appliedChangeSets()).isEmpty();
    assertThat(reports).isEmpty();
    assertThat(sync.lastReport()).isEmpty();
    assertThat(sync.lastResult()).contains(r);
    assertThat(sync.lastSuccessAt()).isEmpty();

    source.health(ClusterHealth.available(T0));
    SyncResult listed = sync.sync(SyncTrigger.EVENT);

    assertThat(listed.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(published()).containsExactly(a("shop.example.com", "10.0.0.1"));
    assertThat(reports)
        .singleElement()
        .satisfies(
            rep -> {
              assertThat(rep.apiserverAvailable()).isTrue();
              assertThat(rep.services()).containsOnlyKeys("shop.example.com");
            });
  }

  @Test
  void whileTheSourceSaysUnavailableNothingIsWrittenThoughItsViewChangedAndTheReasonIsReported() {
    SyncService sync = service();
    cluster(List.of(shop(null, null)), List.of(pod("p1", "shop", "n1"), pod("p2", "shop", "n2")));
    sync.sync(SyncTrigger.FULL);
    int readsBefore = dns.reads();
    String reason = "the Kubernetes API server did not answer GET /version within 5 s";

    source.health(ClusterHealth.unavailable(reason, T0));
    // the cached view (what the informers last saw) changes: a pod gone, but it cannot be trusted
    cluster(List.of(shop(null, null)), List.of(pod("p1", "shop", "n1")));
    SyncResult event = sync.sync(SyncTrigger.EVENT);
    SyncResult full = sync.sync(SyncTrigger.FULL);

    for (SyncResult r : List.of(event, full)) {
      assertThat(r.outcome()).isEqualTo(SyncResult.Outcome.FAILED);
      assertThat(r.errors())
          .containsExactly(new SyncError(SyncError.Cause.CLUSTER, "kubernetes", reason));
      assertThat(r.applied().isEmpty()).isTrue();
    }
    assertThat(dns.reads()).isEqualTo(readsBefore);
    assertThat(dns.appliedChangeSets()).hasSize(1);
    assertThat(published()).containsExactly(a("shop.example.com", "10.0.0.1", "10.0.0.2"));
    StatusReport last = sync.lastReport().orElseThrow();
    assertThat(last.apiserverAvailable()).isFalse();
    assertThat(last.errors()).containsExactly(reason);
    assertThat(last.services().get("shop.example.com").endpoints())
        .containsExactly("10.0.0.1", "10.0.0.2");
    assertThat(reports.get(reports.size() - 1)).isEqualTo(last);

    source.health(ClusterHealth.available(T0));
    SyncResult back = sync.sync(SyncTrigger.EVENT);

    assertThat(back.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(published()).containsExactly(a("shop.example.com", "10.0.0.1"));
    assertThat(sync.lastReport().orElseThrow().apiserverAvailable()).isTrue();
    assertThat(sync.lastReport().orElseThrow().errors()).isEmpty();
    assertThat(sync.lastReport().orElseThrow().services().get("shop.example.com").endpoints())
        .containsExactly("10.0.0.1");
  }

  @Test
  void aDomainThatCannotBeReadFailsAloneAndWritesNothingThere() {
    SyncService sync = service();
    dns.failDomain(DnsName.of("example.org"), "no hosted zone for example.org");
    cluster(
        List.of(shop(null, null), routed("blog", "blog", "example.org")),
        List.of(pod("p1", "shop", "n1"), pod("b1", "blog", "n2")));

    SyncResult r = sync.sync(SyncTrigger.FULL);

    assertThat(published()).containsExactly(a("shop.example.com", "10.0.0.1"));
    assertThat(r.outcome()).isEqualTo(SyncResult.Outcome.FAILED);
    assertThat(r.errors())
        .containsExactly(
            new SyncError(
                SyncError.Cause.DNS_READ, "example.org", "no hosted zone for example.org"));
  }

  @Test
  void aNameTheBackendRejectsFailsAloneAndIsRetriedNextSync() {
    SyncService sync = service();
    dns.failName(DnsName.of("shop.example.com"));
    cluster(
        List.of(shop(null, null), routed("api", "api", "example.com")),
        List.of(pod("p1", "shop", "n1"), pod("a1", "api", "n2")));

    SyncResult r = sync.sync(SyncTrigger.FULL);

    assertThat(published()).containsExactly(a("api.example.com", "10.0.0.2"));
    assertThat(r.applied().creates()).hasSize(1);
    assertThat(r.errors())
        .containsExactly(
            new SyncError(
                SyncError.Cause.DNS_APPLY,
                "shop.example.com",
                "writing shop.example.com failed: injected failure"));
    assertThat(r.outcome()).isEqualTo(SyncResult.Outcome.FAILED);
  }

  @Test
  void anUnreachableBackendFailsTheSyncWithoutThrowing() {
    SyncService sync = service();
    dns.setUnreachable(true);
    cluster(List.of(shop(null, null)), List.of(pod("p1", "shop", "n1")));

    SyncResult r = sync.sync(SyncTrigger.FULL);

    assertThat(r.outcome()).isEqualTo(SyncResult.Outcome.FAILED);
    assertThat(r.errors())
        .extracting(SyncError::message)
        .containsExactly("reading DNS failed: in-memory DNS is unreachable");
    assertThat(sync.lastSuccessAt()).isEmpty();
  }

  @Test
  void afterAFailedDnsReadEveryEventSyncReadsDnsAgainAndFailsUntilItIsBackThenTheCacheAnswers() {
    SyncService sync = service();
    cluster(List.of(shop(null, null)), List.of(pod("p1", "shop", "n1")));
    sync.sync(SyncTrigger.FULL);
    dns.setUnreachable(true);
    cluster(List.of(shop(null, null)), List.of(pod("p1", "shop", "n1"), pod("p2", "shop", "n2")));
    assertThat(sync.sync(SyncTrigger.FULL).outcome()).isEqualTo(SyncResult.Outcome.FAILED);

    // the pod goes again: the cache, had it answered, holds exactly what the cluster wants now
    cluster(List.of(shop(null, null)), List.of(pod("p1", "shop", "n1")));
    SyncResult whileDown = sync.sync(SyncTrigger.EVENT);
    SyncResult stillDown = sync.sync(SyncTrigger.EVENT);

    for (SyncResult r : List.of(whileDown, stillDown)) {
      assertThat(r.outcome()).isEqualTo(SyncResult.Outcome.FAILED);
      assertThat(r.errors())
          .containsExactly(
              new SyncError(
                  SyncError.Cause.DNS_READ,
                  "dns",
                  "reading DNS failed: in-memory DNS is unreachable"));
    }
    int readsWhileDown = dns.reads();

    dns.setUnreachable(false);
    SyncResult back = sync.sync(SyncTrigger.EVENT);
    SyncResult cached = sync.sync(SyncTrigger.EVENT);

    assertThat(back.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(cached.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(dns.reads())
        .as("the first sync back reads DNS, the next does not")
        .isEqualTo(readsWhileDown + 1);
    assertThat(published()).containsExactly(a("shop.example.com", "10.0.0.1"));
  }

  @Test
  void aLeaderAgainAfterAStandbyReadsDnsAgainForAnotherLeaderMayHaveWrittenMeanwhile() {
    SyncService first = service();
    AtomicBoolean secondLeads = new AtomicBoolean(false);
    SyncService second =
        SyncService.builder(source, dns.sharedWith("kuberoute"), SyncSettings.defaults())
            .leadership(secondLeads::get)
            .clock(clock)
            .build();
    cluster(List.of(shop(null, null)), List.of(pod("p1", "shop", "n1")));
    first.sync(SyncTrigger.FULL);

    leader.set(false);
    assertThat(first.sync(SyncTrigger.EVENT).outcome()).isEqualTo(SyncResult.Outcome.STANDBY);
    secondLeads.set(true);
    cluster(List.of(shop(null, null)), List.of(pod("p2", "shop", "n2")));
    second.sync(SyncTrigger.FULL);
    assertThat(published()).containsExactly(a("shop.example.com", "10.0.0.2"));
    // the pod moves back before the second leader syncs again, and it loses the lease
    cluster(List.of(shop(null, null)), List.of(pod("p1", "shop", "n1")));
    secondLeads.set(false);

    leader.set(true);
    SyncResult regained = first.sync(SyncTrigger.EVENT);

    assertThat(regained.applied().updates())
        .as("what the first leader held from before says n1: only DNS itself says n2")
        .hasSize(1);
    assertThat(published()).containsExactly(a("shop.example.com", "10.0.0.1"));
  }

  @Test
  void aRetryReadsFromDnsOnlyTheNameWhoseWriteFailedAndKeepsWhatTheCacheHeldOfTheOthers() {
    SyncService sync = service();
    cluster(
        List.of(shop(null, null), routed("api", "api", "example.com")),
        List.of(pod("p1", "shop", "n1"), pod("a1", "api", "n2")));
    sync.sync(SyncTrigger.FULL);
    dns.failName(DnsName.of("shop.example.com"));
    cluster(
        List.of(shop(null, null), routed("api", "api", "example.com")),
        List.of(pod("p1", "shop", "n3"), pod("a1", "api", "n4")));
    assertThat(sync.sync(SyncTrigger.EVENT).errors()).hasSize(1);
    assertThat(sync.hasNamesToRetry()).isTrue();
    int reads = dns.readScopes().size();

    dns.healName(DnsName.of("shop.example.com"));
    SyncResult retry = sync.sync(SyncTrigger.EVENT);

    assertThat(retry.errors()).isEmpty();
    assertThat(dns.readScopes().subList(reads, dns.readScopes().size()))
        .extracting(io.kuberoute.core.port.ReadScope::domains)
        .containsExactly(java.util.Set.of(DnsName.of("shop.example.com")));
    assertThat(published())
        .containsExactlyInAnyOrder(
            a("api.example.com", "10.0.0.4"), a("shop.example.com", "10.0.0.3"));
    assertThat(sync.hasNamesToRetry()).isFalse();

    // what the cache held of the other names is still held: a change there reads nothing
    int afterRetry = dns.readScopes().size();
    cluster(
        List.of(shop(null, null), routed("api", "api", "example.com")),
        List.of(pod("p1", "shop", "n3"), pod("a1", "api", "n1")));
    assertThat(sync.sync(SyncTrigger.EVENT).applied().updates()).hasSize(1);
    assertThat(dns.readScopes()).hasSize(afterRetry);
  }

  @Test
  void aDryRunPrintsThePlanAndWritesNothing() {
    SyncService sync =
        service(
            new SyncSettings(
                RouteSettings.defaults(),
                PlanSettings.defaults(),
                Optional.empty(),
                Duration.ofSeconds(60),
                true));
    dns.seed(a("old.example.com", "10.0.0.9"), Ownership.ownedBy("kuberoute"));
    cluster(List.of(shop(null, null)), List.of(pod("p1", "shop", "n1")));

    SyncResult r = sync.sync(SyncTrigger.FULL);

    assertThat(printed)
        .containsExactly(
            "DELETE old.example.com A 60 10.0.0.9", "CREATE shop.example.com A 60 10.0.0.1");
    assertThat(dns.appliedChangeSets()).isEmpty();
    assertThat(r.applied().isEmpty()).isTrue();
    assertThat(reports).isEmpty();
    assertThat(events).isEmpty();
  }

  @Test
  void aStandbyReadsAndWritesNothing() {
    SyncService sync = service();
    leader.set(false);
    cluster(List.of(shop(null, null)), List.of(pod("p1", "shop", "n1")));

    SyncResult r = sync.sync(SyncTrigger.FULL);

    assertThat(r.outcome()).isEqualTo(SyncResult.Outcome.STANDBY);
    assertThat(dns.reads()).isZero();
    assertThat(dns.appliedChangeSets()).isEmpty();
    assertThat(reports).isEmpty();
    assertThat(sync.lastReport()).isPresent();

    leader.set(true);
    sync.sync(SyncTrigger.FULL);
    assertThat(published()).containsExactly(a("shop.example.com", "10.0.0.1"));
  }

  @Test
  void theDeletionGuardFailsTheSyncUnlessForced() {
    for (int i = 0; i < 10; i++) {
      dns.seed(a("svc" + i + ".example.com", "10.0.1." + i), Ownership.ownedBy("kuberoute"));
    }
    cluster(List.of(routed("svc0", "svc0", "example.com")), List.of(pod("p", "svc0", "n1")));
    SyncService guarded = service();

    SyncResult refused = guarded.sync(SyncTrigger.FULL);

    assertThat(refused.outcome()).isEqualTo(SyncResult.Outcome.FAILED);
    assertThat(refused.errors())
        .extracting(SyncError::cause)
        .containsExactly(SyncError.Cause.DELETION_GUARD);
    assertThat(refused.applied().updates()).hasSize(1);
    assertThat(published()).hasSize(10);

    SyncService forced =
        service(
            new SyncSettings(
                RouteSettings.defaults(),
                PlanSettings.defaults().withForce(true),
                Optional.empty(),
                Duration.ofSeconds(60),
                false));
    SyncResult r = forced.sync(SyncTrigger.FULL);
    assertThat(r.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(published()).containsExactly(a("svc0.example.com", "10.0.0.1"));
  }

  @Test
  void theReportShowsTheNamesWhoseDeletionIsHeldWithTheRecordsStillInDns() {
    List<ServiceInfo> services = new ArrayList<>();
    List<PodInfo> pods = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      services.add(routed("svc" + i, "svc" + i, "example.com"));
      pods.add(pod("p" + i, "svc" + i, "n1"));
    }
    cluster(services, pods);
    SyncService sync = service();
    assertThat(sync.sync(SyncTrigger.FULL).succeeded()).isTrue();
    assertThat(sync.lastReport().orElseThrow().deletionsHeld()).isEmpty();

    // seven of ten lose their pods: their deletions are held, and the report says so
    cluster(services, pods.subList(0, 3));
    SyncResult held = sync.sync(SyncTrigger.FULL);

    assertThat(held.errors())
        .extracting(SyncError::cause)
        .containsExactly(SyncError.Cause.DELETION_GUARD);
    assertThat(published()).hasSize(10);
    StatusReport report = sync.lastReport().orElseThrow();
    assertThat(report.deletionsHeld())
        .containsExactly(
            "svc3.example.com",
            "svc4.example.com",
            "svc5.example.com",
            "svc6.example.com",
            "svc7.example.com",
            "svc8.example.com",
            "svc9.example.com");
    ServiceStatus broken = report.services().get("svc5.example.com");
    assertThat(broken.deletionHeld()).isTrue();
    assertThat(broken.endpoints()).isEmpty();
    assertThat(broken.published()).containsExactly(a("svc5.example.com", "10.0.0.1"));
    ServiceStatus fine = report.services().get("svc1.example.com");
    assertThat(fine.deletionHeld()).isFalse();
    assertThat(fine.published()).containsExactly(a("svc1.example.com", "10.0.0.1"));
    assertThat(report.toJson())
        .contains("\"deletions_held\": [\n        \"svc3.example.com\",")
        .contains("\"deletion_held\": true");
    assertThat(reports.get(reports.size() - 1).deletionsHeld()).hasSize(7);

    // they recover: nothing is held any more
    cluster(services, pods);
    assertThat(sync.sync(SyncTrigger.FULL).succeeded()).isTrue();
    StatusReport after = sync.lastReport().orElseThrow();
    assertThat(after.deletionsHeld()).isEmpty();
    assertThat(after.services().get("svc5.example.com").deletionHeld()).isFalse();
    assertThat(reports.get(reports.size() - 1).deletionsHeld()).isEmpty();
  }

  @Test
  void aForeignNameIsAConflictButNotAFailure() {
    SyncService sync = service();
    dns.seed(a("shop.example.com", "192.0.2.1"), Ownership.ownedBy("other"));
    cluster(List.of(shop(null, null)), List.of(pod("p1", "shop", "n1")));

    SyncResult r = sync.sync(SyncTrigger.FULL);

    assertThat(r.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(r.errors()).extracting(SyncError::cause).containsExactly(SyncError.Cause.CONFLICT);
    assertThat(published()).containsExactly(a("shop.example.com", "192.0.2.1"));
  }

  @Test
  void anIncompleteViewDeletesNothing() {
    SyncService sync = service();
    dns.seed(a("old.example.com", "10.0.0.9"), Ownership.ownedBy("kuberoute"));
    source.set(
        new ClusterSnapshot(
            List.of(shop(null, null)), List.of(pod("p1", "shop", "n1")), NODES, false));

    SyncResult r = sync.sync(SyncTrigger.FULL);

    assertThat(r.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(published())
        .containsExactlyInAnyOrder(
            a("old.example.com", "10.0.0.9"), a("shop.example.com", "10.0.0.1"));
  }

  @Test
  void theHeartbeatIsWrittenPerDomainAndRefreshedEveryInterval() {
    HeartbeatSettings hb =
        new HeartbeatSettings(
            Template.compile("heartbeat"),
            Template.compile(HeartbeatSettings.DEFAULT_VALUE),
            Duration.ofSeconds(60));
    SyncService sync =
        service(
            new SyncSettings(
                RouteSettings.defaults(),
                PlanSettings.defaults(),
                Optional.of(hb),
                Duration.ofSeconds(60),
                false));
    cluster(
        List.of(shop(null, null), routed("blog", "blog", "example.org")),
        List.of(pod("p1", "shop", "n1")));

    sync.sync(SyncTrigger.FULL);
    assertThat(published())
        .contains(
            RecordSet.of(
                DnsName.of("heartbeat.example.com"),
                RecordType.CNAME,
                60,
                List.of("2026-11-25-9-5.kuberoute.timestamp")),
            RecordSet.of(
                DnsName.of("heartbeat.example.org"),
                RecordType.CNAME,
                60,
                List.of("2026-11-25-9-5.kuberoute.timestamp")));

    clock.advance(Duration.ofSeconds(59));
    assertThat(sync.sync(SyncTrigger.EVENT).planned().isEmpty()).isTrue();

    clock.advance(Duration.ofSeconds(1));
    SyncResult refreshed = sync.sync(SyncTrigger.HEARTBEAT);
    assertThat(refreshed.applied().updates()).hasSize(2);
    assertThat(published())
        .contains(
            RecordSet.of(
                DnsName.of("heartbeat.example.com"),
                RecordType.CNAME,
                60,
                List.of("2026-11-25-9-6.kuberoute.timestamp")));
  }

  @Test
  void theReportIsPublishedWhenItChangesAndAtLeastOncePerInterval() {
    SyncService sync = service();
    cluster(List.of(shop(null, null)), List.of(pod("p1", "shop", "n1")));

    sync.sync(SyncTrigger.FULL);
    clock.advance(Duration.ofSeconds(10));
    sync.sync(SyncTrigger.EVENT);
    assertThat(reports).hasSize(1);

    // every full sync writes it (the periodic one comes once per interval)
    clock.advance(Duration.ofSeconds(50));
    sync.sync(SyncTrigger.FULL);
    assertThat(reports).hasSize(2);

    cluster(List.of(shop(null, null)), List.of(pod("p1", "shop", "n1"), pod("p2", "shop", "n2")));
    sync.sync(SyncTrigger.EVENT);
    assertThat(reports).hasSize(3);
    assertThat(reports.get(2).services().get("shop.example.com").endpoints())
        .containsExactly("10.0.0.1", "10.0.0.2");
    assertThat(reports.get(2).lastSync()).contains(T0.plus(Duration.ofSeconds(60)));
  }

  @Test
  void aFailingSinkIsAWarningRetriedNextSync() {
    List<StatusReport> ok = new ArrayList<>();
    AtomicBoolean down = new AtomicBoolean(true);
    StatusSink flaky =
        new StatusSink() {
          @Override
          public String name() {
            return "s3";
          }

          @Override
          public void publish(StatusReport report) {
            if (down.get()) {
              throw new IllegalStateException("connection refused");
            }
            ok.add(report);
          }
        };
    SyncService sync =
        SyncService.builder(source, dns, SyncSettings.defaults())
            .statusSink(flaky)
            .clock(clock)
            .build();
    cluster(List.of(shop(null, null)), List.of(pod("p1", "shop", "n1")));

    SyncResult r = sync.sync(SyncTrigger.FULL);

    assertThat(r.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(published()).hasSize(1);
    assertThat(r.errors())
        .containsExactly(
            new SyncError(
                SyncError.Cause.REPORT,
                "s3",
                "writing the state report to s3 failed: connection refused"));
    down.set(false);
    sync.sync(SyncTrigger.FULL);
    assertThat(ok).hasSize(1);
  }

  @Test
  void everyResultReachesTheListeners() {
    List<SyncResult> seen = new ArrayList<>();
    SyncService sync =
        SyncService.builder(source, dns, SyncSettings.defaults()).onResult(seen::add).build();

    SyncResult r = sync.sync(SyncTrigger.FULL);

    assertThat(seen).containsExactly(r);
    assertThat(sync.lastResult()).contains(r);
  }
}
