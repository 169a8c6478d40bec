package io.kuberoute.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.kuberoute.core.app.SyncResult;
import io.kuberoute.core.app.SyncService;
import io.kuberoute.core.app.SyncSettings;
import io.kuberoute.core.app.SyncTrigger;
import io.kuberoute.core.model.CurrentRecord;
import io.kuberoute.core.port.ClusterSource;
import io.kuberoute.core.report.StatusReport;
import io.kuberoute.k8s.ApiCallListener;
import io.kuberoute.k8s.KubernetesAuth;
import io.kuberoute.k8s.KubernetesCluster;
import io.kuberoute.k8s.KubernetesOptions;
import io.kuberoute.k8s.Namespaces;
import io.kuberoute.testkit.fixtures.InMemoryDnsBackend;
import io.kuberoute.testkit.fixtures.RecordingStatusSink;
import io.kuberoute.testkit.net.TcpProxy;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cluster side of the API server fault tests: fabric8's mock API server (CRUD mode) with two
 * Ready nodes and the Service {@code shop} ({@code shop.example.com}) with a Ready pod on each;
 * kuberoute's live cluster view ({@link KubernetesCluster}, the program's own client) reaching it
 * through an {@link TcpProxy}; one sync service over it writing to an in-memory DNS and reporting
 * to a recording sink. The test changes the cluster through an admin client that talks to the mock
 * server directly, past the proxy.
 */
final class ApiServerFixture implements AutoCloseable {

  /** The system properties of the health bounds (milliseconds; see ApiServerHealth.Timings). */
  static final String GRACE = "kuberoute.k8s.watch-grace-ms";

  static final String SILENCE = "kuberoute.k8s.watch-silence-ms";
  static final String PROBE_TIMEOUT = "kuberoute.k8s.probe-timeout-ms";

  final KubernetesMockServer server;
  final KubernetesClient admin;
  final TcpProxy proxy;
  final InMemoryDnsBackend dns = new InMemoryDnsBackend("kuberoute");
  private final RecordingStatusSink sink = new RecordingStatusSink("recording");
  final List<StatusReport> reports = sink.reports();

  /** API calls of kuberoute's client, "verb resource outcome" to count. */
  final Map<String, AtomicInteger> apiCalls = new ConcurrentHashMap<>();

  final Map<String, AtomicInteger> watchRestarts = new ConcurrentHashMap<>();

  /** How often the view told its change listeners that something changed. */
  final AtomicInteger notified = new AtomicInteger();

  private KubernetesCluster cluster;
  private SyncService sync;

  ApiServerFixture() {
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    Config config =
        new ConfigBuilder(Config.empty())
            .withAutoConfigure(false)
            .withMasterUrl(server.url("/"))
            .build();
    admin = new KubernetesClientBuilder().withConfig(config).build();
    admin.resource(node("n1", "10.0.0.1")).create();
    admin.resource(node("n2", "10.0.0.2")).create();
    admin.resource(shop()).create();
    admin.resource(pod("shop-1", "n1")).create();
    admin.resource(pod("shop-2", "n2")).create();
    proxy = TcpProxy.to(server.getPort());
  }

  /**
   * Connects kuberoute's cluster view through the proxy, with the health bounds given (null: the
   * program's default), and builds the sync service on it.
   */
  ApiServerFixture connect(Duration grace, Duration silence, Duration probeTimeout) {
    set(GRACE, grace);
    set(SILENCE, silence);
    set(PROBE_TIMEOUT, probeTimeout);
    try {
      cluster =
          KubernetesCluster.connect(
              new KubernetesAuth.Url(URI.create(proxy.httpUrl() + "/"), true, Optional.empty()),
              new KubernetesOptions(
                  Namespaces.of("default"),
                  "kuberoute_domain",
                  Duration.ofSeconds(60),
                  Optional.empty()),
              new ApiCallListener() {
                @Override
                public void call(String verb, String resource, String outcome) {
                  apiCalls
                      .computeIfAbsent(
                          verb + " " + resource + " " + outcome, k -> new AtomicInteger())
                      .incrementAndGet();
                }

                @Override
                public void watchRestarted(String resource) {
                  watchRestarts
                      .computeIfAbsent(resource, k -> new AtomicInteger())
                      .incrementAndGet();
                }
              });
    } finally {
      System.clearProperty(GRACE);
      System.clearProperty(SILENCE);
      System.clearProperty(PROBE_TIMEOUT);
    }
    cluster.source().addChangeListener(notified::incrementAndGet);
    sync =
        SyncService.builder(cluster.source(), dns, SyncSettings.defaults())
            .statusSink(sink)
            .build();
    return this;
  }

