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
import io.kuberoute.core.model.ServiceInfo;
import io.kuberoute.dns.skydns.SkyDnsDnsBackend;
import io.kuberoute.testkit.etcd.EtcdExtension;
import io.kuberoute.testkit.etcd.EtcdServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fault 2: etcd hangs (SIGSTOP: its sockets stay open, nothing answers) under a running {@link
 * SyncLoop}, then resumes (SIGCONT). {@code [skydns] timeout = 2}.
 */
class EtcdHungFaultIT {

  private static final Logger log = LoggerFactory.getLogger(EtcdHungFaultIT.class);

  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  /**
   * The longest a sync may take while etcd hangs: the one etcd call that fails it has the timeout
   * as its deadline; the rest (closing the client, planning, logging) gets 1.5 s on this shared
   * 2-core machine.
   */
  private static final Duration SYNC_BOUND = TIMEOUT.plusMillis(1500);

  /** How long a call that must not wait for the sync may take at most. */
  private static final Duration NO_WAIT = Duration.ofMillis(500);

  private static final int NAMES = 5;
  private static final int FREEZES = 3;

  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();

  private final FaultCluster cluster = new FaultCluster(3);

  private static List<ServiceInfo> services() {
    List<ServiceInfo> out = new ArrayList<>();
    for (int i = 0; i < NAMES; i++) {
      String s = "web-" + i;
      out.add(routed(s, s, "example.com"));
    }
    return out;
  }

  private static List<Integer> nodesOf(int phase) {
    return phase % 2 == 0 ? List.of(1, 2) : List.of(3);
  }

  private void setPhase(int phase) {
    Map<ServiceInfo, List<Integer>> pods = FaultCluster.ordered();
    services().forEach(s -> pods.put(s, nodesOf(phase)));
    cluster.set(pods);
  }

  private static Map<String, String> expected(int phase) {
    Map<String, String> out = new TreeMap<>();
    for (ServiceInfo s : services()) {
      out.putAll(
          SkyDnsContents.published(
              s.ref().resource(), s.name() + ".example.com", FaultCluster.ips(nodesOf(phase))));
    }
    return out;
  }

