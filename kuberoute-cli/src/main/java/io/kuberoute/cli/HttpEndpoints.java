package io.kuberoute.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kuberoute.core.app.SyncError;
import io.kuberoute.core.app.SyncResult;
import io.kuberoute.core.report.StatusReportJson;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP port, on all interfaces (JDK {@link HttpServer}, no framework):
 *
 * <pre>
 * GET /         one sync now (shared with concurrent callers); 200 "Updated record sets."
 * GET /health   200 "I am healthy" (the original's check: the process answers)
 * GET /healthz  200 "ok" (liveness)
 * GET /readyz   200 "ready", or 503 with the reason
 * GET /metrics  Prometheus text format
 * GET /status   the state report JSON of the last sync
 * </pre>
 *
 * Any other path is 404, any other method 405. {@code GET /} does not hold a server thread while
 * the sync runs, so {@code /health} answers during a sync.
 */
final class HttpEndpoints implements AutoCloseable {

  static final String UPDATED = "Updated record sets.";
  static final String HEALTHY = "I am healthy";
  static final String TEXT = "text/plain; charset=utf-8";
  static final String JSON = "application/json";

  private static final Logger log = LoggerFactory.getLogger(HttpEndpoints.class);
  private static final int THREADS = 4;

  private final HttpServer server;
  private final ExecutorService executor;
  private final Wiring wiring;
  private final Supplier<CompletableFuture<SyncResult>> syncNow;
  private final Duration syncWait;

  private HttpEndpoints(
      HttpServer server,
      ExecutorService executor,
      Wiring wiring,
      Supplier<CompletableFuture<SyncResult>> syncNow,
      Duration syncWait) {
    this.server = server;
    this.executor = executor;
    this.wiring = wiring;
    this.syncNow = syncNow;
    this.syncWait = syncWait;
  }

  /**
   * Listens on {@code port} (0: a free port, see {@link #port()}).
   *
   * @param syncNow starts (or joins) a sync; {@code GET /} waits for it at most {@code syncWait}
   * @throws IOException if the port cannot be bound
   */
  static HttpEndpoints start(
      int port, Wiring wiring, Supplier<CompletableFuture<SyncResult>> syncNow, Duration syncWait)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    AtomicInteger n = new AtomicInteger();
    ExecutorService executor =
        Executors.newFixedThreadPool(
            THREADS,
            r -> {
              Thread t = new Thread(r, "kuberoute-http-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    HttpEndpoints endpoints = new HttpEndpoints(server, executor, wiring, syncNow, syncWait);
    server.createContext("/", endpoints::handle);
    server.setExecutor(executor);
    server.start();
    return endpoints;
  }

  /** The port actually bound. */
  int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) {
    try {
      String path = exchange.getRequestURI().getPath();
      Runnable endpoint =
          switch (path) {
            case "/" -> () -> sync(exchange);
            case "/health" -> () -> send(exchange, 200, TEXT, HEALTHY);
            case "/healthz" -> () -> send(exchange, 200, TEXT, "ok");
            case "/readyz" -> () -> ready(exchange);
            case "/metrics" -> () -> send(exchange, 200, SyncMetrics.CONTENT_TYPE, wiring.metrics().scrape());
            case "/status" -> () -> status(exchange);
            default -> null;
          };
      if (endpoint == null) {
        send(exchange, 404, TEXT, "Not found. Paths: /, /health, /healthz, /readyz, /metrics, /status");
      } else if (!exchange.getRequestMethod().equals("GET")) {
        exchange.getResponseHeaders().set("Allow", "GET");
        send(exchange, 405, TEXT, "Method not allowed: use GET");
      } else {
        endpoint.run();
      }
    } catch (RuntimeException e) {
      log.warn("HTTP {} {} failed: {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.toString());
      send(exchange, 500, TEXT, "Internal error: " + e.getMessage());
    }
  }

  private void sync(HttpExchange exchange) {
    CompletableFuture<SyncResult> shared;
    try {
      shared = syncNow.get();
    } catch (RejectedExecutionException e) {
      send(exchange, 503, TEXT, "Shutting down.");
      return;
    }
    shared
        .copy() // a timeout here must not cancel the sync other callers wait for
        .orTimeout(syncWait.toMillis(), TimeUnit.MILLISECONDS)
        .whenCompleteAsync(
            (result, error) -> {
              if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                if (cause instanceof TimeoutException) {
                  send(exchange, 503, TEXT, "The sync is still running after " + syncWait.toSeconds() + " s; it goes on in the background.");
                } else if (cause instanceof RejectedExecutionException) {
                  send(exchange, 503, TEXT, "Shutting down.");
                } else {
                  send(exchange, 500, TEXT, "Sync failed: " + cause);
                }
              } else if (result.outcome() == SyncResult.Outcome.STANDBY) {
                send(exchange, 200, TEXT, "Standby: another instance is the leader; nothing was written.");
              } else if (result.succeeded()) {
                send(exchange, 200, TEXT, UPDATED);
              } else {
                send(exchange, 500, TEXT, "Sync failed: " + failures(result));
              }
            },
            executor);
  }

  private void ready(HttpExchange exchange) {
    Optional<String> reason = wiring.readiness().notReadyReason();
    if (reason.isPresent()) {
      send(exchange, 503, TEXT, reason.get());
    } else {
      send(exchange, 200, TEXT, "ready");
    }
  }

  private void status(HttpExchange exchange) {
    wiring
        .service()
        .lastReport()
        .ifPresentOrElse(
            report -> send(exchange, 200, JSON, StatusReportJson.render(report)),
            () -> send(exchange, 503, TEXT, "No sync has finished yet."));
  }

  private static String failures(SyncResult result) {
    return result.errors().stream()
        .filter(e -> e.cause().failsSync())
        .map(SyncError::message)
        .collect(Collectors.joining("; "));
  }

  private static void send(HttpExchange exchange, int status, String contentType, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    try (exchange) {
      exchange.getResponseHeaders().set("Content-Type", contentType);
      exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    } catch (IOException e) {
      log.debug("HTTP client went away: {}", e.toString());
    }
  }

  /** Stops listening (letting answers in progress finish for up to a second). */
  @Override
  public void close() {
    server.stop(1);
    executor.shutdown();
    try {
      if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
