package io.kuberoute.faults;

import static io.kuberoute.testkit.fixtures.Fixtures.routed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kuberoute.core.app.SyncError;
import io.kuberoute.core.app.SyncLoop;
import io.kuberoute.core.app.SyncResult;
import io.kuberoute.core.app.SyncService;
import io.kuberoute.core.app.SyncSettings;
import io.kuberoute.core.app.SyncTrigger;
import io.kuberoute.core.config.Secret;
import io.kuberoute.core.model.ServiceInfo;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.dns.route53.Route53DnsBackend;
import io.kuberoute.dns.route53.Route53Settings;
import io.kuberoute.faults.FaultWindowProxy.Fault;
import io.kuberoute.testkit.route53.Route53TestServer;
import io.kuberoute.testkit.route53.Route53TestServer.Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fault 3: Route53 throttles, or answers 500 or 503, every call for a window while a {@link
 * SyncLoop} runs (a full sync every second and an event sync after a pod flip), with the SDK's own
 * backoff (the production retry policy: {@code max_retries = 3}, standard strategy).
 *
 * <p>Each window lasts 30 s: under throttling one call's three retries wait at most 1 + 2 + 4 = 7 s
 * (base 1 s, doubled, full jitter), so the window holds several whole syncs that used every retry;
 * for server errors the waits are at most 0.1 + 0.2 + 0.4 s, so it holds many. The request count is
 * bounded by the syncs that overlapped the window, whatever its length: no hot loop.
 */
class Route53ThrottlingFaultIT {

  private static final Logger log = LoggerFactory.getLogger(Route53ThrottlingFaultIT.class);

  private static final int MAX_RETRIES = Route53Settings.DEFAULT_MAX_RETRIES;

  /** How long Route53 keeps failing in each case, as the fault suite's brief asks. */
  private static final Duration WINDOW = Duration.ofSeconds(30);

  /** HTTP requests one Route53 call may make: the first attempt and its retries. */
  private static final int ATTEMPTS_PER_CALL = MAX_RETRIES + 1;

  private static final Duration INTERVAL = Duration.ofSeconds(1);

  private static Route53TestServer server;
  private static FaultWindowProxy proxy;

  private final FaultCluster cluster = new FaultCluster(3);

  private record Sample(long startNanos, long endNanos, SyncResult result) {}

  @BeforeAll
  static void start() {
    server = Route53TestServer.start();
    proxy = FaultWindowProxy.start(server);
  }

  @AfterAll
  static void stop() {
    proxy.close();
    server.close();
  }

  private static Duration window(Fault fault) {
    return WINDOW;
  }

  private static final List<String> NAMES = List.of("api", "shop", "web");

  private void setPhase(int phase) {
    Map<ServiceInfo, List<Integer>> pods = FaultCluster.ordered();
    for (String n : NAMES) {
      pods.put(routed(n, n, "example.com"), phase == 0 ? List.of(1, 2) : List.of(3));
    }
    cluster.set(pods);
  }

  /**
   * The zone's record sets as {@code name type ttl values}, sorted, without the apex SOA and NS.
   */
  private static List<String> zoneLines(String zone) {
    return server.userRecordSets(zone).stream()
        .map(s -> s.name() + " " + s.type() + " " + s.ttl() + " " + String.join(",", s.values()))
        .sorted()
        .toList();
  }

  private static List<String> expectedLines(int phase) {
    List<String> out = new ArrayList<>();
    for (String n : NAMES) {
      out.add(
          "_kuberoute."
              + n
              + ".example.com. TXT 300 \"heritage=kuberoute,owner=kuberoute,resource=service/default/"
              + n
              + "\"");
      out.add(n + ".example.com. A 60 " + (phase == 0 ? "10.0.0.1,10.0.0.2" : "10.0.0.3"));
    }
    return out.stream().sorted().toList();
  }

