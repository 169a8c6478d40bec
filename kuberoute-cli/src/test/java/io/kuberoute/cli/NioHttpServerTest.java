package io.kuberoute.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP/1.1 server on its own, spoken to byte by byte. */
class NioHttpServerTest {

  private static final Duration READ = Duration.ofSeconds(10);

  private final List<AutoCloseable> open = new ArrayList<>();
  private NioHttpServer server;
  private final CountDownLatch release = new CountDownLatch(1);

  /**
   * Echoes the path; {@code /hold} waits for {@link #release}; {@code /fail} throws; {@code /big}
   * is 16 MB.
   */
  private CompletableFuture<HttpReply> echo(HttpRequestHead request) {
    switch (request.path()) {
      case "/hold" -> {
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      case "/fail" -> throw new IllegalStateException("boom");
      case "/linkage" -> throw new NoClassDefFoundError("io/kuberoute/Missing");
      case "/never" -> {
        return new CompletableFuture<>();
      }
      case "/big" -> {
        return CompletableFuture.completedFuture(
            new HttpReply(200, HttpReply.TEXT, java.util.Map.of(), new byte[16 << 20], false));
      }
      default -> {}
    }
    return CompletableFuture.completedFuture(
        HttpReply.text(200, request.method() + " " + request.path()));
  }

  private void start(HttpServerLimits limits) throws IOException {
    server = NioHttpServer.start(0, limits, this::echo);
  }

  private static HttpServerLimits limits(
      Duration head, Duration idle, Duration write, int connections, int workers, int queue) {
    return new HttpServerLimits(
        head, idle, Duration.ofSeconds(30), write, connections, 1024, workers, queue);
  }

  private static HttpServerLimits answerWithin(Duration answer) {
    return new HttpServerLimits(
        Duration.ofSeconds(10),
        Duration.ofSeconds(10),
        answer,
        Duration.ofSeconds(10),
        16,
        1024,
        1,
        4);
  }

  private RawHttpClient client() throws IOException {
    RawHttpClient c = new RawHttpClient(server.port(), READ);
    open.add(c);
    return c;
  }

  private RawHttpClient client(Duration readTimeout) throws IOException {
    RawHttpClient c = new RawHttpClient(server.port(), readTimeout);
    open.add(c);
    return c;
  }

  @AfterEach
  void stop() throws Exception {
    release.countDown();
    for (AutoCloseable c : open) {
      c.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aKeptAliveConnectionCarriesRequestsOneAfterAnother() throws Exception {
    start(HttpServerLimits.DEFAULT);
    RawHttpClient c = client();

    RawHttpClient.Answer first = c.send("GET /a HTTP/1.1\r\nHost: x\r\n\r\n").read();
    RawHttpClient.Answer second = c.send("GET /b?x=1 HTTP/1.1\r\nHost: x\r\n\r\n").read();

    assertThat(first.status()).isEqualTo(200);
    assertThat(first.body()).isEqualTo("GET /a");
    assertThat(first.headers())
        .containsEntry("content-type", "text/plain; charset=utf-8")
        .doesNotContainKey("connection");
    assertThat(second.body()).isEqualTo("GET /b");
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrder() throws Exception {
    start(HttpServerLimits.DEFAULT);
    RawHttpClient c = client();

    c.send(
        "GET /1 HTTP/1.1\r\n\r\nGET /2 HTTP/1.1\r\n\r\nGET /3 HTTP/1.1\r\nConnection: close\r\n\r\n");

    assertThat(c.read().body()).isEqualTo("GET /1");
    assertThat(c.read().body()).isEqualTo("GET /2");
    RawHttpClient.Answer last = c.read();
    assertThat(last.body()).isEqualTo("GET /3");
    assertThat(last.headers()).containsEntry("connection", "close");
    assertThat(c.closedByServer()).isTrue();
  }

  @Test
  void anHttp10RequestAndConnectionCloseEndTheConnection() throws Exception {
    start(HttpServerLimits.DEFAULT);
    RawHttpClient old = client();
    assertThat(old.send("GET /x HTTP/1.0\r\n\r\n").read().headers())
        .containsEntry("connection", "close");
    assertThat(old.closedByServer()).isTrue();

    RawHttpClient probe = client();
    assertThat(probe.send(RawHttpClient.probe("/healthz")).read().body()).isEqualTo("GET /healthz");
    assertThat(probe.closedByServer()).isTrue();
  }

  @Test
  void theTargetMayBeAbsoluteAndPercentEncoded() throws Exception {
    start(HttpServerLimits.DEFAULT);
    assertThat(client().send("GET http://h:1/%68ealth%7A?q HTTP/1.1\r\n\r\n").read().body())
        .isEqualTo("GET /healthz");
  }

  @Test
  void whatIsNotAnHttp11RequestIsRefusedAndClosed() throws Exception {
    start(HttpServerLimits.DEFAULT);
    for (String garbage :
        List.of(
            "hello\r\n\r\n",
            "GET /\r\n\r\n",
            "GET / HTTP/1.1\r\nno colon\r\n\r\n",
            "GET / HTTP/1.1\r\n folded: x\r\n\r\n",
            "GET %zz HTTP/1.1\r\n\r\n",
            "GET /%z HTTP/1.1\r\n\r\n",
            "GET / HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
            "GET / HTTP/1.1\r\nContent-Length: 1, 2\r\n\r\n")) {
      RawHttpClient c = client();
      RawHttpClient.Answer answer = c.send(garbage).read();
      assertThat(answer.status()).as(garbage).isEqualTo(400);
      assertThat(answer.body()).startsWith("Bad request: ");
      assertThat(c.closedByServer()).as(garbage).isTrue();
    }
    RawHttpClient h2 = client();
    assertThat(h2.send("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n").read().status()).isEqualTo(505);
    assertThat(h2.closedByServer()).isTrue();
  }

  @Test
  void aHeadLargerThanTheLimitIs431() throws Exception {
    start(limits(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(10), 16, 1, 4));
    RawHttpClient c = client();

    RawHttpClient.Answer answer =
        c.send("GET / HTTP/1.1\r\nX-Big: " + "a".repeat(2000) + "\r\n\r\n").read();

    assertThat(answer.status()).isEqualTo(431);
    assertThat(c.closedByServer()).isTrue();
  }

  @Test
  void aRequestWithABodyIsAnsweredThenTheConnectionCloses() throws Exception {
    start(HttpServerLimits.DEFAULT);
    RawHttpClient c = client();

    RawHttpClient.Answer answer =
        c.send("POST /x HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello").read();

    assertThat(answer.body()).isEqualTo("POST /x");
    assertThat(answer.headers()).containsEntry("connection", "close");
    assertThat(c.closedByServer()).isTrue();
  }

  @Test
  void aHandlerThatThrowsIs500() throws Exception {
    start(HttpServerLimits.DEFAULT);
    RawHttpClient.Answer answer = client().send(RawHttpClient.probe("/fail")).read();
    assertThat(answer.status()).isEqualTo(500);
    assertThat(answer.body()).isEqualTo("Internal error");
  }

  @Test
  void aClassThatCannotBeLoadedIs500AndTheServerGoesOn() throws Exception {
    start(HttpServerLimits.DEFAULT);
    assertThat(client().send(RawHttpClient.probe("/linkage")).read().status()).isEqualTo(500);
    assertThat(client().send(RawHttpClient.probe("/healthz")).read().status()).isEqualTo(200);
  }

  @Test
  void anAnswerNeverComputedIsGivenUpWithItsConnection() throws Exception {
    start(answerWithin(Duration.ofMillis(300)));
    RawHttpClient waiting = client().send(RawHttpClient.probe("/never"));

    assertThat(waiting.closedByServer()).isTrue();
    await().atMost(READ).until(() -> server.connectionStates().isEmpty());
  }

  @Test
  void requestsBeyondTheWorkersAndTheirQueueAre503() throws Exception {
    start(limits(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(10), 16, 1, 1));
    RawHttpClient held = client().send(RawHttpClient.probe("/hold"));
    await().atMost(READ).until(() -> server.connectionStates().equals(List.of("ANSWERING")));
    RawHttpClient queued = client().send(RawHttpClient.probe("/queued"));
    await()
        .atMost(READ)
        .until(() -> server.connectionStates().stream().filter("ANSWERING"::equals).count() == 2);

    RawHttpClient.Answer refused = client().send(RawHttpClient.probe("/more")).read();
    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.body()).isEqualTo("Busy: too many requests at once; try again.");

    release.countDown();
    assertThat(held.read().body()).isEqualTo("GET /hold");
    assertThat(queued.read().body()).isEqualTo("GET /queued");
  }

  @Test
  void aRequestHeadNotCompleteWithinTheTimeoutIsClosedEvenWhenItTrickles() throws Exception {
    start(limits(Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofSeconds(10), 16, 1, 4));
    RawHttpClient silent = client(Duration.ofSeconds(10));
    RawHttpClient half = client(Duration.ofSeconds(10)).send("GET / HTTP/1.1\r\nHost: x\r\n");
    RawHttpClient trickling = client(Duration.ofSeconds(10));
    ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    open.add(clock::shutdownNow);
    clock.scheduleAtFixedRate(
        () -> {
          try {
            trickling.send("X");
          } catch (IOException e) {
            // closed by the server: what is expected
          }
        },
        0,
        100,
        TimeUnit.MILLISECONDS);
    long start = System.nanoTime();

    assertThat(silent.closedByServer()).isTrue();
    assertThat(half.closedByServer()).isTrue();
    assertThat(trickling.closedByServer()).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void anIdleKeptAliveConnectionIsClosedAfterTheIdleTimeout() throws Exception {
    start(limits(Duration.ofSeconds(10), Duration.ofMillis(300), Duration.ofSeconds(10), 16, 1, 4));
    RawHttpClient c = client(Duration.ofSeconds(10));

    assertThat(c.send("GET /a HTTP/1.1\r\n\r\n").read().status()).isEqualTo(200);

    assertThat(c.closedByServer()).isTrue();
  }

  @Test
  void aClientThatDoesNotReadItsAnswerIsDroppedAfterTheWriteTimeout() throws Exception {
    start(limits(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofMillis(500), 16, 1, 4));
    client().send(RawHttpClient.probe("/big")); // 16 MB, never read

    await().atMost(READ).until(() -> server.connectionStates().equals(List.of("WRITING")));
    await().atMost(READ).until(() -> server.connectionStates().isEmpty());
    assertThat(client().send(RawHttpClient.probe("/after")).read().status()).isEqualTo(200);
  }

  @Test
  void atTheConnectionLimitANewClientClosesTheOneWaitingLongestForItsRequest() throws Exception {
    start(limits(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(30), 4, 1, 4));
    List<RawHttpClient> slow = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      slow.add(client(Duration.ofSeconds(10)).send("GET / HTTP/1.1\r\n"));
      int n = i + 1;
      await().atMost(READ).until(() -> server.connectionStates().size() == n);
    }

    assertThat(client().send(RawHttpClient.probe("/healthz")).read().body())
        .isEqualTo("GET /healthz");

    assertThat(slow.get(0).closedByServer()).as("the oldest").isTrue();
    assertThat(server.connectionStates()).hasSizeLessThanOrEqualTo(4);
  }

  @Test
  void afterCloseThePortRefusesConnections() throws Exception {
    start(HttpServerLimits.DEFAULT);
    int port = server.port();
    RawHttpClient idle = client();
    assertThat(idle.send("GET /a HTTP/1.1\r\n\r\n").read().status()).isEqualTo(200);

    server.close();

    assertThat(idle.closedByServer()).isTrue();
    Assertions.assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
        .isInstanceOf(ConnectException.class);
  }
}
