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
  private final KubernetesCrudDispatcher dispatcher = new EventsDroppingDispatcher();

  /**
   * fabric8's CRUD dispatcher, except that Events are answered 201 and not stored: each create
   * scans the whole store, so the thousands of Events a first sync records (one per service in
   * failover) would keep the mock busy for minutes at the large size, which a real API server is
   * not.
   */
  private static final class EventsDroppingDispatcher extends KubernetesCrudDispatcher {
    @Override
    public io.fabric8.mockwebserver.http.MockResponse dispatch(
        io.fabric8.mockwebserver.http.RecordedRequest request) {
      if ("POST".equals(request.getMethod()) && request.getPath().contains("/events")) {
        return new io.fabric8.mockwebserver.http.MockResponse()
            .setResponseCode(201)
            .setBody(request.getUtf8Body());
      }
      return super.dispatch(request);
    }
  }

  private MockApi() {
    server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
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

  /**
   * Puts every node, service and pod of {@code snapshot} straight into the mock's store (the store
   * fabric8's CRUD dispatcher keeps: JSON by attribute set), as if created through the API; returns
   * the seconds it took. Creating them through the API costs O(n) each.
   */
  double preload(ClusterSnapshot snapshot) {
    long start = System.nanoTime();
    io.fabric8.kubernetes.client.utils.KubernetesSerialization json =
        new io.fabric8.kubernetes.client.utils.KubernetesSerialization();
    List<HasMetadata> objects = new ArrayList<>();
    snapshot.nodes().forEach(n -> objects.add(Fabric8Objects.node(n)));
    snapshot.services().forEach(s -> objects.add(Fabric8Objects.service(s)));
    snapshot.pods().forEach(p -> objects.add(Fabric8Objects.pod(p)));
    String[] texts = new String[objects.size()];
    java.util.stream.IntStream.range(0, objects.size())
        .parallel()
        .forEach(
            i -> {
              HasMetadata o = objects.get(i);
              if (o.getMetadata().getNamespace() == null
                  && !(o instanceof io.fabric8.kubernetes.api.model.Node)) {
                o.getMetadata().setNamespace("default");
              }
              o.getMetadata().setUid("uid-" + i);
              o.getMetadata().setResourceVersion("1");
              o.getMetadata().setCreationTimestamp("2026-11-20T08:14:03Z");
              o.getMetadata().setGeneration(1L);
              texts[i] = json.asJson(o);
            });
    var map = dispatcher.getMap();
    var extractor = dispatcher.getAttributeExtractor();
    synchronized (map) {
      for (int i = 0; i < texts.length; i++) {
        HasMetadata o = objects.get(i);
        String plural =
            o instanceof io.fabric8.kubernetes.api.model.Node
                ? "nodes"
                : o instanceof io.fabric8.kubernetes.api.model.Service ? "services" : "pods";
        String path =
            plural.equals("nodes")
                ? "/api/v1/nodes"
                : "/api/v1/namespaces/" + o.getMetadata().getNamespace() + "/" + plural;
        // the key a create through the API stores: the path's attributes, the name, the object's
        // own
        var key =
            io.fabric8.mockwebserver.crud.AttributeSet.merge(
                dispatcher
                    .getKey(path)
                    .add(
                        new io.fabric8.mockwebserver.crud.Attribute(
                            "name", o.getMetadata().getName())),
                extractor.fromResource(texts[i]));
        map.put(key, texts[i]);
      }
    }
    return (System.nanoTime() - start) / 1e9;
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
