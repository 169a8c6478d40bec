package io.kuberoute.k8s;

import static io.kuberoute.k8s.K8sObjects.routed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kuberoute.testkit.k8s.MockApiServer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The API call and watch restart counts, through the client's interceptor, against the mock API
 * server.
 */
class ApiCallMetricsIT {

  private static final Duration WAIT = Duration.ofSeconds(20);

  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> restarts = new ConcurrentHashMap<>();
  private final ApiCallListener listener =
      new ApiCallListener() {
        @Override
        public void call(String verb, String resource, String outcome) {
          calls
              .computeIfAbsent(verb + " " + resource + " " + outcome, k -> new AtomicInteger())
              .incrementAndGet();
        }

        @Override
        public void watchRestarted(String resource) {
          restarts.computeIfAbsent(resource, k -> new AtomicInteger()).incrementAndGet();
        }
      };

  private MockApiServer server;
  private InformerClusterSource source;

  @BeforeEach
  void startServer() {
    server = MockApiServer.start();
    server.client().resource(routed("default", "shop")).create();
  }

  @AfterEach
  void stop() {
    if (source != null) {
      source.close();
    }
    server.close();
  }

  private int calls(String key) {
    AtomicInteger n = calls.get(key);
    return n == null ? 0 : n.get();
  }

  private int restarts(String resource) {
    AtomicInteger n = restarts.get(resource);
    return n == null ? 0 : n.get();
  }

  private void startSource() {
    KubernetesClient client = server.client(b -> ApiCallInterceptor.install(b, listener));
    source =
        InformerClusterSource.start(
            client,
            new KubernetesOptions(
                Namespaces.of("default"),
                "kuberoute_domain",
                Duration.ofSeconds(60),
                Optional.empty()));
    await().atMost(WAIT).until(source::isSynced);
  }

  @Test
  void theInformersListsAndWatchesAreCountedWithTheirLabels() {
    startSource();

    for (String resource : new String[] {"services", "pods", "nodes"}) {
      await().atMost(WAIT).until(() -> calls("watch " + resource + " 2xx") == 1);
      assertThat(calls("list " + resource + " 2xx")).as(resource).isEqualTo(1);
    }
    assertThat(calls.keySet())
        .containsExactlyInAnyOrder(
            "list services 2xx",
            "watch services 2xx",
            "list pods 2xx",
            "watch pods 2xx",
            "list nodes 2xx",
            "watch nodes 2xx");
    assertThat(restarts).isEmpty();
  }

  @Test
  void aWatchOpenedAgainAfterTheServerWentAwayIsARestart() {
    startSource();
    await()
        .atMost(WAIT)
        .until(
            () ->
                calls("watch services 2xx") == 1
                    && calls("watch pods 2xx") == 1
                    && calls("watch nodes 2xx") == 1);

    server.stop();
    await().atMost(WAIT).until(() -> !source.snapshot().complete());
    // attempts without a response are errors, and not yet restarts
    await().atMost(WAIT).until(() -> calls.keySet().stream().anyMatch(k -> k.endsWith(" error")));
    assertThat(restarts).isEmpty();

    server.restart();
    await().atMost(WAIT).until(() -> source.snapshot().complete());
    await()
        .atMost(WAIT)
        .until(() -> restarts("services") >= 1 && restarts("pods") >= 1 && restarts("nodes") >= 1);
    assertThat(restarts.keySet()).containsExactlyInAnyOrder("services", "pods", "nodes");
    assertThat(calls("watch services 2xx")).isEqualTo(1 + restarts("services"));
  }

  @Test
  void otherRequestsAreCountedToo() {
    KubernetesClient client = server.client(b -> ApiCallInterceptor.install(b, listener));
    client
        .pods()
        .inNamespace("default")
        .withName("missing")
        .get(); // 404, which fabric8 turns into null
    client.services().inNamespace("default").withName("shop").get();
    client.resource(routed("default", "cart")).create();
    client.services().inNamespace("default").withName("cart").delete();

    assertThat(calls("get pods 4xx")).isEqualTo(1);
    assertThat(calls("get services 2xx")).isEqualTo(1);
    assertThat(calls("create services 2xx")).isEqualTo(1);
    assertThat(calls("delete services 2xx")).isEqualTo(1);
  }
}