  @ParameterizedTest
  @EnumSource(Fault.class)
  void
      duringTheWindowSyncsBackOffAndFailClearlyAndTheFirstSyncAfterItConvergesThenIdleSyncsSendNothing(
          Fault fault) throws Exception {
    server.reset();
    String zone = server.createZone("example.com");
    Route53Settings settings =
        new Route53Settings(
            Optional.of("AKIDFAULTSUITE"),
            Optional.of(Secret.of("fault-suite-not-a-secret")),
            Optional.empty(),
            Optional.of(proxy.endpoint()),
            Optional.empty(),
            Route53Settings.MAX_BATCH_SIZE,
            MAX_RETRIES,
            Duration.ofSeconds(5));
    DnsBackend backend = Route53DnsBackend.create(settings, "kuberoute");
    List<Sample> samples = new CopyOnWriteArrayList<>();
    SyncService service =
        SyncService.builder(cluster.source, backend, SyncSettings.defaults())
            .onResult(
                r -> {
                  long end = System.nanoTime();
                  samples.add(new Sample(end - r.duration().toNanos(), end, r));
                })
            .build();
    SyncLoop loop = new SyncLoop(service, INTERVAL, Optional.empty());
    cluster.source.addChangeListener(loop::onChange);
    try {
      setPhase(0);
      loop.start();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> samples.stream().anyMatch(s -> s.result().errors().isEmpty()));
      assertThat(zoneLines(zone)).isEqualTo(expectedLines(0));

      // open the window just after a sync ended: the next full sync is an interval away, so the
      // event sync of the pod flip runs first, wholly inside the window
      int synced = samples.size();
      await().atMost(Duration.ofSeconds(10)).until(() -> samples.size() > synced);
      proxy.open(fault, window(fault));
      setPhase(1);
      await("the end of the window")
          .atMost(window(fault).plusSeconds(5))
          .until(() -> !proxy.isOpen());
      long windowStart = proxy.windowStart();
      long windowEnd = proxy.windowEnd();

      // the first sync that starts after the window converges
      await("a sync started after the window")
          .atMost(Duration.ofSeconds(30))
          .until(() -> samples.stream().anyMatch(s -> s.startNanos() > windowEnd));
      Sample first =
          samples.stream().filter(s -> s.startNanos() > windowEnd).findFirst().orElseThrow();
      assertThat(first.result().errors()).as("the first sync after the window").isEmpty();
      assertThat(zoneLines(zone)).isEqualTo(expectedLines(1));

      // idle syncs after it plan nothing and send no change
      int convergedAt = samples.indexOf(first);
      await("two idle syncs")
          .atMost(Duration.ofSeconds(20))
          .until(() -> samples.size() >= convergedAt + 3);
      assertThat(loop.stop(Duration.ofSeconds(30))).isTrue();
      for (Sample idle : samples.subList(convergedAt + 1, samples.size())) {
        assertThat(idle.result().errors()).isEmpty();
        assertThat(idle.result().planned().isEmpty()).as("an idle sync's plan").isTrue();
      }
      server.resetCounts();
      SyncResult idle = service.sync(SyncTrigger.FULL);
      assertThat(idle.planned().isEmpty()).isTrue();
      assertThat(server.calls())
          .containsEntry(Operation.CHANGE_RESOURCE_RECORD_SETS, 0)
          .containsEntry(Operation.LIST_RESOURCE_RECORD_SETS, 1);

      // during the window: every sync failed, naming Route53's error
      List<Sample> inside =
          samples.stream()
              .filter(s -> s.startNanos() >= windowStart && s.endNanos() <= windowEnd)
              .toList();
      List<Sample> overlapping =
          samples.stream()
              .filter(s -> s.endNanos() > windowStart && s.startNanos() < windowEnd)
              .toList();
      assertThat(inside).as("syncs wholly inside the window").isNotEmpty();
      String readFailed =
          "reading hosted zone example.com (" + zone + ", public) failed: " + fault.described();
      String writeFailed =
          "Route53 failed after " + ATTEMPTS_PER_CALL + " attempt(s): " + fault.described();
      for (Sample s : inside) {
        SyncResult r = s.result();
        assertThat(r.outcome()).isEqualTo(SyncResult.Outcome.FAILED);
        assertThat(r.applied().isEmpty()).isTrue();
        if (r.trigger() == SyncTrigger.FULL) {
          assertThat(r.errors())
              .containsExactly(new SyncError(SyncError.Cause.DNS_READ, "example.com", readFailed));
        } else {
          assertThat(r.errors())
              .extracting(SyncError::cause, SyncError::message)
              .containsExactlyInAnyOrderElementsOf(
                  NAMES.stream()
                      .map(
                          n ->
                              org.assertj.core.groups.Tuple.tuple(
                                  SyncError.Cause.DNS_APPLY,
                                  "writing " + n + ".example.com failed: " + writeFailed))
                      .toList());
        }
      }

      // bounded, no hot loop: at most one failing call per sync, each at most 1 + max_retries
      // requests; the loop starts a full sync at most once per interval, plus the one event sync
      List<FaultWindowProxy.WindowRequest> requests = proxy.windowRequests();
      int syncBound = (int) (window(fault).toMillis() / INTERVAL.toMillis()) + 1 + 1 + 1;
      assertThat(overlapping.size()).as("syncs during the window").isLessThanOrEqualTo(syncBound);
      assertThat(requests.size())
          .as("requests during the window")
          .isLessThanOrEqualTo(ATTEMPTS_PER_CALL * overlapping.size())
          .isLessThanOrEqualTo(ATTEMPTS_PER_CALL * syncBound);
      log.info(
          "{} for {} s: {} request(s) during the window ({} ListResourceRecordSets, {} ChangeResourceRecordSets,"
              + " {} ListHostedZones) from {} sync(s) ({} wholly inside, durations {} ms); bound {} requests;"
              + " first sync after the window: {} ({} change(s) written) in {} ms",
          fault,
          window(fault).toSeconds(),
          requests.size(),
          requests.stream()
              .filter(q -> q.operation() == Operation.LIST_RESOURCE_RECORD_SETS)
              .count(),
          requests.stream()
              .filter(q -> q.operation() == Operation.CHANGE_RESOURCE_RECORD_SETS)
              .count(),
          requests.stream().filter(q -> q.operation() == Operation.LIST_HOSTED_ZONES).count(),
          overlapping.size(),
          inside.size(),
          overlapping.stream()
              .map(s -> TimeUnit.NANOSECONDS.toMillis(s.endNanos() - s.startNanos()))
              .toList(),
          ATTEMPTS_PER_CALL * syncBound,
          first.result().trigger(),
          first.result().applied().size(),
          first.result().duration().toMillis());
    } finally {
      loop.close();
      backend.close();
    }
  }
}
