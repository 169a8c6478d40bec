package io.kuberoute.k8s;

import static io.kuberoute.k8s.K8sObjects.node;
import static io.kuberoute.k8s.K8sObjects.pod;
import static io.kuberoute.k8s.K8sObjects.routed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.kuberoute.core.ClusterUnavailableException;
import io.kuberoute.core.model.ClusterSnapshot;
import io.kuberoute.core.model.ServiceInfo;
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
    return new KubernetesOptions(Namespaces.of("default"), "kuberoute_domain", Duration.ofSeconds(60), lease);
  }

  @Test
  void connectReturnsAtOnceWhileTheApiServerDoesNotAnswer() throws Exception {
    // accepts TCP connections and never answers: a list would wait for its 10 s request timeout
    try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      KubernetesAuth auth =
          new KubernetesAuth.Url(URI.create("http://127.0.0.1:" + blackHole.getLocalPort()), true, Optional.empty());

      KubernetesCluster cluster =
          assertTimeoutPreemptively(
              Duration.ofSeconds(5), () -> KubernetesCluster.connect(auth, options(Optional.empty())));
      try {
        assertThat(cluster.source().isSynced()).isFalse();
        assertThatThrownBy(() -> cluster.source().snapshot())
            .isInstanceOf(ClusterUnavailableException.class)
            .hasMessageStartingWith("the Kubernetes API server has not been listed yet (waiting for services labelled");
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
          new KubernetesAuth.Url(URI.create("http://127.0.0.1:" + blackHole.getLocalPort()), true, Optional.empty());
      Optional<KubernetesOptions.LeaseSettings> lease =
          Optional.of(new KubernetesOptions.LeaseSettings("kuberoute", "kuberoute", "pod-1"));

      KubernetesCluster cluster =
          assertTimeoutPreemptively(Duration.ofSeconds(5), () -> KubernetesCluster.connect(auth, options(lease)));
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
      await().pollDelay(Duration.ofMillis(100)).until(() -> true); // let Awaitility start its own thread first
      Set<Thread> before = Thread.getAllStackTraces().keySet();
      KubernetesAuth auth = new KubernetesAuth.Url(URI.create(server.url()), true, Optional.empty());
      KubernetesCluster cluster = KubernetesCluster.connect(auth, options(Optional.empty()));
      Set<Thread> started;
      try {
        await().atMost(WAIT).until(cluster.source()::isSynced);
        ClusterSnapshot s = cluster.source().snapshot();
        assertThat(s.complete()).isTrue();
        assertThat(s.services()).extracting(ServiceInfo::name).containsExactly("shop");
        assertThat(s.pods()).hasSize(1);
        assertThat(s.nodes()).hasSize(1);
        started = Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t)).collect(Collectors.toSet());
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
}
