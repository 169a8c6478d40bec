package io.kuberoute.dns.skydns;

import static io.kuberoute.dns.skydns.SyncFixtures.merged;
import static io.kuberoute.dns.skydns.SyncFixtures.published;
import static io.kuberoute.dns.skydns.SyncFixtures.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kuberoute.core.DnsBackendException;
import io.kuberoute.core.app.SyncError;
import io.kuberoute.core.app.SyncResult;
import io.kuberoute.core.app.SyncService;
import io.kuberoute.core.app.SyncTrigger;
import io.kuberoute.core.config.ConfigSection;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.ServiceInfo;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.testkit.etcd.EtcdKeys;
import io.kuberoute.testkit.etcd.EtcdServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * etcd down at start-up, stopped in the middle of a run, frozen: clean failures, then convergence.
 */
class SkyDnsOutageIT {

  private EtcdServer etcd;
  private final SyncFixtures fx = new SyncFixtures();

  @BeforeEach
  void startEtcd() {
    etcd = EtcdServer.startPlain();
  }

  @AfterEach
  void stopEtcd() {
    etcd.close();
  }

  private static ServiceInfo shop() {
    return service("shop", "shop", "example.com");
  }

  private static ServiceInfo api() {
    return service("api", "api", "example.com");
  }

  private Map<String, String> skydns() {
    try (EtcdKeys keys = new EtcdKeys(etcd)) {
      return keys.all("/skydns/");
    }
  }

  private static List<String> messages(SyncResult r) {
    return r.errors().stream().map(SyncError::message).toList();
  }

  @Test
  void creatingTheBackendWhileEtcdIsDownTouchesNoNetworkAndTheFirstReadFailsNamingTheEndpoint() {
    etcd.stop();
    DnsBackend backend = SkyDnsDnsBackend.create(SyncFixtures.settings(etcd), "kuberoute");
    try {
      assertThatThrownBy(() -> backend.read(List.of(DnsName.of("example.com")), true))
          .isInstanceOf(DnsBackendException.class)
          .hasMessage("etcd at " + etcd.endpoint() + " is unreachable: connection refused")
          .satisfies(e -> assertThat(((DnsBackendException) e).isTransient()).isTrue());

      fx.set(List.of(shop()), Map.of("shop", List.of("10.0.0.1")));
      SyncResult r = fx.service(backend).sync(SyncTrigger.FULL);

      assertThat(r.outcome()).isEqualTo(SyncResult.Outcome.FAILED);
      assertThat(messages(r))
          .containsExactly(
              "reading DNS failed: etcd at "
                  + etcd.endpoint()
                  + " is unreachable: connection refused");
    } finally {
      backend.close();
    }
  }

  @Test
  void aHostThatDoesNotResolveIsReportedAsUnreachable() {
    DnsBackend backend =
        SkyDnsDnsBackend.create(
            SkyDnsSettings.fromConfig(
                new ConfigSection("skydns", Map.of("host", "etcd.invalid", "protocol", "http"))),
            "kuberoute");
    try {
      assertThatThrownBy(() -> backend.read(List.of(DnsName.of("example.com")), true))
          .isInstanceOf(DnsBackendException.class)
          .hasMessage("etcd at http://etcd.invalid:2379 is unreachable: unresolved address");
    } finally {
      backend.close();
    }
  }

  @Test
  void etcdStoppedInTheMiddleOfARunFailsSyncsCleanlyAndTheFirstSyncAfterItsReturnConverges() {
    DnsBackend backend = SkyDnsDnsBackend.create(SyncFixtures.settings(etcd), "kuberoute");
    SyncService sync = fx.service(backend);
    fx.set(
        List.of(shop(), api()),
        Map.of("shop", List.of("10.0.0.1", "10.0.0.2"), "api", List.of("10.0.0.3")));
    assertThat(sync.sync(SyncTrigger.FULL).errors()).isEmpty();
    Map<String, String> beforeOutage = skydns();

    etcd.stop();
    fx.set(List.of(shop(), api()), Map.of("shop", List.of("10.0.0.1"), "api", List.of("10.0.0.4")));
    // an event sync plans from what it read before, then cannot write
    SyncResult event = sync.sync(SyncTrigger.EVENT);
    String down = "etcd at " + etcd.endpoint() + " is unreachable: connection refused";
    assertThat(event.outcome()).isEqualTo(SyncResult.Outcome.FAILED);
    assertThat(messages(event))
        .containsExactlyInAnyOrder(
            "writing api.example.com failed: " + down, "writing shop.example.com failed: " + down);
    assertThat(event.applied().isEmpty()).isTrue();
    // full and event syncs while etcd stays down
    for (SyncTrigger t : List.of(SyncTrigger.FULL, SyncTrigger.EVENT, SyncTrigger.FULL)) {
      SyncResult r = sync.sync(t);
      assertThat(messages(r)).containsExactly("reading DNS failed: " + down);
    }

    etcd.start();
    assertThat(skydns()).as("nothing was half-written").isEqualTo(beforeOutage);
    SyncResult recovered = sync.sync(SyncTrigger.EVENT);

    assertThat(recovered.errors()).isEmpty();
    assertThat(skydns())
        .isEqualTo(
            merged(
                published("shop.example.com", "10.0.0.1"),
                published("api.example.com", "10.0.0.4")));
    backend.close();
  }

