package io.kuberoute.bench;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.kuberoute.core.model.ClusterSnapshot;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** fabric8's mock API server in CRUD mode on a loopback port, loaded with a generated cluster. */
final class MockApi implements AutoCloseable {

  private final KubernetesMockServer server;
  private final KubernetesClient client;

  private MockApi() {
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    Config config =
        new ConfigBuilder(Config.empty())
            .withAutoConfigure(false)
            .withMasterUrl(server.url("/"))
            .withRequestTimeout(60_000)
            .withMaxConcurrentRequests(256)
            .withMaxConcurrentRequestsPerHost(256)
            .build();
    client = new KubernetesClientBuilder().withConfig(config).build();
  }

  static MockApi start() {
    return new MockApi();
  }

  String url() {
    return server.url("/");
  }

  KubernetesClient client() {
    return client;
  }

  /** Creates every node, service and pod of {@code snapshot}; returns the seconds it took. */
  double load(ClusterSnapshot snapshot) throws Exception {
    long start = System.nanoTime();
    List<HasMetadata> objects = new ArrayList<>();
    snapshot.nodes().forEach(n -> objects.add(Fabric8Objects.node(n)));
    snapshot.services().forEach(s -> objects.add(Fabric8Objects.service(s)));
    snapshot.pods().forEach(p -> objects.add(Fabric8Objects.pod(p)));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      int chunk = 500;
      for (int i = 0; i < objects.size(); i += chunk) {
        List<HasMetadata> part = objects.subList(i, Math.min(objects.size(), i + chunk));
        done.add(pool.submit(() -> part.forEach(o -> client.resource(o).create())));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    return (System.nanoTime() - start) / 1e9;
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
