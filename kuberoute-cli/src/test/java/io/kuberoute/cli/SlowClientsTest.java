package io.kuberoute.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kuberoute.cli.ConfigReader.Overrides;
import io.kuberoute.core.app.SyncLoop;
import io.kuberoute.testkit.fixtures.InMemoryDnsBackend;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, part 3: sockets that send half a request must not keep the kubelet's probes from being
 * answered. The real endpoints (real wiring, in-memory DNS), 100 such sockets held open, and probes
 * as the kubelet sends them: a new connection each, {@code Connection: close}.
 */
class SlowClientsTest {

  private static final int SLOW_CLIENTS = 100;

  /**
   * Probes per endpoint: with 300 in all, the p99 is not just the one slowest (a GC pause, a busy
   * machine).
   */
  private static final int ROUNDS = 100;

  /** The bound asked for; each probe is a connection, a request and a whole answer on loopback. */
  private static final Duration P99_BOUND = Duration.ofMillis(100);

  @TempDir Path dir;

  private final TestAdapters adapters = new TestAdapters();
  private final List<RawHttpClient> slow = new ArrayList<>();
  private Wiring wiring;
  private SyncLoop loop;
  private HttpEndpoints endpoints;

  @BeforeEach
  void start() throws Exception {
    adapters.backend = new InMemoryDnsBackend("kuberoute");
    ((TestClusterSource) adapters.cluster).set(TestClusterSource.SHOP);
    Path file = Files.writeString(dir.resolve("kuberoute.ini"), ConfigReaderTest.MINIMAL);
    KuberouteConfig config =
        new ConfigReader(adapters, new HostEnvironment(Map.of(), dir.resolve("none")))
            .read(IniFile.read(file), new Overrides(OptionalInt.of(0), true, false, false));
    wiring =
        Wiring.create(
            config, adapters, new PrintStream(new ByteArrayOutputStream()), Clock.systemUTC());
    loop = new SyncLoop(wiring.service(), Duration.ofHours(1), Optional.empty());
    assertThat(loop.syncNow().get(30, TimeUnit.SECONDS).succeeded()).isTrue();
  }

  private void listen(HttpServerLimits limits) throws Exception {
    endpoints =
        HttpEndpoints.start(
            0,
            limits,
            wiring,
            new OnDemandSync(loop::syncNow, 3, Duration.ofSeconds(10), System::nanoTime),
            Duration.ofSeconds(30));
  }

  @AfterEach
  void stop() throws Exception {
    for (RawHttpClient c : slow) {
      c.close();
    }
    if (endpoints != null) {
      endpoints.close();
    }
    loop.close();
    wiring.close();
  }

  /** One probe: connect, send, read the whole answer; its status and how long it all took. */
  private long probe(String path) throws Exception {
    long start = System.nanoTime();
    try (RawHttpClient c = new RawHttpClient(endpoints.port(), Duration.ofSeconds(10))) {
      RawHttpClient.Answer answer = c.send(RawHttpClient.probe(path)).read();
      long took = System.nanoTime() - start;
      assertThat(answer.status()).as(path).isEqualTo(200);
      return took;
    }
  }

  @Test
  void probesAreAnsweredWithin100MsWhile100ClientsHoldHalfARequest() throws Exception {
    listen(HttpServerLimits.DEFAULT);
    List<String> paths = List.of("/healthz", "/readyz", "/metrics");
    for (int i = 0; i < 5; i++) {
      for (String path : paths) {
        probe(path); // warm-up: class loading and the JIT, before the clients arrive
      }
    }
    for (int i = 0; i < SLOW_CLIENTS; i++) {
      slow.add(
          new RawHttpClient(endpoints.port(), Duration.ofSeconds(10))
              .send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                endpoints.connectionStates().stream().filter("READING"::equals).count()
                    == SLOW_CLIENTS);

    Map<String, List<Long>> times = new TreeMap<>();
    for (int round = 0; round < ROUNDS; round++) {
      for (String path : paths) {
        times.computeIfAbsent(path, p -> new ArrayList<>()).add(probe(path));
      }
    }

    assertThat(endpoints.connectionStates().stream().filter("READING"::equals).count())
        .as("the slow clients were held all along")
        .isEqualTo(SLOW_CLIENTS);
    List<Long> all = new ArrayList<>();
    times.values().forEach(all::addAll);
    StringBuilder report =
        new StringBuilder("probe latency with " + SLOW_CLIENTS + " half-request sockets held:");
    times.forEach(
        (path, t) -> report.append(' ').append(path).append(' ').append(summary(t)).append(';'));
    report.append(" all ").append(summary(all));
    System.out.println(report);
    assertThat(Duration.ofNanos(percentile(all, 99))).as(report.toString()).isLessThan(P99_BOUND);
  }

  @Test
  void theHalfRequestsAreClosedAfterTheHeadTimeoutAndNeverHoldAWorker() throws Exception {
    Duration headTimeout = Duration.ofSeconds(1);
    listen(
        new HttpServerLimits(
            headTimeout,
            Duration.ofSeconds(30),
            Duration.ofSeconds(30),
            Duration.ofSeconds(30),
            512,
            8192,
            2,
            64));
    for (int i = 0; i < SLOW_CLIENTS; i++) {
      slow.add(
          new RawHttpClient(endpoints.port(), Duration.ofSeconds(30))
              .send("GET /readyz HTTP/1.1\r\n"));
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                endpoints.connectionStates().stream().filter("READING"::equals).count()
                    == SLOW_CLIENTS);
    assertThat(endpoints.connectionStates()).doesNotContain("ANSWERING");

    long start = System.nanoTime();
    for (RawHttpClient c : slow) {
      assertThat(c.closedByServer()).isTrue();
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(took).as("a head timeout of 1 s").isLessThan(Duration.ofSeconds(10));
    assertThat(probe("/healthz")).isPositive();
  }

  private static String summary(List<Long> nanos) {
    return "p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d probes)"
        .formatted(
            percentile(nanos, 50) / 1e6,
            percentile(nanos, 99) / 1e6,
            percentile(nanos, 100) / 1e6,
            nanos.size());
  }

  private static long percentile(List<Long> values, int p) {
    List<Long> sorted = values.stream().sorted().toList();
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }
}