  @Test
  void anEtcdThatStopsAnsweringTimesOutWithAClearErrorAndIsUsedAgainWhenItAnswers() {
    DnsBackend backend =
        SkyDnsDnsBackend.create(SyncFixtures.settings(etcd, "timeout", "2"), "kuberoute");
    SyncService sync = fx.service(backend);
    fx.set(List.of(shop()), Map.of("shop", List.of("10.0.0.1")));
    // on this shared, loaded machine a 2 s deadline may be missed even by a healthy etcd: retry
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> sync.sync(SyncTrigger.FULL).errors().isEmpty());

    etcd.freeze();
    fx.set(List.of(shop()), Map.of("shop", List.of("10.0.0.2")));
    SyncResult writeTimeout = sync.sync(SyncTrigger.EVENT);
    SyncResult readTimeout = sync.sync(SyncTrigger.FULL);
    etcd.thaw();

    String slow = "etcd at " + etcd.endpoint() + " did not answer within 2 s";
    assertThat(messages(writeTimeout)).containsExactly("writing shop.example.com failed: " + slow);
    assertThat(messages(readTimeout)).containsExactly("reading DNS failed: " + slow);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> sync.sync(SyncTrigger.FULL).errors().isEmpty());
    assertThat(skydns()).isEqualTo(published("shop.example.com", "10.0.0.2"));
    backend.close();
  }

  @Test
  void outagesAndReconnectsLeaveNoThreadBehind() {
    fx.set(List.of(shop()), Map.of("shop", List.of("10.0.0.1")));
    // warm up: the first client starts the JVM-wide helpers (gRPC, Failsafe) once
    DnsBackend warmUp = SkyDnsDnsBackend.create(SyncFixtures.settings(etcd), "kuberoute");
    assertThat(fx.service(warmUp).sync(SyncTrigger.FULL).errors()).isEmpty();
    warmUp.close();
    awaitNoClientThreads();

    DnsBackend backend = SkyDnsDnsBackend.create(SyncFixtures.settings(etcd), "kuberoute");
    SyncService sync = fx.service(backend);
    for (int outage = 0; outage < 3; outage++) {
      etcd.stop();
      for (int i = 0; i < 5; i++) {
        assertThat(sync.sync(SyncTrigger.FULL).outcome()).isEqualTo(SyncResult.Outcome.FAILED);
      }
      etcd.start();
      fx.set(List.of(shop()), Map.of("shop", List.of("10.0.0." + (outage + 2))));
      assertThat(sync.sync(SyncTrigger.FULL).errors()).isEmpty();
    }
    assertThat(clientThreads().size())
        .as("one client's threads while open")
        .isLessThanOrEqualTo(16);
    backend.close();

    awaitNoClientThreads();
    assertThat(skydns()).isEqualTo(published("shop.example.com", "10.0.0.4"));
  }

  private static void awaitNoClientThreads() {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(clientThreads()).isEmpty());
  }

  /**
   * Threads of jetcd, Vert.x and gRPC: a client's own (Vert.x event loops, jetcd's executor) and
   * gRPC's shared pools, which gRPC stops once no channel is left (so every test class closes its
   * clients).
   */
  private static Set<String> clientThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(
            n ->
                n.startsWith("vert.x-")
                    || n.startsWith("jetcd-")
                    || n.startsWith("grpc-")
                    || n.startsWith("vertx-"))
        .collect(Collectors.toSet());
  }
}
