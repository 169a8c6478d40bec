package io.kuberoute.k8s;

import static io.kuberoute.k8s.K8sObjects.node;
import static io.kuberoute.k8s.K8sObjects.pod;
import static io.kuberoute.k8s.K8sObjects.routed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kuberoute.core.app.SyncError;
import io.kuberoute.core.app.SyncLoop;
import io.kuberoute.core.app.SyncResult;
import io.kuberoute.core.app.SyncService;
import io.kuberoute.core.app.SyncSettings;
import io.kuberoute.core.app.SyncTrigger;
import io.kuberoute.core.model.CurrentRecord;
import io.kuberoute.core.model.Ownership;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import io.kuberoute.testkit.fixtures.InMemoryDnsBackend;
import io.kuberoute.testkit.k8s.MockApiServer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The live source driving the core: a cluster change reaches DNS within about a second, and nothing
 * is deleted from a view that is not complete.
 */
class LiveSyncIT {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final RecordSet SHOP_BOTH =
      RecordSet.of("shop.example.com", RecordType.A, 60, "10.0.0.1", "10.0.0.2");
  private static final RecordSet SHOP_ONE =
      RecordSet.of("shop.example.com", RecordType.A, 60, "10.0.0.1");
  private static final RecordSet GONE =
      RecordSet.of("gone.example.com", RecordType.A, 60, "10.9.9.9");
  private static final Ownership GONE_OWNER =
      Ownership.ownedBy("kuberoute", "service/default/gone");

  private MockApiServer server;
  private KubernetesClient admin;
  private KubernetesCluster cluster;
  private final InMemoryDnsBackend dns = new InMemoryDnsBackend("kuberoute");

  @BeforeEach
  void createCluster() {
    server = MockApiServer.start();
    admin = server.client();
    admin.resource(node("n1", "10.0.0.1", null, false, true)).create();
    admin.resource(node("n2", "10.0.0.2", null, false, true)).create();
    admin.resource(routed("default", "shop")).create();
    admin.resource(pod("default", "shop-1", "shop", "n1", "Running", true)).create();
    admin.resource(pod("default", "shop-2", "shop", "n2", "Running", true)).create();
  }

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
    server.close();
  }

  private SyncService connect() {
    KubernetesOptions options =
        new KubernetesOptions(
            Namespaces.of("default"), "kuberoute_domain", Duration.ofSeconds(60), Optional.empty());
    cluster = KubernetesCluster.start(server.client(), options, LeaseLeadership.Timings.DEFAULT);
    return SyncService.builder(cluster.source(), dns, SyncSettings.defaults())
        .events(cluster.events())
        .leadership(cluster.leadership())
        .build();
  }

  private List<RecordSet> records() {
    return dns.all().stream().map(CurrentRecord::record).toList();
  }

  private void setReady(String pod, boolean ready) {
    K8sObjects.setReady(admin, "default", pod, ready);
  }

  @Test
  void aPodBecomingNotReadyReachesTheDnsBackendWithinTwoSeconds() {
    SyncService sync = connect();
    try (SyncLoop loop = new SyncLoop(sync, Duration.ofSeconds(60), Optional.empty())) {
      cluster.source().addChangeListener(loop::onChange);
      loop.start();
      await().atMost(WAIT).until(() -> records().equals(List.of(SHOP_BOTH)));

      // once through the whole event path, so that class loading and JIT warm-up are not measured
      setReady("shop-2", false);
      await().atMost(WAIT).until(() -> records().equals(List.of(SHOP_ONE)));
      setReady("shop-2", true);
      await().atMost(WAIT).until(() -> records().equals(List.of(SHOP_BOTH)));

      setReady("shop-2", false);

      // no full sync is due for 60 s: only the watch event can bring this about
      await().atMost(Duration.ofSeconds(2)).until(() -> records().equals(List.of(SHOP_ONE)));
    }
  }

  @Test
  void nothingIsWrittenBeforeTheInformersHaveListed() {
    dns.seed(GONE, GONE_OWNER);
    server.stop();
    SyncService sync = connect();

    // starting until a first list fails; then unavailable, with the error
    await().atMost(WAIT).until(() -> cluster.source().health().isUnavailable());
    SyncResult before = sync.sync(SyncTrigger.FULL);

    assertThat(before.outcome()).isEqualTo(SyncResult.Outcome.FAILED);
    assertThat(before.errors())
        .extracting(SyncError::cause)
        .containsExactly(SyncError.Cause.CLUSTER);
    assertThat(before.errors().get(0).message())
        .startsWith("cannot list ")
        .contains(" from the Kubernetes API server: ");
    assertThat(sync.lastReport().orElseThrow().apiserverAvailable()).isFalse();
    assertThat(dns.appliedChangeSets()).isEmpty();
    assertThat(records()).containsExactly(GONE);

    server.restart();
    await().atMost(WAIT).until(cluster.source()::isSynced);
    SyncResult after = sync.sync(SyncTrigger.FULL);

    assertThat(after.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(records()).containsExactly(SHOP_BOTH);
  }

  @Test
  void nothingIsDeletedWhileAWatchIsBroken() {
    SyncService sync = connect();
    await().atMost(WAIT).until(cluster.source()::isSynced);
    assertThat(sync.sync(SyncTrigger.FULL).outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(records()).containsExactly(SHOP_BOTH);

    server.stop();
    await().atMost(WAIT).until(() -> !cluster.source().isSynced());
    // a record of a service that is not in the (now possibly stale) view
    dns.seed(GONE, GONE_OWNER);
    SyncResult broken = sync.sync(SyncTrigger.FULL);

    assertThat(cluster.source().snapshot().complete()).isFalse();
    assertThat(broken.planned().deletes()).isEmpty();
    assertThat(records()).containsExactlyInAnyOrder(GONE, SHOP_BOTH);

    server.restart();
    await().atMost(WAIT).until(cluster.source()::isSynced);
    SyncResult restored = sync.sync(SyncTrigger.FULL);

    assertThat(restored.applied().deletes()).containsExactly(GONE);
    assertThat(records()).containsExactly(SHOP_BOTH);
  }
}
