package io.kuberoute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kuberoute.testkit.k8s.MockApiServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole program against a Kubernetes API: fabric8's mock API server in CRUD mode holds nodes,
 * services and pods; {@code Main} runs in its own JVM with {@code kubeconfig_kind = kubernetes_url}
 * and {@code dns_backend = fakedns}; the test reads the printed DNS changes, then changes a pod
 * through the API and reads the resulting change.
 */
class KubernetesE2E {

  @TempDir Path dir;

  private MockApiServer server;
  private KubernetesClient client;
  private ChildJvm program;

  @BeforeEach
  void startApiServer() {
    server = MockApiServer.start();
    client = server.client();
  }

  @AfterEach
  void stopAll() throws InterruptedException {
    if (program != null) {
      program.close();
    }
    server.close();
  }

  private void node(String name, String internalIp, String externalIp) {
    client
        .nodes()
        .resource(
            new NodeBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewStatus()
                .addNewAddress()
                .withType("InternalIP")
                .withAddress(internalIp)
                .endAddress()
                .addNewAddress()
                .withType("ExternalIP")
                .withAddress(externalIp)
                .endAddress()
                .addNewCondition()
                .withType("Ready")
                .withStatus("True")
                .endCondition()
                .endStatus()
                .build())
        .create();
  }

  private void service(String name, Map<String, String> labels) {
    client
        .services()
        .inNamespace("default")
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("default")
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .withType("NodePort")
                .withSelector(Map.of("app", name))
                .addNewPort()
                .withPort(80)
                .endPort()
                .endSpec()
                .build())
        .create();
  }

  private void pod(String name, String app, String node, boolean ready) {
    client
        .pods()
        .inNamespace("default")
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("default")
                .withLabels(Map.of("app", app))
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
                .withStatus(ready ? "True" : "False")
                .endCondition()
                .endStatus()
                .build())
        .create();
  }

  private void setReady(String pod, boolean ready) {
    client
        .pods()
        .resource(
            new PodBuilder(client.pods().inNamespace("default").withName(pod).get())
                .editStatus()
                .editCondition(0)
                .withStatus(ready ? "True" : "False")
                .endCondition()
                .endStatus()
                .build())
        .updateStatus();
  }

  private int awaitPort() throws InterruptedException {
    return Integer.parseInt(program.awaitStderr(Pattern.compile("Running on port (\\d+)")));
  }

  private Path config() throws IOException {
    Path file = dir.resolve("kuberoute.ini");
    Files.writeString(
        file,
        """
        [kuberoute]
        kubeconfig_kind = kubernetes_url
        dns_backend = fakedns
        namespaces = default
        domain_label = kuberoute_domain
        name_label = kuberoute_name
        failover_label = kuberoute_failover
        quota_label = kuberoute_quota
        port = 0

        [kubernetes_url]
        url = %s

        [fakedns]
        """
            .formatted(server.url()));
    return file;
  }

  @Test
  void publishesTheClusterAndFollowsAPodChange() throws Exception {
    node("n1", "10.0.0.1", "198.51.100.1");
    node("n2", "10.0.0.2", "198.51.100.2");
    node("n3", "10.0.0.3", "198.51.100.3");
    service("shop", Map.of("kuberoute_domain", "example.com", "kuberoute_name", "shop"));
    service(
        "api",
        Map.of(
            "kuberoute_domain",
            "example.com",
            "kuberoute_name",
            "api",
            "kuberoute_quota",
            "30",
            "kuberoute_failover",
            "fo.example.org"));
    service("ignored", Map.of("team", "x"));
    pod("shop-1", "shop", "n1", true);
    pod("shop-2", "shop", "n2", true);
    pod("api-1", "api", "n3", false);

    program = ChildJvm.start(dir, "--config", config().toString());

    assertThat(program.awaitStdout(2))
        .containsExactly(
            "CREATE api.example.com CNAME 60 fo.example.org",
            "CREATE shop.example.com A 60 198.51.100.1,198.51.100.2");
    int port = awaitPort();

    setReady("shop-2", false);
    assertThat(program.awaitStdout(3))
        .element(2)
        .isEqualTo("UPDATE shop.example.com A 60 198.51.100.1");

    setReady("api-1", true);
    assertThat(program.awaitStdout(5).subList(3, 5))
        .containsExactly(
            "DELETE api.example.com CNAME 60 fo.example.org",
            "CREATE api.example.com A 60 198.51.100.3");

    HttpResponse<String> ready =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(ready.statusCode()).isEqualTo(200);

    program.terminate();
    assertThat(program.exitCode()).isZero();
    assertThat(program.stdout).hasSize(5);
  }

  @Test
  void startsAndAnswersHealthWhileTheApiServerIsDown() throws Exception {
    Path file = config();
    server.stop();

    program = ChildJvm.start(dir, "--config", file.toString());
    int port = awaitPort();
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> health =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> ready =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("I am healthy");
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(program.stdout).isEmpty();
  }
}
