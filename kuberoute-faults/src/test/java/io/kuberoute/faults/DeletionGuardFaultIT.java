package io.kuberoute.faults;

import static io.kuberoute.testkit.fixtures.Fixtures.routed;
import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.core.app.SyncError;
import io.kuberoute.core.app.SyncResult;
import io.kuberoute.core.app.SyncService;
import io.kuberoute.core.app.SyncSettings;
import io.kuberoute.core.app.SyncTrigger;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import io.kuberoute.core.model.ServiceInfo;
import io.kuberoute.core.plan.PlanSettings;
import io.kuberoute.core.plan.Policy;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.core.report.ServiceStatus;
import io.kuberoute.core.report.StatusReport;
import io.kuberoute.core.routing.RouteSettings;
import io.kuberoute.dns.skydns.SkyDnsDnsBackend;
import io.kuberoute.testkit.etcd.EtcdExtension;
import io.kuberoute.testkit.fixtures.MutableClock;
import io.kuberoute.testkit.fixtures.RecordingStatusSink;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fault 5: the deletion guard ({@code max_delete_percent = 30}, {@code guard_window = 1 h}) through
 * a slow collapse and a recovery, on SkyDNS in etcd: 20 services, 10 of which lose their pods one
 * per sync (a minute apart), then get them back one per sync.
 */
class DeletionGuardFaultIT {

  private static final int SERVICES = 20;
  private static final int LOST = 10;
  private static final int MAX_DELETE_PERCENT = 30;

  /** 30 % of 20: the deletions the guard lets through in one incident. */
  private static final int ALLOWED = SERVICES * MAX_DELETE_PERCENT / 100;

  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();

