package io.kuberoute.testkit.k8s;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * fabric8's mock API server in CRUD mode on a loopback port, which can be stopped and started again
 * on the same port with the same stored objects (to break and restore watches):
 *
 * <pre>
 * try (MockApiServer server = MockApiServer.start()) {
 *   KubernetesClient client = server.client();
 *   ...
 * }
 * </pre>
 */
public final class MockApiServer implements AutoCloseable {

  private final KubernetesCrudDispatcher dispatcher;
  private final boolean https;
  private KubernetesMockServer server;
  private int port;
  private final List<KubernetesClient> clients = new ArrayList<>();

  private MockApiServer(KubernetesCrudDispatcher dispatcher, boolean https) {
    this.dispatcher = dispatcher;
    this.https = https;
  }

  /** Serves plain http. */
  public static MockApiServer start() {
    return start(false);
  }

  /** Serves https (with a self-signed certificate, {@link #certificatePath()}) or plain http. */
  public static MockApiServer start(boolean https) {
    return start(new KubernetesCrudDispatcher(), https);
  }

  /** As {@link #start(boolean)}, with the CRUD dispatcher (and store) {@code dispatcher}. */
  public static MockApiServer start(KubernetesCrudDispatcher dispatcher, boolean https) {
    MockApiServer s = new MockApiServer(dispatcher, https);
    s.server = s.newServer();
    s.server.init(InetAddress.getLoopbackAddress(), 0);
    s.port = s.server.getPort();
    return s;
  }

  private KubernetesMockServer newServer() {
    return new KubernetesMockServer(
        new Context(), new MockWebServer(), new HashMap<>(), dispatcher, https);
  }

  /** The loopback port it serves on (kept by {@link #restart()}). */
  public int port() {
    return port;
  }

  /** The base URL, e.g. {@code http://localhost:12345/}. */
  public String url() {
    return server.url("/");
  }

  /** The PEM file of the server's self-signed certificate (https only). */
  public String certificatePath() {
    return server.getSelfSignedCertificate().certificatePath();
  }

  /** The CRUD dispatcher, whose store holds every object created through the API. */
  public KubernetesCrudDispatcher dispatcher() {
    return dispatcher;
  }

  /**
   * The configuration of a test client for {@code url}: built without reading ~/.kube, trusting any
   * certificate, quick to retry watches and to time out.
   */
  public static Config clientConfig(String url) {
    return new ConfigBuilder(Config.empty())
        .withAutoConfigure(false)
        .withMasterUrl(url)
        .withTrustCerts(true)
        .withWatchReconnectInterval(100)
        .withRequestRetryBackoffLimit(1)
        .withConnectionTimeout(2000)
        .withRequestTimeout(5000)
        .build();
  }

  /** A client for this server ({@link #clientConfig}), closed with it. */
  public KubernetesClient client() {
    return client(b -> {});
  }

  /** As {@link #client()}, with {@code httpClient} applied to its HTTP client's builder. */
  public KubernetesClient client(Consumer<HttpClient.Builder> httpClient) {
    KubernetesClient c =
        new KubernetesClientBuilder()
            .withConfig(clientConfig(url()))
            .withHttpClientBuilderConsumer(httpClient)
            .build();
    clients.add(c);
    return c;
  }

  /** Stops serving: open watches break, requests are refused. Stored objects are kept. */
  public void stop() {
    server.destroy();
  }

  /** Serves again on the same port with the same objects. */
  public void restart() {
    server = newServer();
    server.init(InetAddress.getLoopbackAddress(), port);
  }

  /** Every request received so far, in order ("METHOD path"). */
  public List<String> requests() throws InterruptedException {
    List<String> out = new ArrayList<>();
    RecordedRequest r;
    while ((r = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
      out.add(r.getMethod() + " " + r.getPath());
    }
    return out;
  }

  /** The next request received, waiting up to a second. */
  public RecordedRequest takeRequest() throws InterruptedException {
    return server.takeRequest(1, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    clients.forEach(KubernetesClient::close);
    server.destroy();
  }
}
