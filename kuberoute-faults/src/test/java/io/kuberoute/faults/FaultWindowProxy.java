package io.kuberoute.faults;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kuberoute.testkit.route53.Route53TestServer;
import io.kuberoute.testkit.route53.Route53TestServer.Operation;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP proxy in front of a {@link Route53TestServer} that turns the server's one-shot
 * faults ({@code throttle(op, n)}, {@code failWithServerError(op, n, status)}) into a fault
 * <em>window</em>: while the window is open, every request gets, just before it is passed on, a
 * one-shot fault of the window's kind for its own operation, so the test server itself answers it
 * with Route53's error (and counts it); outside the window requests pass untouched. The window
 * closes by itself at its deadline. Requests are passed on one at a time (the SDK's synchronous
 * client of one backend sends one at a time anyway), so no request can take another's fault.
 *
 * <p>Needed because the test server's faults are counted, not timed, and cannot be withdrawn short
 * of {@code reset()} (which also drops the zones).
 */
final class FaultWindowProxy implements AutoCloseable {

  /** What every request gets while the window is open. */
  enum Fault {
    /** {@code 400 Throttling: Rate exceeded}. */
    THROTTLING(400),
    /** {@code 500 InternalFailure}. */
    HTTP_500(500),
    /** {@code 503 ServiceUnavailable}. */
    HTTP_503(503);

    final int status;

    Fault(int status) {
      this.status = status;
    }

    /** How Route53's error reads in kuberoute's messages ({@code Code: message (HTTP status)}). */
    String described() {
      return switch (this) {
        case THROTTLING -> "Throttling: Rate exceeded (HTTP 400)";
        case HTTP_500 ->
            "InternalFailure: The service is unavailable. Please try again later. (HTTP 500)";
        case HTTP_503 ->
            "ServiceUnavailable: The service is unavailable. Please try again later. (HTTP 503)";
      };
    }
  }

  /** One request received while the window was open. */
  record WindowRequest(long atNanos, Operation operation) {}

  private static final Set<String> NOT_FORWARDED =
      Set.of("connection", "content-length", "expect", "host", "upgrade", "transfer-encoding");

  private final Route53TestServer target;
  private final HttpServer http;
  private final ExecutorService executor;
  private final HttpClient client;
  private final List<WindowRequest> windowRequests = new ArrayList<>();
  private Fault fault;
  private long windowStart;
  private long windowEnd = Long.MIN_VALUE;

  private FaultWindowProxy(Route53TestServer target, HttpServer http, ExecutorService executor) {
    this.target = target;
    this.http = http;
    this.executor = executor;
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  static FaultWindowProxy start(Route53TestServer target) {
    try {
      HttpServer http =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      ExecutorService executor =
          Executors.newSingleThreadExecutor(
              r -> {
                Thread t = new Thread(r, "route53-fault-proxy");
                t.setDaemon(true);
                return t;
              });
      FaultWindowProxy proxy =
          new FaultWindowProxy(Objects.requireNonNull(target, "target"), http, executor);
      http.createContext("/", proxy::handle);
      http.setExecutor(executor);
      http.start();
      return proxy;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the fault proxy", e);
    }
  }

  /** The URL to give the SDK as its endpoint. */
  URI endpoint() {
    return URI.create(
        "http://" + http.getAddress().getHostString() + ":" + http.getAddress().getPort());
  }

  /**
   * Opens a window of {@code fault} for {@code length} from now; forgets the last window's
   * requests.
   */
  synchronized void open(Fault fault, Duration length) {
    this.fault = Objects.requireNonNull(fault, "fault");
    windowRequests.clear();
    windowStart = System.nanoTime();
    windowEnd = windowStart + length.toNanos();
  }

  synchronized boolean isOpen() {
    return System.nanoTime() < windowEnd;
  }

  synchronized long windowStart() {
    return windowStart;
  }

  synchronized long windowEnd() {
    return windowEnd;
  }

  /** The requests received while the last window was open, in order. */
  synchronized List<WindowRequest> windowRequests() {
    return List.copyOf(windowRequests);
  }

  @Override
  public void close() {
    http.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String method = exchange.getRequestMethod();
      URI uri = exchange.getRequestURI();
      Operation op = operation(method, uri.getPath());
      synchronized (this) {
        long now = System.nanoTime();
        if (now < windowEnd && op != null) {
          windowRequests.add(new WindowRequest(now, op));
          switch (fault) {
            case THROTTLING -> target.throttle(op, 1);
            case HTTP_500, HTTP_503 -> target.failWithServerError(op, 1, fault.status);
          }
        }
      }
      HttpRequest.Builder forward =
          HttpRequest.newBuilder(
                  URI.create(
                      target.endpoint()
                          + uri.getRawPath()
                          + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())))
              .timeout(Duration.ofSeconds(30))
              .method(
                  method,
                  body.length == 0
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(body));
      for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
        if (!NOT_FORWARDED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
          h.getValue().forEach(v -> forward.header(h.getKey(), v));
        }
      }
      HttpResponse<byte[]> answer;
      try {
        answer = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
      answer
          .headers()
          .map()
          .forEach(
              (k, vs) -> {
                if (!k.startsWith(":") && !NOT_FORWARDED.contains(k.toLowerCase(Locale.ROOT))) {
                  vs.forEach(v -> exchange.getResponseHeaders().add(k, v));
                }
              });
      byte[] bytes = answer.body();
      exchange.sendResponseHeaders(answer.statusCode(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  /** The Route53 operation of a request, as the test server tells them apart; null for none. */
  private static Operation operation(String method, String path) {
    if (method.equals("GET") && path.matches("/2013-04-01/hostedzone/?")) {
      return Operation.LIST_HOSTED_ZONES;
    }
    if (path.matches("/2013-04-01/hostedzone/[^/]+/rrset/?")) {
      return method.equals("POST")
          ? Operation.CHANGE_RESOURCE_RECORD_SETS
          : Operation.LIST_RESOURCE_RECORD_SETS;
    }
    if (method.equals("GET") && path.matches("/2013-04-01/change/[^/]+")) {
      return Operation.GET_CHANGE;
    }
    return null;
  }
}
