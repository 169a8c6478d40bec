package io.kuberoute.k8s;

import static io.kuberoute.k8s.K8sObjects.node;
import static io.kuberoute.k8s.K8sObjects.pod;
import static io.kuberoute.k8s.K8sObjects.routed;
import static io.kuberoute.k8s.K8sObjects.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kuberoute.core.ClusterUnavailableException;
import io.kuberoute.core.model.ClusterSnapshot;
import io.kuberoute.core.model.NodeInfo;
import io.kuberoute.core.model.PodInfo;
import io.kuberoute.core.model.Readiness;
import io.kuberoute.core.model.Scheduling;
import io.kuberoute.core.model.ServiceInfo;
import io.kuberoute.core.model.Termination;
import io.kuberoute.testkit.k8s.MockApiServer;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The informer-backed source against fabric8's mock API server (CRUD mode). */
class InformerClusterSourceIT {

  private static final Duration WAIT = Duration.ofSeconds(20);

  private MockApiServer server;
  private KubernetesClient admin;
  private InformerClusterSource source;
  private final AtomicInteger changes = new AtomicInteger();

  @BeforeEach
  void startServer() {
    server = MockApiServer.start();
    admin = server.client();
  }

  @AfterEach
  void stop() {
    if (source != null) {
      source.close();
    }
    server.close();
  }

  private InformerClusterSource startSource(Namespaces namespaces) {
    source = InformerClusterSource.start(server.client(), options(namespaces));
    source.addChangeListener(changes::incrementAndGet);
    await().atMost(WAIT).until(source::isSynced);
    // the view becoming synced is announced once (the first sync can then run at once)
    await().atMost(WAIT).until(() -> changes.get() == 1);
    changes.set(0);
    return source;
  }

  private static KubernetesOptions options(Namespaces namespaces) {
    return new KubernetesOptions(
        namespaces, "kuberoute_domain", Duration.ofSeconds(60), Optional.empty());
  }

  private static List<String> serviceNames(ClusterSnapshot s) {
    return s.services().stream().map(x -> x.namespace() + "/" + x.name()).sorted().toList();
  }

  private static List<String> podNames(ClusterSnapshot s) {
    return s.pods().stream().map(x -> x.namespace() + "/" + x.name()).sorted().toList();
  }

  @Test
  void subscribersAreToldWhatChangedObjectByObject() throws Exception {
    java.util.concurrent.LinkedBlockingQueue<io.kuberoute.core.port.ClusterChange> told =
        new java.util.concurrent.LinkedBlockingQueue<>();
    startSource(Namespaces.any());
    assertThat(source.subscribe(told::add)).isTrue();

    admin.resource(K8sObjects.pod("default", "web-1", "web", "n1", "Running", true)).create();
    await()
        .atMost(WAIT)
        .until(
            () ->
                told.stream()
                    .anyMatch(
                        c ->
                            c instanceof io.kuberoute.core.port.ClusterChange.Pod p
                                && p.name().equals("web-1")
                                && p.pod()
                                    .map(io.kuberoute.core.model.PodInfo::ready)
                                    .orElse(false)));
    admin.pods().inNamespace("default").withName("web-1").delete();
    await()
        .atMost(WAIT)
        .until(
            () ->
                told.stream()
                    .anyMatch(
                        c ->
                            c instanceof io.kuberoute.core.port.ClusterChange.Pod p
                                && p.name().equals("web-1")
                                && p.pod().isEmpty()));
  }

  @Test
  void servicesAreFilteredServerSideByThePresenceOfTheDomainLabel() throws Exception {
    admin.resource(routed("default", "shop")).create();
    admin
        .resource(
            service("default", "plain", "NodePort", Map.of("app", "plain"), Map.of("app", "plain")))
        .create();
    admin
        .resource(
            service(
                "default",
                "other-label",
                "NodePort",
                Map.of("kuberoute_name", "x"),
                Map.of("app", "x")))
        .create();
    server.requests(); // only the source's requests from here on

    ClusterSnapshot s = startSource(Namespaces.of("default")).snapshot();

    assertThat(serviceNames(s)).containsExactly("default/shop");
    assertThat(server.requests())
        .anyMatch(
            r ->
                r.startsWith("GET /api/v1/namespaces/default/services?")
                    && r.contains("labelSelector=kuberoute_domain"));
  }