  private static void set(String property, Duration d) {
    if (d != null) {
      System.setProperty(property, String.valueOf(d.toMillis()));
    }
  }

  KubernetesCluster cluster() {
    return cluster;
  }

  SyncService sync() {
    return sync;
  }

  int calls(String verbResourceOutcome) {
    AtomicInteger n = apiCalls.get(verbResourceOutcome);
    return n == null ? 0 : n.get();
  }

  int restarts() {
    return watchRestarts.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  /** What DNS holds: "name type targets" per record set, sorted. */
  List<String> published() {
    return dns.all().stream()
        .map(CurrentRecord::record)
        .map(r -> r.name().value() + " " + r.type() + " " + String.join(",", r.targets()))
        .sorted()
        .toList();
  }

  void deletePod(String name) {
    admin.pods().inNamespace("default").withName(name).delete();
  }

  static Node node(String name, String ip) {
    return new NodeBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewStatus()
        .addNewAddress()
        .withType("InternalIP")
        .withAddress(ip)
        .endAddress()
        .addNewAddress()
        .withType("ExternalIP")
        .withAddress(ip)
        .endAddress()
        .addNewCondition()
        .withType("Ready")
        .withStatus("True")
        .endCondition()
        .endStatus()
        .build();
  }

  static Service shop() {
    return new ServiceBuilder()
        .withNewMetadata()
        .withNamespace("default")
        .withName("shop")
        .withLabels(Map.of("kuberoute_domain", "example.com", "kuberoute_name", "shop"))
        .endMetadata()
        .withNewSpec()
        .withType("NodePort")
        .withSelector(Map.of("app", "shop"))
        .addNewPort()
        .withPort(80)
        .endPort()
        .endSpec()
        .build();
  }

  static Pod pod(String name, String node) {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace("default")
        .withName(name)
        .withLabels(Map.of("app", "shop"))
        .endMetadata()
        .withNewSpec()
        .withNodeName(node)
        .addNewContainer()
        .withName("c")
        .withImage("nginx")
        .endContainer()
        .endSpec()
        .withNewStatus()
        .withPhase("Running")
        .addNewCondition()
        .withType("Ready")
        .withStatus("True")
        .endCondition()
        .endStatus()
        .build();
  }

  @Override
  public void close() {
    if (cluster != null) {
      cluster.close();
    }
    proxy.close();
    admin.close();
    server.destroy();
  }

  /**
   * After an outage of the API server: an event sync writes what the view held, the report says the
   * server is there again, and the watches bring a new pod, which is published.
   */
  void assertConvergedAfterTheOutage(ClusterSource source) {
    SyncResult back = sync().sync(SyncTrigger.EVENT);
    assertThat(back.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(published()).containsExactly("shop.example.com A 10.0.0.1");
    StatusReport report = sync().lastReport().orElseThrow();
    assertThat(report.apiserverAvailable()).isTrue();
    assertThat(report.errors()).isEmpty();
    assertThat(report.services().get("shop.example.com").endpoints()).containsExactly("10.0.0.1");
    assertThat(reports.get(reports.size() - 1)).isEqualTo(report);

    // the watches bring changes again: a new pod is seen and published
    admin.resource(ApiServerFixture.pod("shop-3", "n2")).create();
    await().atMost(Duration.ofSeconds(10)).until(() -> source.snapshot().pods().size() == 2);
    assertThat(sync().sync(SyncTrigger.EVENT).outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(published()).containsExactly("shop.example.com A 10.0.0.1,10.0.0.2");
  }
}
