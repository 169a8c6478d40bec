package io.kuberoute.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kuberoute.core.model.ClusterSnapshot;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import io.kuberoute.testkit.fixtures.InMemoryDnsBackend;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the real command in-process in continuous mode on a free port ({@code --port 0}) and talks
 * HTTP to it.
 */
class KuberouteServerTest {

  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
  private static final ClusterSnapshot SHOP = TestClusterSource.SHOP;

  @TempDir Path dir;

  private final TestAdapters adapters = new TestAdapters();
  private final TestClusterSource source = (TestClusterSource) adapters.cluster;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private CommandRunner cli;
  private CompletableFuture<Integer> exit;
  private int port;

  @AfterEach
  void stop() throws Exception {
    if (cli != null) {
      cli.command.requestStop();
      exit.get(40, TimeUnit.SECONDS);
    }
  }

  private void start(String config, String... extraArgs) throws Exception {
    Path file = dir.resolve("kuberoute.ini");
    Files.writeString(file, config);
    cli = new CommandRunner(adapters, dir, Clock.fixed(NOW, ZoneOffset.UTC));
    List<String> args = new ArrayList<>(List.of("--config", file.toString(), "--port", "0"));
    args.addAll(List.of(extraArgs));
    exit = CompletableFuture.supplyAsync(() -> cli.run(args.toArray(String[]::new)));
    port = cli.command.listening().get(30, TimeUnit.SECONDS);
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send("GET", path);
  }