  private final FaultCluster cluster = new FaultCluster(4);
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));

  private static ServiceInfo service(int i) {
    String s = "g-%02d".formatted(i);
    return routed(s, s, "example.com");
  }

  private static String name(int i) {
    return service(i).name() + ".example.com";
  }

  /** Service i runs one pod, on node i % 4 + 1. */
  private static int nodeOf(int i) {
    return i % 4 + 1;
  }

  /** Sets the cluster: services in {@code withoutPods} have no pod, the others their one pod. */
  private void set(Set<Integer> withoutPods) {
    set(SERVICES, withoutPods);
  }

  /** As {@link #set(Set)}, with the services {@code 0..count-1}. */
  private void set(int count, Set<Integer> withoutPods) {
    Map<ServiceInfo, List<Integer>> pods = FaultCluster.ordered();
    for (int i = 0; i < count; i++) {
      pods.put(service(i), withoutPods.contains(i) ? List.of() : List.of(nodeOf(i)));
    }
    cluster.set(pods);
  }

  /** Exactly the keys of the services in {@code present}, each its one A record. */
  private static Map<String, String> expected(Set<Integer> present) {
    Map<String, String> out = new TreeMap<>();
    for (int i : present) {
      out.putAll(
          SkyDnsContents.published(
              service(i).ref().resource(), name(i), List.of(FaultCluster.ip(nodeOf(i)))));
    }
    return out;
  }

  private static String guard(int wanted, int held) {
    return guard(wanted, SERVICES, held);
  }

  private static String guard(int wanted, int owned, int held) {
    return ("deletion guard: %d of %d owned record sets were or would be deleted within the guard window (%d%%),"
            + " more than max_delete_percent = %d; %d deletion(s) held (run with --force to allow them)")
        .formatted(wanted, owned, 100 * wanted / owned, MAX_DELETE_PERCENT, held);
  }

  /** {@code max_delete_percent = 30}, an interval of 60 s, the default window (3 intervals). */
  private static SyncSettings settings() {
    return new SyncSettings(
        RouteSettings.defaults(),
        new PlanSettings("kuberoute", Policy.SYNC, true, MAX_DELETE_PERCENT, false),
        Optional.empty(),
        Duration.ofSeconds(60),
        false);
  }

  private static Set<Integer> range(int from, int to) {
    Set<Integer> out = new TreeSet<>();
    IntStream.range(from, to).forEach(out::add);
    return out;
  }

  @Test
  void aSlowCollapseDeletesExactlyThirtyPercentThenHoldsAndTheRecoveryDeletesNoHeldName() {
    SyncSettings settings = settings().withGuardWindow(Duration.ofHours(1));
    DnsBackend backend =
        SkyDnsDnsBackend.create(SkyDnsContents.settings(ETCD.server()), SkyDnsContents.OWNER);
    try {
      ETCD.keys().deleteAll();
      SyncService sync =
          SyncService.builder(cluster.source, backend, settings).clock(clock).build();
      set(Set.of());
      assertThat(sync.sync(SyncTrigger.FULL).errors()).isEmpty();
      Set<Integer> inDns = range(0, SERVICES);
      assertThat(SkyDnsContents.all(ETCD.server())).isEqualTo(expected(inDns));

      // the collapse: service k-1 loses its pod at step k
      Set<Integer> lost = new TreeSet<>();
      for (int k = 1; k <= LOST; k++) {
        lost.add(k - 1);
        set(lost);
        clock.advance(Duration.ofMinutes(1));
        SyncResult r = sync.sync(SyncTrigger.FULL);
        if (k <= ALLOWED) {
          assertThat(r.errors()).as("collapse step %d", k).isEmpty();
          assertThat(r.applied().deletes())
              .extracting(RecordSet::name)
              .extracting(Object::toString)
              .containsExactly(name(k - 1));
          inDns.remove(k - 1);
        } else {
          assertThat(r.outcome()).isEqualTo(SyncResult.Outcome.FAILED);
          assertThat(r.errors())
              .as("collapse step %d", k)
              .containsExactly(
                  new SyncError(SyncError.Cause.DELETION_GUARD, "plan", guard(k, k - ALLOWED)));
          assertThat(r.applied().isEmpty()).isTrue();
        }
        assertThat(SkyDnsContents.all(ETCD.server()))
            .as("after collapse step %d", k)
            .isEqualTo(expected(inDns));
      }
      assertThat(inDns).isEqualTo(range(ALLOWED, SERVICES));
      Set<Integer> held = range(ALLOWED, LOST);

      // the recovery: service r-1 gets its pod back at step r
      for (int r = 1; r <= LOST; r++) {
        lost.remove(r - 1);
        set(lost);
        clock.advance(Duration.ofMinutes(1));
        SyncResult result = sync.sync(SyncTrigger.FULL);
        Set<Integer> stillHeld = new TreeSet<>(held);
        stillHeld.retainAll(lost);
        assertThat(result.applied().deletes()).as("recovery step %d deletes nothing", r).isEmpty();
        if (r <= ALLOWED) {
          assertThat(result.applied().creates())
              .extracting(d -> d.record().name().toString())
              .as("recovery step %d", r)
              .containsExactly(name(r - 1));
          inDns.add(r - 1);
        } else {
          assertThat(result.applied().isEmpty())
              .as("recovery step %d: its record was held", r)
              .isTrue();
        }
        if (stillHeld.isEmpty()) {
          assertThat(result.errors()).as("recovery step %d", r).isEmpty();
        } else {
          // the ten orphans of the incident are still in the window: the names still broken stay
          // held
          assertThat(result.errors())
              .as("recovery step %d", r)
              .containsExactly(
                  new SyncError(
                      SyncError.Cause.DELETION_GUARD, "plan", guard(LOST, stillHeld.size())));
        }
        assertThat(SkyDnsContents.all(ETCD.server()))
            .as("after recovery step %d", r)
            .isEqualTo(expected(inDns));
      }
      assertThat(inDns).isEqualTo(range(0, SERVICES));

      // and later, past the window, nothing is left to do
      clock.advance(Duration.ofHours(2));
      SyncResult idle = sync.sync(SyncTrigger.FULL);
      assertThat(idle.errors()).isEmpty();
      assertThat(idle.planned().isEmpty()).isTrue();
      assertThat(SkyDnsContents.all(ETCD.server())).isEqualTo(expected(range(0, SERVICES)));
    } finally {
      backend.close();
    }
  }

  /**
   * What the window is for: with the default {@code guard_window} (three intervals) a collapse of
   * one service per interval never has more than 4 orphans within the window, against a peak of at
   * least 14 owned record sets (at most 29 %), so all ten deletions go through. A collapse slower
   * than {@code max_delete_percent} per window is not an incident; {@code guard_window} must span
   * the collapses an operator wants held.
   */
  @Test
  void withTheDefaultWindowOfThreeIntervalsACollapseOfOneServicePerIntervalIsNotHeld() {
    SyncSettings settings = settings();
    assertThat(settings.guardWindow()).isEqualTo(Duration.ofMinutes(3));
    DnsBackend backend =
        SkyDnsDnsBackend.create(SkyDnsContents.settings(ETCD.server()), SkyDnsContents.OWNER);
    try {
      ETCD.keys().deleteAll();
      SyncService sync =
          SyncService.builder(cluster.source, backend, settings).clock(clock).build();
      set(Set.of());
      assertThat(sync.sync(SyncTrigger.FULL).errors()).isEmpty();
      Set<Integer> lost = new TreeSet<>();
      for (int k = 1; k <= LOST; k++) {
        lost.add(k - 1);
        set(lost);
        clock.advance(settings.interval());
        SyncResult r = sync.sync(SyncTrigger.FULL);
        assertThat(r.errors()).as("collapse step %d", k).isEmpty();
        assertThat(r.applied().deletes())
            .extracting(d -> d.name().toString())
            .containsExactly(name(k - 1));
      }
      assertThat(SkyDnsContents.all(ETCD.server())).isEqualTo(expected(range(LOST, SERVICES)));
    } finally {
      backend.close();
    }
  }

  /** One process: a backend of its own over the shared etcd, a sync service, its reports. */
  private final class Instance implements AutoCloseable {
    final DnsBackend backend =
        SkyDnsDnsBackend.create(SkyDnsContents.settings(ETCD.server()), SkyDnsContents.OWNER);
    final RecordingStatusSink sink = new RecordingStatusSink();
    final SyncService sync;

    Instance(SyncSettings settings) {
      sync =
          SyncService.builder(cluster.source, backend, settings)
              .clock(clock)
              .statusSink(sink)
              .build();
    }

    StatusReport lastPublished() {
      return sink.last();
    }

    @Override
    public void close() {
      backend.close();
    }
  }

  private static RecordSet a(int i) {
    return RecordSet.of(DnsName.of(name(i)), RecordType.A, 60, List.of(FaultCluster.ip(nodeOf(i))));
  }

  /**
   * A restart in the middle of a collapse: 10 Services published by one process, 7 lose their pods,
   * the process is stopped (before any sync saw the loss, or after it held the 7), and a fresh one
   * (a new backend and sync service over the same etcd) starts on that cluster. Its guard window
   * starts empty, so its first sync measures its own plan: 7 of the 10 owned record sets, held. The
   * held names are rebuilt from that plan: {@code deletions_held} lists the 7, each with {@code
   * deletion_held: true} and its record still in {@code published}, and etcd is untouched. Once the
   * pods are back, nothing is held and nothing was deleted.
   */
  @ParameterizedTest(name = "first process stopped after it held them: {0}")
  @ValueSource(booleans = {false, true})
  void aFreshProcessOnTheSameDnsHoldsTheDeletionsOfACollapseAndListsThemUntilThePodsComeBack(
      boolean firstHeldThem) {
    int services = 10;
    Set<Integer> lost = range(3, services);
    List<String> lostNames = lost.stream().map(DeletionGuardFaultIT::name).toList();
    String guard =
        ("deletion guard: the plan deletes 7 of 10 owned record sets (70%%), more than"
                + " max_delete_percent = %d; nothing was deleted (run with --force to allow it)")
            .formatted(MAX_DELETE_PERCENT);
    SyncSettings settings = settings();
    ETCD.keys().deleteAll();
    Map<String, String> published = expected(range(0, services));

    try (Instance first = new Instance(settings)) {
      set(services, Set.of());
      assertThat(first.sync.sync(SyncTrigger.FULL).errors()).isEmpty();
      assertThat(SkyDnsContents.all(ETCD.server())).isEqualTo(published);
      set(services, lost);
      if (firstHeldThem) {
        clock.advance(settings.interval());
        SyncResult held = first.sync.sync(SyncTrigger.FULL);
        assertThat(held.errors())
            .containsExactly(new SyncError(SyncError.Cause.DELETION_GUARD, "plan", guard));
        assertThat(first.lastPublished().deletionsHeld()).containsExactlyElementsOf(lostNames);
      }
    }
    assertThat(SkyDnsContents.all(ETCD.server())).isEqualTo(published);

    clock.advance(settings.interval());
    try (Instance fresh = new Instance(settings)) {
      SyncResult firstSync = fresh.sync.sync(SyncTrigger.FULL);

      assertThat(firstSync.outcome()).isEqualTo(SyncResult.Outcome.FAILED);
      assertThat(firstSync.errors())
          .containsExactly(new SyncError(SyncError.Cause.DELETION_GUARD, "plan", guard));
      assertThat(firstSync.applied().isEmpty()).isTrue();
      assertThat(SkyDnsContents.all(ETCD.server())).isEqualTo(published);
      for (StatusReport report :
          List.of(fresh.sync.lastReport().orElseThrow(), fresh.lastPublished())) {
        assertThat(report.deletionsHeld()).containsExactlyElementsOf(lostNames);
        for (int i = 0; i < services; i++) {
          ServiceStatus status = report.services().get(name(i));
          assertThat(status.deletionHeld()).as(name(i)).isEqualTo(lost.contains(i));
          assertThat(status.published()).as(name(i)).containsExactly(a(i));
          assertThat(status.endpoints())
              .as(name(i))
              .isEqualTo(lost.contains(i) ? List.of() : List.of(FaultCluster.ip(nodeOf(i))));
        }
        assertThat(report.toJson()).contains("\"deletion_held\": true");
      }

      // the pods come back: nothing is held, nothing was deleted, nothing to write
      set(services, Set.of());
      clock.advance(settings.interval());
      SyncResult recovered = fresh.sync.sync(SyncTrigger.FULL);

      assertThat(recovered.errors()).isEmpty();
      assertThat(recovered.applied().isEmpty()).isTrue();
      assertThat(SkyDnsContents.all(ETCD.server())).isEqualTo(published);
      for (StatusReport report :
          List.of(fresh.sync.lastReport().orElseThrow(), fresh.lastPublished())) {
        assertThat(report.deletionsHeld()).isEmpty();
        assertThat(report.services().values()).noneMatch(ServiceStatus::deletionHeld);
        assertThat(report.services().get(name(5)).published()).containsExactly(a(5));
      }
    }
  }

  /**
   * What a restart does not keep: the window. A slow collapse held only because of it (10 of 20
   * within the hour, the last 4 held) is measured afresh by a new process: its first sync sees 4
   * orphans among the 14 record sets left (28 %, under 30 %) and deletes them, as documented in
   * docs/operations.md ("a restarted process starts with an empty window").
   */
  @Test
  void aFreshProcessMeasuresItsFirstSyncAloneSoDeletionsHeldOnlyByTheWindowGoThrough() {
    SyncSettings settings = settings().withGuardWindow(Duration.ofHours(1));
    ETCD.keys().deleteAll();
    Set<Integer> lost = new TreeSet<>();
    try (Instance first = new Instance(settings)) {
      set(Set.of());
      assertThat(first.sync.sync(SyncTrigger.FULL).errors()).isEmpty();
      for (int k = 1; k <= LOST; k++) {
        lost.add(k - 1);
        set(lost);
        clock.advance(Duration.ofMinutes(1));
        first.sync.sync(SyncTrigger.FULL);
      }
      assertThat(first.lastPublished().deletionsHeld())
          .containsExactlyElementsOf(
              range(ALLOWED, LOST).stream().map(DeletionGuardFaultIT::name).toList());
    }
    assertThat(SkyDnsContents.all(ETCD.server())).isEqualTo(expected(range(ALLOWED, SERVICES)));

    clock.advance(Duration.ofMinutes(1));
    try (Instance fresh = new Instance(settings)) {
      SyncResult r = fresh.sync.sync(SyncTrigger.FULL);

      assertThat(r.errors()).isEmpty();
      assertThat(r.applied().deletes())
          .extracting(d -> d.name().toString())
          .containsExactlyInAnyOrderElementsOf(
              range(ALLOWED, LOST).stream().map(DeletionGuardFaultIT::name).toList());
      assertThat(fresh.lastPublished().deletionsHeld()).isEmpty();
      assertThat(SkyDnsContents.all(ETCD.server())).isEqualTo(expected(range(LOST, SERVICES)));
    }
  }
}