  @Test
  void aHungEtcdFailsEachSyncWithinTheTimeoutBlocksNothingElseAndTheFirstSyncAfterSigcontConverges()
      throws Exception {
    EtcdServer etcd = ETCD.server();
    String hung = "etcd at " + etcd.endpoint() + " did not answer within 2 s";
    WatchedBackend backend =
        new WatchedBackend(
            SkyDnsDnsBackend.create(
                SkyDnsContents.settings(etcd, "timeout", Long.toString(TIMEOUT.toSeconds())),
                SkyDnsContents.OWNER));
    List<SyncResult> results = new CopyOnWriteArrayList<>();
    SyncService service =
        SyncService.builder(cluster.source, backend, SyncSettings.defaults())
            .onResult(results::add)
            .build();
    // one full sync at start and on demand; an event sync at once after a change
    SyncLoop loop = new SyncLoop(service, Duration.ofHours(1), Optional.empty());
    cluster.source.addChangeListener(loop::onChange);
    try {
      int phase = 0;
      setPhase(phase);
      loop.start();
      // a healthy etcd may miss a 2 s deadline on this loaded machine now and then: retry
      await().atMost(Duration.ofSeconds(30)).until(() -> loop.syncNow().get().errors().isEmpty());
      assertThat(SkyDnsContents.all(etcd)).isEqualTo(expected(phase));

      List<Long> eventMillis = new ArrayList<>();
      List<Long> fullMillis = new ArrayList<>();
      List<Long> recoveryMillis = new ArrayList<>();
      for (int freeze = 1; freeze <= FREEZES; freeze++) {
        int before = results.size();
        int applies = backend.appliesStarted();
        etcd.freeze();
        long frozenAt = System.nanoTime();

        // a pod flip: an event sync plans from what it read, then cannot write
        setPhase(++phase);
        await().atMost(Duration.ofSeconds(5)).until(() -> backend.appliesStarted() > applies);
        // while that sync waits for etcd, nothing else does
        long t0 = System.nanoTime();
        CompletableFuture<SyncResult> full = loop.syncNow();
        loop.onChange();
        service.lastResult();
        service.lastReport();
        assertThat(Duration.ofNanos(System.nanoTime() - t0))
            .as("syncNow, onChange, lastResult, lastReport")
            .isLessThan(NO_WAIT);

        SyncResult fullResult = full.get(2 * SYNC_BOUND.toMillis() + 1000, TimeUnit.MILLISECONDS);
        Duration bothTook = Duration.ofNanos(System.nanoTime() - frozenAt);
        SyncResult eventResult = results.get(before);
        assertThat(eventResult.trigger()).isEqualTo(SyncTrigger.EVENT);
        assertThat(eventResult.outcome()).isEqualTo(SyncResult.Outcome.FAILED);
        assertThat(eventResult.errors())
            .hasSize(NAMES)
            .allSatisfy(
                e ->
                    assertThat(e)
                        .isEqualTo(
                            new SyncError(
                                SyncError.Cause.DNS_APPLY,
                                e.subject(),
                                "writing " + e.subject() + " failed: " + hung)));
        assertThat(eventResult.applied().isEmpty()).isTrue();
        assertThat(fullResult.outcome()).isEqualTo(SyncResult.Outcome.FAILED);
        assertThat(fullResult.errors())
            .containsExactly(
                new SyncError(SyncError.Cause.DNS_READ, "dns", "reading DNS failed: " + hung));
        for (SyncResult r : List.of(eventResult, fullResult)) {
          assertThat(r.duration())
              .as("a %s sync while etcd hangs", r.trigger())
              .isBetween(TIMEOUT, SYNC_BOUND);
        }
        assertThat(bothTook).as("both syncs").isLessThan(SYNC_BOUND.multipliedBy(2));
        eventMillis.add(eventResult.duration().toMillis());
        fullMillis.add(fullResult.duration().toMillis());

        etcd.thaw();
        long thawedAt = System.nanoTime();
        SyncResult recovered = loop.syncNow().get(SYNC_BOUND.toMillis() * 2, TimeUnit.MILLISECONDS);
        if (!recovered.errors().isEmpty()) {
          // the onChange above may have queued an event sync that ran while etcd still hung, and a
          // healthy etcd may miss a 2 s deadline on this loaded machine now and then
          await()
              .atMost(Duration.ofSeconds(30))
              .until(() -> loop.syncNow().get().errors().isEmpty());
        }
        recoveryMillis.add(Duration.ofNanos(System.nanoTime() - thawedAt).toMillis());
        assertThat(SkyDnsContents.all(etcd)).isEqualTo(expected(phase));
      }

      // stopping the loop while etcd hangs waits only for the sync in flight, which times out
      etcd.freeze();
      setPhase(++phase);
      CompletableFuture<SyncResult> inFlight = loop.syncNow();
      long stopAt = System.nanoTime();
      assertThat(loop.stop(Duration.ofSeconds(30))).isTrue();
      Duration stopTook = Duration.ofNanos(System.nanoTime() - stopAt);
      assertThat(stopTook)
          .as("stopping the loop while etcd hangs")
          .isLessThan(SYNC_BOUND.multipliedBy(2));
      assertThat(inFlight.isDone()).isTrue();
      etcd.thaw();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> service.sync(SyncTrigger.FULL).errors().isEmpty());
      assertThat(SkyDnsContents.all(etcd)).isEqualTo(expected(phase));

      log.info(
          "etcd hung (timeout {} s): event syncs took {} ms, full syncs {} ms; after SIGCONT the next full"
              + " sync converged {} ms later; stopping the loop while hung took {} ms",
          TIMEOUT.toSeconds(),
          eventMillis,
          fullMillis,
          recoveryMillis,
          stopTook.toMillis());
    } finally {
      loop.close();
      backend.close();
    }
  }
}