  private HttpResponse<String> send(String method, String path)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(30))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String contentType(HttpResponse<?> response) {
    return response.headers().firstValue("Content-Type").orElse("");
  }

  private String metric(String series) throws IOException, InterruptedException {
    return get("/metrics")
        .body()
        .lines()
        .filter(l -> l.startsWith(series + " "))
        .findFirst()
        .orElse("absent");
  }

  @Test
  void everyEndpointAnswersWithItsStatusBodyAndContentType() throws Exception {
    InMemoryDnsBackend dns = new InMemoryDnsBackend("kuberoute");
    adapters.backend = dns;
    source.set(SHOP);
    start(ConfigReaderTest.MINIMAL);
    await().atMost(Duration.ofSeconds(30)).until(() -> get("/readyz").statusCode() == 200);

    HttpResponse<String> health = get("/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("I am healthy");
    assertThat(contentType(health)).isEqualTo("text/plain; charset=utf-8");

    HttpResponse<String> healthz = get("/healthz");
    assertThat(healthz.statusCode()).isEqualTo(200);
    assertThat(healthz.body()).isEqualTo("ok");

    HttpResponse<String> ready = get("/readyz");
    assertThat(ready.body()).isEqualTo("ready");
    assertThat(contentType(ready)).isEqualTo("text/plain; charset=utf-8");

    HttpResponse<String> sync = get("/");
    assertThat(sync.statusCode()).isEqualTo(200);
    assertThat(sync.body()).isEqualTo("Updated record sets.");
    assertThat(contentType(sync)).isEqualTo("text/plain; charset=utf-8");
    assertThat(dns.all())
        .extracting(r -> r.record())
        .containsExactly(
            new RecordSet(DnsName.of("shop.example.com"), RecordType.A, 60, List.of("10.0.0.1")));

    HttpResponse<String> status = get("/status");
    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(contentType(status)).isEqualTo("application/json");
    assertThat(status.body())
        .isEqualTo(
            """
            {
                "apiserver_available": true,
                "deletions_held": [],
                "errors": [],
                "last_sync": "2026-01-02T03:04:05Z",
                "nodes": {
                    "n1": {
                        "ready": true,
                        "schedulable": true
                    }
                },
                "services": {
                    "shop.example.com": {
                        "current_quota": 100,
                        "deletion_held": false,
                        "endpoints": [
                            "10.0.0.1"
                        ],
                        "failover_active": false,
                        "healthy": true,
                        "published": [
                            {
                                "targets": [
                                    "10.0.0.1"
                                ],
                                "ttl": 60,
                                "type": "A"
                            }
                        ],
                        "quota": 0,
                        "service": "default/shop"
                    }
                }
            }""");

    HttpResponse<String> metrics = get("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(contentType(metrics)).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
    assertThat(metrics.body().lines())
        .contains(
            "kuberoute_syncs_total{outcome=\"success\",trigger=\"full\"} 2.0",
            "kuberoute_syncs_total{outcome=\"failed\",trigger=\"full\"} 0.0",
            "kuberoute_sync_duration_seconds_count{trigger=\"full\"} 2",
            "kuberoute_changes_total{action=\"create\"} 1.0",
            "kuberoute_changes_total{action=\"update\"} 0.0",
            "kuberoute_changes_total{action=\"delete\"} 0.0",
            "kuberoute_sync_errors_total{cause=\"dns_apply\"} 0.0",
            "kuberoute_records_managed 1.0",
            "kuberoute_services_failover 0.0",
            "kuberoute_last_successful_sync_timestamp_seconds 1.767323045E9",
            "kuberoute_cluster_synced 1.0",
            "kuberoute_leader 1.0");

    HttpResponse<String> unknown = get("/nope");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body())
        .isEqualTo("Not found. Paths: /, /health, /healthz, /readyz, /metrics, /status");
    assertThat(get("/health/").statusCode()).isEqualTo(404);

    HttpResponse<String> post = send("POST", "/health");
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).contains("GET");
    assertThat(post.body()).isEqualTo("Method not allowed: use GET");
    assertThat(send("DELETE", "/").statusCode()).isEqualTo(405);
    assertThat(send("PUT", "/status").statusCode()).isEqualTo(405);
    assertThat(metric("kuberoute_syncs_total{outcome=\"success\",trigger=\"full\"}"))
        .as("a refused POST / does not sync")
        .endsWith(" 2.0");

    cli.command.requestStop();
    assertThat(exit.get(40, TimeUnit.SECONDS)).isEqualTo(0);
    cli = null;
    assertThat(source.closed()).isTrue();
    assertThatThrownBy(() -> get("/health")).isInstanceOf(ConnectException.class);
  }

  @Test
  void aFailedSyncIs500WithTheReasonAndNotReady() throws Exception {
    InMemoryDnsBackend dns = new InMemoryDnsBackend("kuberoute");
    dns.setUnreachable(true);
    adapters.backend = dns;
    source.set(SHOP);
    start(ConfigReaderTest.MINIMAL);

    HttpResponse<String> sync = get("/");
    assertThat(sync.statusCode()).isEqualTo(500);
    assertThat(sync.body())
        .isEqualTo("Sync failed: reading DNS failed: in-memory DNS is unreachable");
    HttpResponse<String> ready = get("/readyz");
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(ready.body())
        .isEqualTo(
            "not ready: no sync has succeeded yet; the last one failed: reading DNS failed: in-memory DNS is unreachable");
    assertThat(metric("kuberoute_sync_errors_total{cause=\"dns_read\"}"))
        .isNotEqualTo("absent")
        .doesNotEndWith(" 0.0");
    assertThat(metric("kuberoute_last_successful_sync_timestamp_seconds")).endsWith(" 0.0");

    dns.setUnreachable(false);
    assertThat(get("/").statusCode()).isEqualTo(200);
    assertThat(get("/readyz").statusCode()).isEqualTo(200);
  }

  @Test
  void whileTheClusterViewIsStartingEveryEndpointSaysSoAndNoSyncFails() throws Exception {
    InMemoryDnsBackend dns = new InMemoryDnsBackend("kuberoute");
    adapters.backend = dns;
    source.set(TestClusterSource.SHOP);
    source.setSynced(false);
    source.setHealth(
        io.kuberoute.core.port.ClusterHealth.starting(
            "waiting for the first list of nodes", java.time.Instant.EPOCH));
    start(ConfigReaderTest.MINIMAL);

    HttpResponse<String> sync = get("/");
    assertThat(sync.statusCode()).isEqualTo(503);
    assertThat(sync.body())
        .isEqualTo("Starting: waiting for the first list of nodes. Nothing was written.");
    HttpResponse<String> ready = get("/readyz");
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(ready.body()).isEqualTo("not ready: starting: waiting for the first list of nodes");
    HttpResponse<String> status = get("/status");
    assertThat(status.statusCode()).isEqualTo(503);
    assertThat(status.body()).isEqualTo("Starting: waiting for the first list of nodes.");
    assertThat(metric("kuberoute_cluster_synced")).isEqualTo("kuberoute_cluster_synced 0.0");
    assertThat(metric("kuberoute_cluster_available")).isEqualTo("kuberoute_cluster_available 0.0");
    assertThat(metric("kuberoute_syncs_total{outcome=\"failed\",trigger=\"full\"}"))
        .isEqualTo("kuberoute_syncs_total{outcome=\"failed\",trigger=\"full\"} 0.0");
    assertThat(dns.appliedChangeSets()).isEmpty();

    source.setSynced(true);
    source.setHealth(io.kuberoute.core.port.ClusterHealth.available(java.time.Instant.EPOCH));
    assertThat(get("/").body()).isEqualTo(HttpEndpoints.UPDATED);
    assertThat(get("/readyz").statusCode()).isEqualTo(200);
    assertThat(metric("kuberoute_cluster_available")).isEqualTo("kuberoute_cluster_available 1.0");
    assertThat(dns.all())
        .extracting(r -> r.record().name().value())
        .containsExactly("shop.example.com");
  }

  @Test
  void whileTheClusterViewIsUnavailableEveryEndpointSaysWhyAndNothingIsWritten() throws Exception {
    InMemoryDnsBackend dns = new InMemoryDnsBackend("kuberoute");
    adapters.backend = dns;
    source.set(TestClusterSource.SHOP);
    start(ConfigReaderTest.MINIMAL);
    assertThat(get("/").body()).isEqualTo(HttpEndpoints.UPDATED);
    int written = dns.appliedChangeSets().size();
    String reason = "the watch of nodes has been closed for more than 5 s: Connection refused";

    source.setSynced(false);
    source.setHealth(
        io.kuberoute.core.port.ClusterHealth.unavailable(
            reason, java.time.Instant.parse("2026-12-01T10:00:00Z")));
    source.set(ClusterSnapshot.empty());

    HttpResponse<String> sync = get("/");
    assertThat(sync.statusCode()).isEqualTo(500);
    assertThat(sync.body()).isEqualTo("Sync failed: " + reason);
    HttpResponse<String> ready = get("/readyz");
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(ready.body())
        .isEqualTo(
            "not ready: the cluster view is unavailable since 2026-12-01T10:00:00Z: " + reason);
    String status = get("/status").body();
    assertThat(status)
        .contains("\"apiserver_available\": false")
        .contains("\"errors\": [\n        \"" + reason + "\"\n    ]")
        .contains("shop.example.com");
    assertThat(metric("kuberoute_cluster_available")).isEqualTo("kuberoute_cluster_available 0.0");
    assertThat(dns.appliedChangeSets()).hasSize(written);
  }

  @Test
  void aClusterChangeSyncsWithoutWaitingForTheInterval() throws Exception {
    InMemoryDnsBackend dns = new InMemoryDnsBackend("kuberoute");
    adapters.backend = dns;
    start(ConfigReaderTest.MINIMAL);
    await().atMost(Duration.ofSeconds(30)).until(() -> get("/readyz").statusCode() == 200);
    assertThat(dns.all()).isEmpty();
    assertThat(source.listeners()).isEqualTo(1);

    source.set(SHOP);

    await().atMost(Duration.ofSeconds(30)).until(() -> dns.all().size() == 1);
    assertThat(metric("kuberoute_syncs_total{outcome=\"success\",trigger=\"event\"}"))
        .endsWith(" 1.0");
  }

  @Test
  void withEventSyncOffAClusterChangeWaitsForTheNextInterval() throws Exception {
    InMemoryDnsBackend dns = new InMemoryDnsBackend("kuberoute");
    adapters.backend = dns;
    start(
        ConfigReaderTest.MINIMAL.replace(
            "port = 8081", "port = 8081\ninterval = 3\nevent_sync = false"));
    await().atMost(Duration.ofSeconds(30)).until(() -> get("/readyz").statusCode() == 200);
    assertThat(source.listeners()).isZero();

    source.set(SHOP);
    Thread.sleep(1000);
    assertThat(dns.all()).as("no event sync").isEmpty();

    await().atMost(Duration.ofSeconds(30)).until(() -> dns.all().size() == 1);
    assertThat(metric("kuberoute_syncs_total{outcome=\"success\",trigger=\"event\"}"))
        .endsWith(" 0.0");
  }

  @Test
  void theHeartbeatSyncsOnItsOwnInterval() throws Exception {
    InMemoryDnsBackend dns = new InMemoryDnsBackend("kuberoute");
    adapters.backend = dns;
    source.set(SHOP);
    start(ConfigReaderTest.MINIMAL + "[heartbeat]\nname_template = hb\ninterval = 1\n");

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                !metric("kuberoute_syncs_total{outcome=\"success\",trigger=\"heartbeat\"}")
                    .endsWith(" 0.0"));
    assertThat(dns.all())
        .extracting(r -> r.record())
        .contains(
            new RecordSet(
                DnsName.of("hb.example.com"),
                RecordType.CNAME,
                60,
                List.of("2026-1-2-3-4.kuberoute.timestamp")));
  }

  @Test
  void shutdownFinishesTheWriteInFlightThenExits0() throws Exception {
    GatedDnsBackend dns = GatedDnsBackend.holdingApplies();
    adapters.backend = dns;
    source.set(SHOP);
    start(ConfigReaderTest.MINIMAL);
    assertThat(dns.applyEntered.await(30, TimeUnit.SECONDS))
        .as("the first write is in flight")
        .isTrue();

    cli.command.requestStop();
    Thread.sleep(300);
    assertThat(exit).as("still finishing the write").isNotDone();
    assertThat(dns.store.all()).isEmpty();

    dns.open();
    assertThat(exit.get(40, TimeUnit.SECONDS)).isEqualTo(0);
    cli = null;
    assertThat(dns.store.all())
        .extracting(r -> r.record())
        .containsExactly(
            new RecordSet(DnsName.of("shop.example.com"), RecordType.A, 60, List.of("10.0.0.1")));
    assertThat(dns.applies.get()).isEqualTo(1);
    assertThat(source.closed()).isTrue();
  }

  @Test
  void aPortInUseIsExitCode1() throws Exception {
    adapters.backend = new InMemoryDnsBackend("kuberoute");
    try (ServerSocket taken = new ServerSocket(0)) {
      Path file = dir.resolve("kuberoute.ini");
      Files.writeString(file, ConfigReaderTest.MINIMAL);
      CommandRunner runner = new CommandRunner(adapters, dir);
      int code =
          runner.run("--config", file.toString(), "--port", String.valueOf(taken.getLocalPort()));
      assertThat(code).isEqualTo(1);
      assertThat(runner.err())
          .contains(
              "ERROR KuberouteCommand - cannot listen on port " + taken.getLocalPort() + ": ");
      assertThat(source.closed()).isTrue();
    }
  }
}