  @Test
  void onlyTheConfiguredNamespacesAreWatched() {
    for (String ns : List.of("default", "web", "other")) {
      admin.resource(routed(ns, "svc-" + ns)).create();
      admin.resource(pod(ns, "pod-" + ns, "svc-" + ns, "n1", "Running", true)).create();
    }

    ClusterSnapshot s = startSource(Namespaces.of("default", "web")).snapshot();

    assertThat(serviceNames(s)).containsExactly("default/svc-default", "web/svc-web");
    assertThat(podNames(s)).containsExactly("default/pod-default", "web/pod-web");
  }

  @Test
  void allNamespacesWatchesEveryNamespace() {
    for (String ns : List.of("default", "web", "other")) {
      admin.resource(routed(ns, "svc-" + ns)).create();
      admin.resource(pod(ns, "pod-" + ns, "svc-" + ns, "n1", "Running", true)).create();
    }

    ClusterSnapshot s = startSource(Namespaces.any()).snapshot();

    assertThat(serviceNames(s))
        .containsExactly("default/svc-default", "other/svc-other", "web/svc-web");
    assertThat(podNames(s))
        .containsExactly("default/pod-default", "other/pod-other", "web/pod-web");
    assertThat(s.complete()).isTrue();
  }

  @Test
  void podsNodesAndServicesAreMappedWhateverTheyLack() {
    admin.resource(node("both", "10.0.0.1", "198.51.100.1", false, true)).create();
    admin.resource(node("internal-only", "10.0.0.2", null, false, true)).create();
    admin.resource(node("cordoned", "10.0.0.3", "198.51.100.3", true, true)).create();
    admin.resource(node("not-ready", "10.0.0.4", null, false, false)).create();
    admin
        .resource(new NodeBuilder().withNewMetadata().withName("bare").endMetadata().build())
        .create();
    admin.resource(pod("default", "ready", "shop", "both", "Running", true)).create();
    admin.resource(pod("default", "not-ready", "shop", "cordoned", "Running", false)).create();
    admin.resource(pod("default", "pending", "shop", null, "Pending", false)).create();
    // a finalizer keeps a deleted pod, marked with a deletionTimestamp, as Kubernetes does
    admin
        .resource(
            new PodBuilder(pod("default", "terminating", "shop", "both", "Running", true))
                .editMetadata()
                .addToFinalizers("example.com/hold")
                .endMetadata()
                .build())
        .create();
    admin.pods().inNamespace("default").withName("terminating").delete();
    admin
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withNamespace("default")
                .withName("no-status")
                .endMetadata()
                .build())
        .create();
    admin
        .resource(
            service(
                "default", "manual", "NodePort", Map.of("kuberoute_domain", "example.com"), null))
        .create();

    ClusterSnapshot s = startSource(Namespaces.of("default")).snapshot();

