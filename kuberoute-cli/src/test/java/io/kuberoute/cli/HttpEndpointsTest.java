package io.kuberoute.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kuberoute.cli.ConfigReader.Overrides;
import io.kuberoute.core.app.SyncLoop;
import io.kuberoute.core.app.SyncResult;
import io.kuberoute.core.app.SyncTrigger;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /} against a real sync loop whose DNS reads a test holds at a gate. */
class HttpEndpointsTest {

  @TempDir Path dir;

  private final TestAdapters adapters = new TestAdapters();
  private final GatedDnsBackend dns = GatedDnsBackend.holdingReads();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final AtomicInteger syncRequests = new AtomicInteger();
  private Wiring wiring;
  private SyncLoop loop;
  private HttpEndpoints endpoints;

  @BeforeEach
  void build() throws Exception {
    adapters.backend = dns;
    ((TestClusterSource) adapters.cluster)
        .set(TestClusterSource.SHOP);
    Path file = dir.resolve("kuberoute.ini");
    Files.writeString(file, ConfigReaderTest.MINIMAL);
    KuberouteConfig config =
        new ConfigReader(adapters, new HostEnvironment(Map.of(), dir.resolve("none")))
            .read(IniFile.read(file), new Overrides(OptionalInt.of(0), true, false, false));
    wiring = Wiring.create(config, adapters, new PrintStream(new ByteArrayOutputStream()), Clock.systemUTC());
    loop = new SyncLoop(wiring.service(), Duration.ofHours(1), Optional.empty());
  }

  private void listen(Duration syncWait) throws Exception {
    Supplier<CompletableFuture<SyncResult>> counting =
        () -> {
          syncRequests.incrementAndGet();
          return loop.syncNow();
        };
    endpoints = HttpEndpoints.start(0, wiring, counting, syncWait);
  }

  @AfterEach
  void close() {
    dns.open();
    if (endpoints != null) {
      endpoints.close();
    }
    loop.close();
    wiring.close();
  }

  private CompletableFuture<HttpResponse<String>> getAsync(String path) {
    return http.sendAsync(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoints.port() + path)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Starts a sync on the loop's thread and waits until it is held at the gate. */
  private CompletableFuture<SyncResult> syncHeldAtTheGate() throws InterruptedException {
    CompletableFuture<SyncResult> first = loop.syncNow();
    assertThat(dns.readEntered.await(30, TimeUnit.SECONDS)).isTrue();
    return first;
  }

  @Test
  void requestsThatArriveDuringASyncShareTheNextOneAndHealthAnswersMeanwhile() throws Exception {
    listen(Duration.ofSeconds(30));
    CompletableFuture<SyncResult> first = syncHeldAtTheGate();

    List<CompletableFuture<HttpResponse<String>>> requests = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      requests.add(getAsync("/"));
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> syncRequests.get() == 5);
    HttpResponse<String> health = getAsync("/health").get(30, TimeUnit.SECONDS);
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("I am healthy");
    assertThat(requests).noneMatch(CompletableFuture::isDone);

    dns.open();
    for (CompletableFuture<HttpResponse<String>> request : requests) {
      HttpResponse<String> response = request.get(30, TimeUnit.SECONDS);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("Updated record sets.");
    }
    assertThat(first.get().trigger()).isEqualTo(SyncTrigger.FULL);
    assertThat(dns.reads.get()).as("the held sync plus one sync shared by the five requests").isEqualTo(2);
  }

  @Test
  void aSyncThatTakesLongerThanTheWaitIs503AndGoesOn() throws Exception {
    listen(Duration.ofSeconds(1));
    CompletableFuture<SyncResult> first = syncHeldAtTheGate();

    HttpResponse<String> response = getAsync("/").get(30, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).isEqualTo("The sync is still running after 1 s; it goes on in the background.");
    assertThat(first).isNotDone();

    dns.open();
    assertThat(first.get(30, TimeUnit.SECONDS).succeeded()).isTrue();
    await().atMost(Duration.ofSeconds(30)).until(() -> dns.reads.get() == 2);
  }

  @Test
  void aSyncRequestWhileShuttingDownIs503() throws Exception {
    listen(Duration.ofSeconds(30));
    dns.open();
    loop.close();

    HttpResponse<String> response = getAsync("/").get(30, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).isEqualTo("Shutting down.");
  }
}
