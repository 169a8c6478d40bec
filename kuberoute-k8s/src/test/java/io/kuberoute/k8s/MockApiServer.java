package io.kuberoute.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
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

/**
 * fabric8's mock API server in CRUD mode on a loopback port, which can be stopped and started
 * again on the same port with the same stored objects (to break and restore watches).
 */
final class MockApiServer implements AutoCloseable {

  private final KubernetesCrudDispatcher dispatcher = new KubernetesCrudDispatcher();
  private final boolean https;
  private KubernetesMockServer server;
  private int port;
  private final List<KubernetesClient> clients = new ArrayList<>();

  private MockApiServer(boolean https) {
    this.https = https;
  }

  static MockApiServer start() {
    return start(false);
  }

  static MockApiServer start(boolean https) {
    MockApiServer s = new MockApiServer(https);
    s.server = s.newServer();
    s.server.init(InetAddress.getLoopbackAddress(), 0);
    s.port = s.server.getPort();
    return s;
  }

  private KubernetesMockServer newServer() {
    return new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, https);
  }

  int port() {
    return port;
  }

  /** The base URL, e.g. {@code http://localhost:12345/}. */
  String url() {
    return server.url("/");
  }

  /** The PEM file of the server's self-signed certificate (https only). */
  String certificatePath() {
    return server.getSelfSignedCertificate().certificatePath();
  }

  /** A client for this server (closed with it), quick to retry watches. */
  KubernetesClient client() {
    KubernetesClient c = K8sObjects.client(url());
    clients.add(c);
    return c;
  }

  /** As {@link #client()}, telling {@code listener} about every request. */
  KubernetesClient client(ApiCallListener listener) {
    KubernetesClient c = K8sObjects.client(url(), listener);
    clients.add(c);
    return c;
  }

  /** Stops serving: open watches break, requests are refused. Stored objects are kept. */
  void stop() {
    server.destroy();
  }

  /** Serves again on the same port with the same objects. */
  void restart() {
    server = newServer();
    server.init(InetAddress.getLoopbackAddress(), port);
  }

  /** Every request received so far, in order ("METHOD path"). */
  List<String> requests() throws InterruptedException {
    List<String> out = new ArrayList<>();
    RecordedRequest r;
    while ((r = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
      out.add(r.getMethod() + " " + r.getPath());
    }
    return out;
  }

  /** The next request received, waiting up to a second. */
  RecordedRequest takeRequest() throws InterruptedException {
    return server.takeRequest(1, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    clients.forEach(KubernetesClient::close);
    server.destroy();
  }
}
