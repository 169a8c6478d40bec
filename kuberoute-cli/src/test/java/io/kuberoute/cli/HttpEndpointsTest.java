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
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final AtomicInteger syncRequests = new AtomicInteger();
  private final java.util.concurrent.atomic.AtomicLong clock =
      new java.util.concurrent.atomic.AtomicLong();
  private Wiring wiring;
  private SyncLoop loop;
  private HttpEndpoints endpoints;

  @BeforeEach
  void build() throws Exception {
    adapters.backend = dns;
    ((TestClusterSource) adapters.cluster).set(TestClusterSource.SHOP);
    Path file = dir.resolve("kuberoute.ini");
    Files.writeString(file, ConfigReaderTest.MINIMAL);
    KuberouteConfig config =
        new ConfigReader(adapters, new HostEnvironment(Map.of(), dir.resolve("none")))
            .read(IniFile.read(file), new Overrides(OptionalInt.of(0), true, false, false));
    wiring =
        Wiring.create(
            config, adapters, new PrintStream(new ByteArrayOutputStream()), Clock.systemUTC());
    loop = new SyncLoop(wiring.service(), Duration.ofHours(1), Optional.empty());
  }

  private void listen(Duration syncWait) throws Exception {
    Supplier<CompletableFuture<SyncResult>> counting =
        () -> {
          syncRequests.incrementAndGet();
          return loop.syncNow();
        };
    endpoints =
        HttpEndpoints.start(
            0, wiring, new OnDemandSync(counting, 3, Duration.ofSeconds(10), clock::get), syncWait);
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
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoints.port() + path))
            .timeout(Duration.ofSeconds(30))
            .build(),
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
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> endpoints.connectionStates().stream().filter("ANSWERING"::equals).count() == 5);
    assertThat(syncRequests).as("one sync asked for, four requests share it").hasValue(1);
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
    // the held (first, full) sync and one (full) sync shared by the five requests; the warm-up of
    // the event path after the held sync is answered by the read cache (CachingDnsBackend)
    assertThat(dns.reads.get())
        .as("the held sync, one sync shared by the five requests")
        .isEqualTo(2);
  }

  @Test
  void aSyncThatTakesLongerThanTheWaitIs503AndGoesOn() throws Exception {
    listen(Duration.ofSeconds(1));
    CompletableFuture<SyncResult> first = syncHeldAtTheGate();

    HttpResponse<String> response = getAsync("/").get(30, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body())
        .isEqualTo("The sync is still running after 1 s; it goes on in the background.");
    assertThat(first).isNotDone();

    dns.open();
    assertThat(first.get(30, TimeUnit.SECONDS).succeeded()).isTrue();
    // the held sync and the request's (full) sync; the warm-up of the event path after the first
    // full sync is answered by the read cache (CachingDnsBackend)
    await().atMost(Duration.ofSeconds(30)).until(() -> dns.reads.get() >= 2);
    assertThat(dns.reads.get()).isEqualTo(2);
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

  @Test
  void aFourthSyncRequestInARowIs429WithRetryAfterAndSyncsNothing() throws Exception {
    listen(Duration.ofSeconds(30));
    dns.open();
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> ok = getAsync("/").get(30, TimeUnit.SECONDS);
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.body()).isEqualTo("Updated record sets.");
    }
    int reads = dns.reads.get();

    HttpResponse<String> refused = getAsync("/").get(30, TimeUnit.SECONDS);

    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After")).contains("10");
    assertThat(refused.body())
        .isEqualTo(
            "Too many sync requests: try again in 10 s (GET / starts 3 syncs in a row at most, then one per 10 s"
                + " without one). kuberoute syncs by itself every interval and after each change in the cluster.");
    assertThat(dns.reads.get()).as("no sync for a refused request").isEqualTo(reads);
    assertThat(getAsync("/healthz").get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);

    clock.addAndGet(Duration.ofSeconds(7).toNanos());
    assertThat(getAsync("/").get(30, TimeUnit.SECONDS).headers().firstValue("Retry-After"))
        .contains("3");
    clock.addAndGet(Duration.ofSeconds(3).toNanos());
    assertThat(getAsync("/").get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    assertThat(syncRequests).hasValue(4);
  }

  @Test
  void manyCallersAtOnceGetOneSyncNotMany() throws Exception {
    listen(Duration.ofSeconds(30));
    CompletableFuture<SyncResult> held = syncHeldAtTheGate();

    List<CompletableFuture<HttpResponse<String>>> requests = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      requests.add(getAsync("/"));
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> endpoints.connectionStates().stream().filter("ANSWERING"::equals).count() == 50);
    dns.open();

    for (CompletableFuture<HttpResponse<String>> request : requests) {
      assertThat(request.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
    assertThat(held.get(30, TimeUnit.SECONDS).succeeded()).isTrue();
    assertThat(syncRequests).hasValue(1);
    // the warm-up of the event path after the held sync is answered by the read cache
    assertThat(dns.reads.get()).as("the held sync and the one the fifty shared").isEqualTo(2);
  }
}