    assertThat(s.nodes().stream().sorted(Comparator.comparing(NodeInfo::name)).toList())
        .containsExactly(
            new NodeInfo("bare", List.of(), List.of(), Scheduling.SCHEDULABLE, Readiness.NOT_READY),
            new NodeInfo(
                "both",
                List.of("10.0.0.1"),
                List.of("198.51.100.1"),
                Scheduling.SCHEDULABLE,
                Readiness.READY),
            new NodeInfo(
                "cordoned",
                List.of("10.0.0.3"),
                List.of("198.51.100.3"),
                Scheduling.CORDONED,
                Readiness.READY),
            new NodeInfo(
                "internal-only",
                List.of("10.0.0.2"),
                List.of(),
                Scheduling.SCHEDULABLE,
                Readiness.READY),
            new NodeInfo(
                "not-ready",
                List.of("10.0.0.4"),
                List.of(),
                Scheduling.SCHEDULABLE,
                Readiness.NOT_READY));
    Map<String, String> app = Map.of("app", "shop");
    assertThat(s.pods().stream().sorted(Comparator.comparing(PodInfo::name)).toList())
        .containsExactly(
            new PodInfo(
                "default",
                "no-status",
                Map.of(),
                "Unknown",
                Readiness.NOT_READY,
                Termination.NOT_TERMINATING,
                Optional.empty(),
                Optional.empty()),
            new PodInfo(
                "default",
                "not-ready",
                app,
                "Running",
                Readiness.NOT_READY,
                Termination.NOT_TERMINATING,
                Optional.of("cordoned"),
                Optional.empty()),
            new PodInfo(
                "default",
                "pending",
                app,
                "Pending",
                Readiness.NOT_READY,
                Termination.NOT_TERMINATING,
                Optional.empty(),
                Optional.empty()),
            new PodInfo(
                "default",
                "ready",
                app,
                "Running",
                Readiness.READY,
                Termination.NOT_TERMINATING,
                Optional.of("both"),
                Optional.empty()),
            new PodInfo(
                "default",
                "terminating",
                app,
                "Running",
                Readiness.READY,
                Termination.TERMINATING,
                Optional.of("both"),
                Optional.empty()));
    assertThat(s.services())
        .containsExactly(
            new ServiceInfo(
                "default",
                "manual",
                "NodePort",
                Map.of("kuberoute_domain", "example.com"),
                Optional.empty()));
  }

  @Test
  void theSnapshotIsUnavailableUntilTheApiServerHasBeenListed() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    KubernetesClient unreachable = K8sObjects.client("http://127.0.0.1:" + closedPort);
    try {
      source = InformerClusterSource.start(unreachable, options(Namespaces.of("default")));

      assertThat(source.isSynced()).isFalse();
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThatThrownBy(source::snapshot)
                      .isInstanceOf(ClusterUnavailableException.class)
                      .hasMessageStartingWith(
                          "the Kubernetes API server has not been listed yet (waiting for services labelled"
                              + " kuberoute_domain in namespace default, pods in namespace default, nodes); last error: ")
                      .hasMessageContaining("127.0.0.1:" + closedPort));
      assertThat(source.isSynced()).isFalse();
    } finally {
      source.close();
      unreachable.close();
    }
  }

  @Test
  void aBrokenWatchMakesTheSnapshotIncompleteUntilItIsRestored() {
    admin.resource(routed("default", "shop")).create();
    startSource(Namespaces.of("default"));

    server.stop();
    await().atMost(WAIT).until(() -> !source.snapshot().complete());

    assertThat(source.isSynced()).isFalse();
    assertThat(serviceNames(source.snapshot())).containsExactly("default/shop");

    server.restart();
    await().atMost(WAIT).until(() -> source.snapshot().complete());
    assertThat(source.isSynced()).isTrue();
    // the monitor announces the return to a synced view, so the core syncs (and deletes) at once
    await().atMost(WAIT).until(() -> changes.get() >= 1);
  }

  @Test
  void relevantChangesCallTheListenersAndStatusNoiseDoesNot() {
    admin.resource(node("n1", "10.0.0.1", null, false, true)).create();
    Pod quiet = admin.resource(pod("default", "quiet", "shop", "n1", "Running", true)).create();
    admin.resource(pod("default", "changing", "shop", "n1", "Running", true)).create();
    startSource(Namespaces.of("default"));

    // noise on one pod (a new annotation, a new resource version, a pod IP), then a relevant change
    // on
    // another: both arrive on the same watch, in order
    admin
        .pods()
        .resource(
            new PodBuilder(quiet)
                .editMetadata()
                .addToAnnotations("noise", "1")
                .endMetadata()
                .build())
        .update();
    admin
        .pods()
        .resource(
            new PodBuilder(admin.pods().inNamespace("default").withName("quiet").get())
                .editStatus()
                .withPodIP("10.1.1.1")
                .endStatus()
                .build())
        .updateStatus();
    K8sObjects.setReady(admin, "default", "changing", false);

    await()
        .atMost(WAIT)
        .until(
            () ->
                source.snapshot().pods().stream()
                    .anyMatch(p -> p.name().equals("changing") && !p.ready()));
    assertThat(changes.get()).isEqualTo(1);
  }

  @Test
  void addsDeletesAndNodeChangesCallTheListeners() {
    admin.resource(node("n1", "10.0.0.1", null, false, true)).create();
    startSource(Namespaces.of("default"));

    admin.resource(routed("default", "shop")).create();
    await().atMost(WAIT).until(() -> changes.get() == 1);
    admin
        .nodes()
        .withName("n1")
        .edit(n -> new NodeBuilder(n).editSpec().withUnschedulable(true).endSpec().build());
    await().atMost(WAIT).until(() -> changes.get() == 2);
    assertThat(source.snapshot().nodes())
        .containsExactly(
            new NodeInfo(
                "n1", List.of("10.0.0.1"), List.of(), Scheduling.CORDONED, Readiness.READY));
    admin.services().inNamespace("default").withName("shop").delete();
    await().atMost(WAIT).until(() -> changes.get() == 3);
    assertThat(source.snapshot().services()).isEmpty();
  }
}
