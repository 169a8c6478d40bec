package io.kuberoute.k8s;

import static io.kuberoute.k8s.K8sObjects.node;
import static io.kuberoute.k8s.K8sObjects.pod;
import static io.kuberoute.k8s.K8sObjects.routed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kuberoute.core.ClusterUnavailableException;
import io.kuberoute.core.app.SyncResult;
import io.kuberoute.core.app.SyncService;
import io.kuberoute.core.app.SyncSettings;
import io.kuberoute.core.app.SyncTrigger;
import io.kuberoute.core.model.ClusterSnapshot;
import io.kuberoute.core.model.CurrentRecord;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import io.kuberoute.core.model.ServiceInfo;
import io.kuberoute.testkit.fixtures.InMemoryDnsBackend;
import io.kuberoute.testkit.k8s.MockApiServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The seam the command line wires against: {@link KubernetesCluster#connect}. */
class KubernetesClusterIT {

  private static final Duration WAIT = Duration.ofSeconds(20);

  private static KubernetesOptions options(Optional<KubernetesOptions.LeaseSettings> lease) {
    return new KubernetesOptions(
        Namespaces.of("default"), "kuberoute_domain", Duration.ofSeconds(60), lease);
  }

  @Test
  void connectReturnsAtOnceWhileTheApiServerDoesNotAnswer() throws Exception {
    // accepts TCP connections and never answers: a list would wait for its 10 s request timeout
    try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      KubernetesAuth auth =
          new KubernetesAuth.Url(
              URI.create("http://127.0.0.1:" + blackHole.getLocalPort()), true, Optional.empty());

      KubernetesCluster cluster =
          assertTimeoutPreemptively(
              Duration.ofSeconds(5),
              () -> KubernetesCluster.connect(auth, options(Optional.empty())));
      try {
        assertThat(cluster.source().isSynced()).isFalse();
        assertThatThrownBy(() -> cluster.source().snapshot())
            .isInstanceOf(ClusterUnavailableException.class)
            .hasMessageStartingWith(
                "the Kubernetes API server has not been listed yet (waiting for services labelled");
        // leader election is off: always the leader
        assertThat(cluster.leadership().isLeader()).isTrue();
      } finally {
        assertTimeoutPreemptively(Duration.ofSeconds(15), cluster::close);
      }
    }
  }

  @Test
  void withLeaderElectionAnInstanceThatCannotReachTheApiServerIsNotTheLeader() throws Exception {
    try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      KubernetesAuth auth =
          new KubernetesAuth.Url(
              URI.create("http://127.0.0.1:" + blackHole.getLocalPort()), true, Optional.empty());
      Optional<KubernetesOptions.LeaseSettings> lease =
          Optional.of(new KubernetesOptions.LeaseSettings("kuberoute", "kuberoute", "pod-1"));

      KubernetesCluster cluster =
          assertTimeoutPreemptively(
              Duration.ofSeconds(5), () -> KubernetesCluster.connect(auth, options(lease)));
      try {
        assertThat(cluster.leadership().isLeader()).isFalse();
      } finally {
        assertTimeoutPreemptively(Duration.ofSeconds(15), cluster::close);
      }
    }
  }

  @Test
  void aConnectedClusterServesTheViewAndCloseStopsEveryThreadItStarted() {
    try (MockApiServer server = MockApiServer.start()) {
      var admin = server.client();
      admin.resource(node("n1", "10.0.0.1", null, false, true)).create();
      admin.resource(routed("default", "shop")).create();
      admin.resource(pod("default", "shop-1", "shop", "n1", "Running", true)).create();
      await()
          .pollDelay(Duration.ofMillis(100))
          .until(() -> true); // let Awaitility start its own thread first
      Set<Thread> before = Thread.getAllStackTraces().keySet();
      KubernetesAuth auth =
          new KubernetesAuth.Url(URI.create(server.url()), true, Optional.empty());
      KubernetesCluster cluster = KubernetesCluster.connect(auth, options(Optional.empty()));
      Set<Thread> started;
      try {
        await().atMost(WAIT).until(cluster.source()::isSynced);
        ClusterSnapshot s = cluster.source().snapshot();
        assertThat(s.complete()).isTrue();
        assertThat(s.services()).extracting(ServiceInfo::name).containsExactly("shop");
        assertThat(s.pods()).hasSize(1);
        assertThat(s.nodes()).hasSize(1);
        started =
            Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t))
                .collect(Collectors.toSet());
        assertThat(started).extracting(Thread::getName).contains("kuberoute-k8s-monitor");
      } finally {
        cluster.close();
        cluster.close(); // idempotent
      }
      // (the JDK's shared Cleaner thread starts lazily and is not ours)
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(
                          started.stream()
                              .filter(Thread::isAlive)
                              .map(Thread::getName)
                              .filter(n -> !n.startsWith("awaitility") && !n.equals("Cleaner-0"))
                              .toList())
                      .isEqualTo(List.of()));
    }
  }

  /**
   * An embedder's own fabric8 client: the cluster view built on it syncs end to end (list, watch,
   * DNS), and closing the cluster stops what it started but leaves the client the caller's.
   */
  @Test
  void aClusterOnTheCallersClientSyncsEndToEndAndLeavesTheClientOpen() {
    try (MockApiServer server = MockApiServer.start()) {
      KubernetesClient mine = server.client(); // closed with the server, by its owner
      mine.resource(node("n1", "10.0.0.1", null, false, true)).create();
      mine.resource(node("n2", "10.0.0.2", null, false, true)).create();
      mine.resource(routed("default", "shop")).create();
      mine.resource(pod("default", "shop-1", "shop", "n1", "Running", true)).create();
      InMemoryDnsBackend dns = new InMemoryDnsBackend("kuberoute");

      KubernetesCluster cluster =
          KubernetesCluster.using(mine, KubernetesOptions.defaults(Namespaces.of("default")));
      try {
        await().atMost(WAIT).until(cluster.source()::isSynced);
        SyncService sync =
            SyncService.builder(cluster.source(), dns, SyncSettings.defaults())
                .events(cluster.events())
                .leadership(cluster.leadership())
                .build();
        assertThat(sync.sync(SyncTrigger.FULL).outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
        assertThat(dns.all())
            .extracting(CurrentRecord::record)
            .containsExactly(RecordSet.of("shop.example.com", RecordType.A, 60, "10.0.0.1"));

        // a change made through the same client arrives by the watch
        mine.resource(pod("default", "shop-2", "shop", "n2", "Running", true)).create();
        await().atMost(WAIT).until(() -> cluster.source().snapshot().pods().size() == 2);
        sync.sync(SyncTrigger.FULL);
        assertThat(dns.all())
            .extracting(CurrentRecord::record)
            .containsExactly(
                RecordSet.of("shop.example.com", RecordType.A, 60, "10.0.0.1", "10.0.0.2"));
      } finally {
        cluster.close();
        cluster.close(); // idempotent
      }

      // the caller's client still works after the cluster is closed
      assertThat(mine.pods().inNamespace("default").list().getItems()).hasSize(2);
      mine.pods().inNamespace("default").withName("shop-1").delete();
      assertThat(mine.pods().inNamespace("default").list().getItems())
          .extracting(p -> p.getMetadata().getName())
          .containsExactly("shop-2");
    }
  }

  @Test
  void aMissingClientOrOptionsIsRefusedByName() {
    try (MockApiServer server = MockApiServer.start()) {
      KubernetesClient mine = server.client();
      assertThatThrownBy(
              () -> KubernetesCluster.using(null, KubernetesOptions.defaults(Namespaces.any())))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("client");
      assertThatThrownBy(() -> KubernetesCluster.using(mine, null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("options");
    }
  }
}
