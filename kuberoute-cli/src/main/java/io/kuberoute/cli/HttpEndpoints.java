package io.kuberoute.cli;

import io.kuberoute.core.app.SyncError;
import io.kuberoute.core.app.SyncResult;
import io.kuberoute.core.port.ClusterHealth;
import io.kuberoute.core.report.StatusReportJson;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The HTTP port, on all interfaces ({@link NioHttpServer}: slow clients hold no thread, and neither
 * they nor many connections can delay a probe):
 *
 * <pre>
 * GET /         one sync now, rate-limited ({@link OnDemandSync}); 200 "Updated record sets.", 500 when
 *               it failed (the cluster view unavailable, say), 503 while the view is starting
 * GET /health   200 "I am healthy" (the original's check: the process answers)
 * GET /healthz  200 "ok" (liveness)
 * GET /readyz   200 "ready", or 503 with the reason
 * GET /metrics  Prometheus text format
 * GET /status   the state report JSON of the last sync; 503 "Starting: ..." before the first
 * </pre>
 *
 * Any other path is 404, any other method 405. {@code GET /} does not hold a worker thread while
 * the sync runs, so the other endpoints answer during a sync.
 */
final class HttpEndpoints implements AutoCloseable {

  static final String UPDATED = "Updated record sets.";
  static final String HEALTHY = "I am healthy";
  static final String TEXT = HttpReply.TEXT;
  static final String JSON = "application/json";

  private final Wiring wiring;
  private final OnDemandSync onDemand;
  private final Duration syncWait;
  private NioHttpServer server;

  private HttpEndpoints(Wiring wiring, OnDemandSync onDemand, Duration syncWait) {
    this.wiring = wiring;
    this.onDemand = onDemand;
    this.syncWait = syncWait;
  }

  /**
   * Listens on {@code port} (0: a free port, see {@link #port()}) with the default limits.
   *
   * @param onDemand grants (or refuses) the sync of a {@code GET /}, which waits for it at most
   *     {@code syncWait}
   * @throws IOException if the port cannot be bound
   */
  static HttpEndpoints start(int port, Wiring wiring, OnDemandSync onDemand, Duration syncWait)
      throws IOException {
    return start(port, HttpServerLimits.DEFAULT, wiring, onDemand, syncWait);
  }

  static HttpEndpoints start(
      int port, HttpServerLimits limits, Wiring wiring, OnDemandSync onDemand, Duration syncWait)
      throws IOException {
    HttpEndpoints endpoints =
        new HttpEndpoints(
            Objects.requireNonNull(wiring, "wiring"),
            Objects.requireNonNull(onDemand, "onDemand"),
            Objects.requireNonNull(syncWait, "syncWait"));
    endpoints.server = NioHttpServer.start(port, limits, endpoints::handle);
    return endpoints;
  }

  /** The port actually bound. */
  int port() {
    return server.port();
  }

  /** For tests: the state of each open connection. */
  List<String> connectionStates() {
    return server.connectionStates();
  }

  private CompletableFuture<HttpReply> handle(HttpRequestHead request) {
    Supplier<CompletableFuture<HttpReply>> endpoint =
        switch (request.path()) {
          case "/" -> this::sync;
          case "/health" -> () -> done(HttpReply.text(200, HEALTHY));
          case "/healthz" -> () -> done(HttpReply.text(200, "ok"));
          case "/readyz" -> () -> done(ready());
          case "/metrics" ->
              () -> done(HttpReply.of(200, SyncMetrics.CONTENT_TYPE, wiring.metrics().scrape()));
          case "/status" -> () -> done(status());
          default -> null;
        };
    if (endpoint == null) {
      return done(
          HttpReply.text(
              404, "Not found. Paths: /, /health, /healthz, /readyz, /metrics, /status"));
    }
    if (!request.method().equals("GET")) {
      return done(HttpReply.text(405, "Method not allowed: use GET").withHeader("Allow", "GET"));
    }
    return endpoint.get();
  }

  private static CompletableFuture<HttpReply> done(HttpReply reply) {
    return CompletableFuture.completedFuture(reply);
  }

  private CompletableFuture<HttpReply> sync() {
    OnDemandSync.Outcome outcome;
    try {
      outcome = onDemand.request();
    } catch (RejectedExecutionException e) {
      return done(HttpReply.text(503, "Shutting down."));
    }
    if (outcome instanceof OnDemandSync.Refused refused) {
      long seconds = Math.max(1, (refused.retryAfter().toMillis() + 999) / 1000);
      return done(
          HttpReply.text(
                  429,
                  ("Too many sync requests: try again in %d s (GET / starts %d syncs in a row at most, then one"
                          + " per %d s without one). kuberoute syncs by itself every interval and after each"
                          + " change in the cluster.")
                      .formatted(seconds, onDemand.burst(), onDemand.rest().toSeconds()))
              .withHeader("Retry-After", String.valueOf(seconds)));
    }
    CompletableFuture<SyncResult> shared = ((OnDemandSync.Granted) outcome).sync();
    return shared
        .copy() // a timeout here must not cancel the sync other callers wait for
        .orTimeout(syncWait.toMillis(), TimeUnit.MILLISECONDS)
        .handle(
            (result, error) -> {
              if (error != null) {
                Throwable cause =
                    error instanceof CompletionException && error.getCause() != null
                        ? error.getCause()
                        : error;
                if (cause instanceof TimeoutException) {
                  return HttpReply.text(
                      503,
                      "The sync is still running after "
                          + syncWait.toSeconds()
                          + " s; it goes on in the background.");
                } else if (cause instanceof RejectedExecutionException) {
                  return HttpReply.text(503, "Shutting down.");
                }
                return HttpReply.text(500, "Sync failed: " + cause);
              } else if (result.outcome() == SyncResult.Outcome.STARTING) {
                return HttpReply.text(503, startingText() + " Nothing was written.");
              } else if (result.outcome() == SyncResult.Outcome.STANDBY) {
                return HttpReply.text(
                    200, "Standby: another instance is the leader; nothing was written.");
              } else if (result.succeeded()) {
                return HttpReply.text(200, UPDATED);
              }
              return HttpReply.text(500, "Sync failed: " + failures(result));
            });
  }

  private HttpReply ready() {
    Optional<String> reason = wiring.readiness().notReadyReason();
    return reason.isPresent() ? HttpReply.text(503, reason.get()) : HttpReply.text(200, "ready");
  }

  private HttpReply status() {
    return wiring
        .service()
        .lastReport()
        .map(report -> HttpReply.of(200, JSON, StatusReportJson.render(report)))
        .orElseGet(
            () ->
                HttpReply.text(
                    503,
                    wiring.source().health().isStarting()
                        ? startingText()
                        : "No sync has finished yet."));
  }

  /** E.g. {@code Starting: waiting for the first list of nodes.} */
  private String startingText() {
    ClusterHealth health = wiring.source().health();
    return health.isStarting() ? "Starting: " + health.reason() + "." : "Starting.";
  }

  private static String failures(SyncResult result) {
    return result.errors().stream()
        .filter(e -> e.cause().failsSync())
        .map(SyncError::message)
        .collect(Collectors.joining("; "));
  }

  /** Stops listening (letting answers in progress finish for up to a second). */
  @Override
  public void close() {
    server.close();
  }
}
