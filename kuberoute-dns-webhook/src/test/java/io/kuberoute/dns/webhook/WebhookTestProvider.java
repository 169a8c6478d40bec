package io.kuberoute.dns.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * An external-dns webhook provider for tests, on 127.0.0.1 and a free port, holding its records in
 * memory. It follows the protocol: {@code GET /} answers the domain filter with the media type as
 * Content-Type, {@code GET /records} lists every endpoint, {@code POST /records} applies a change
 * set and answers 204, {@code POST /adjustendpoints} answers the canonical form. It insists on the
 * headers (Accept on every request: 406 without; Content-Type on every POST: 415 without), answers
 * 400 to a body it cannot read or a method a path does not take, and checks a change set as a zone
 * does, all or nothing: a create of an endpoint that exists, an old half of an update or a delete
 * that does not match what it holds exactly (name, type, set identifier, TTL, targets), and a CNAME
 * beside other data at a name are refused with 409 and a message.
 *
 * <p>{@link #canonicalise} makes it rewrite what it is given (lower-case names, a minimum TTL,
 * trailing dots on CNAME targets) both when adjusting and when storing. Faults: {@link #failWrites}
 * (a status for every change set touching a name), {@link #answerWith} (a status and body for a
 * path), {@link #negotiationContentType}, {@link #stall} (no answer until {@link #release()}), and
 * {@link #stop()} / {@link #start()} on the same port (a provider that is down).
 */
final class WebhookTestProvider implements AutoCloseable {

  private record Key(String name, String type, String setIdentifier) {}

  /** A status and body answered instead of the protocol's answer. */
  private record Fault(int status, String contentType, String body) {}

  private final Map<Key, Endpoint> records = new LinkedHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final Map<String, Fault> faults = new HashMap<>();
  private final Map<String, Integer> failingWrites = new HashMap<>();
  private volatile EndpointJson.FilterText filter =
      new EndpointJson.FilterText(List.of(), List.of(), "", "");
  private volatile String negotiationType = WebhookHttp.MEDIA_TYPE;
  private volatile UnaryOperator<Endpoint> canonical = UnaryOperator.identity();
  private volatile String stalled;
  private volatile CountDownLatch stallLatch = new CountDownLatch(1);
  private final CountDownLatch stallReached = new CountDownLatch(1);

  private HttpServer server;
  private ExecutorService executor;
  private int port;

  private WebhookTestProvider() {}

  /** A provider serving every name, started. */
  static WebhookTestProvider running(String... include) {
    WebhookTestProvider p = new WebhookTestProvider();
    p.filter = new EndpointJson.FilterText(List.of(include), List.of(), "", "");
    p.port = 0;
    p.start();
    return p;
  }

  /** (Re)starts listening, on the same port as before. */
  synchronized void start() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    port = server.getAddress().getPort();
    executor = Executors.newFixedThreadPool(4);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Stops listening: connections are refused until {@link #start()}. */
  synchronized void stop() {
    release();
    server.stop(0);
    executor.shutdownNow();
  }

  @Override
  public void close() {
    stop();
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  int port() {
    return port;
  }

  // ---------------------------------------------------------------------------------------------
  // set-up and inspection

  void filter(EndpointJson.FilterText value) {
    filter = value;
  }

  /**
   * From now on, names are lower-cased, TTLs raised to {@code minTtl}, CNAME targets end with a
   * dot.
   */
  void canonicalise(long minTtl) {
    canonical =
        e ->
            new Endpoint(
                e.dnsName().toLowerCase(Locale.ROOT),
                e.recordType().equals("CNAME")
                    ? e.targets().stream().map(t -> t.endsWith(".") ? t : t + ".").toList()
                    : e.targets(),
                e.recordType(),
                e.setIdentifier(),
                Math.max(e.recordTtl(), minTtl),
                e.labels(),
                e.providerSpecific());
  }

  void negotiationContentType(String type) {
    negotiationType = type;
  }

  /**
   * Every change set touching {@code name} (any endpoint at it or at {@code _kuberoute.<name>})
   * gets {@code status}.
   */
  synchronized void failWrites(String name, int status) {
    failingWrites.put(name, status);
  }

  /** {@code "GET /records"} and the like is answered with {@code status} and {@code body}. */
  synchronized void answerWith(String request, int status, String contentType, String body) {
    faults.put(request, new Fault(status, contentType, body));
  }

  synchronized void clearFaults() {
    faults.clear();
    failingWrites.clear();
    negotiationType = WebhookHttp.MEDIA_TYPE;
  }

  /** {@code "GET /records"} and the like gets no answer until {@link #release()}. */
  void stall(String request) {
    stallLatch = new CountDownLatch(1);
    stalled = request;
  }

  /** Answers stalled requests (with the protocol's answer) and stops stalling. */
  void release() {
    stalled = null;
    stallLatch.countDown();
  }

  /** Whether a stalled request arrived, waiting at most {@code seconds}. */
  boolean awaitStalled(long seconds) throws InterruptedException {
    return stallReached.await(seconds, TimeUnit.SECONDS);
  }

  /** Puts an endpoint straight into the store (someone else's record, or an earlier run's). */
  synchronized void put(Endpoint e) {
    records.put(keyOf(e), e);
  }

  synchronized List<Endpoint> all() {
    List<Endpoint> out = new ArrayList<>(records.values());
    out.sort(Comparator.comparing(Endpoint::dnsName).thenComparing(Endpoint::recordType));
    return out;
  }

  /** The requests received, in order, as {@code "GET /records"}. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  void clearRequests() {
    requests.clear();
    authorizations.clear();
  }

  /** The Authorization header of each request ({@code ""} when there was none), in order. */
  List<String> authorizations() {
    return List.copyOf(authorizations);
  }

  // ---------------------------------------------------------------------------------------------
  // the protocol

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      String request = x.getRequestMethod() + " " + x.getRequestURI().getPath();
      requests.add(request);
      authorizations.add(
          Optional.ofNullable(x.getRequestHeaders().getFirst("Authorization")).orElse(""));
      byte[] body = readAll(x.getRequestBody());
      if (request.equals(stalled)) {
        stallReached.countDown();
        try {
          if (!stallLatch.await(30, TimeUnit.SECONDS)) {
            return;
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      Fault fault;
      synchronized (this) {
        fault = faults.get(request);
      }
      if (fault != null) {
        answer(x, fault.status(), fault.contentType(), fault.body());
        return;
      }
      if (!WebhookHttp.MEDIA_TYPE.equals(x.getRequestHeaders().getFirst("Accept"))) {
        answer(x, 406, "text/plain", "Accept must be " + WebhookHttp.MEDIA_TYPE);
        return;
      }
      if (x.getRequestMethod().equals("POST")
          && !WebhookHttp.MEDIA_TYPE.equals(x.getRequestHeaders().getFirst("Content-Type"))) {
        answer(x, 415, "text/plain", "Content-Type must be " + WebhookHttp.MEDIA_TYPE);
        return;
      }
      switch (request) {
        case "GET /" ->
            answer(
                x,
                200,
                negotiationType,
                new String(EndpointJson.writeFilter(filter), StandardCharsets.UTF_8));
        case "GET /records" ->
            answer(
                x,
                200,
                WebhookHttp.MEDIA_TYPE,
                new String(EndpointJson.writeEndpoints(all()), StandardCharsets.UTF_8));
        case "POST /records" -> applyChanges(x, body);
        case "POST /adjustendpoints" -> adjust(x, body);
        default ->
            answer(
                x,
                x.getRequestURI().getPath().equals("/records")
                        || x.getRequestURI().getPath().equals("/adjustendpoints")
                    ? 400
                    : 404,
                "text/plain",
                "not here: " + request);
      }
    }
  }

  private void adjust(HttpExchange x, byte[] body) throws IOException {
    List<Endpoint> in;
    try {
      in = EndpointJson.readEndpoints(body);
    } catch (EndpointJson.Malformed e) {
      answer(x, 400, "text/plain", e.getMessage());
      return;
    }
    List<Endpoint> out = in.stream().map(canonical).toList();
    answer(
        x,
        200,
        WebhookHttp.MEDIA_TYPE,
        new String(EndpointJson.writeEndpoints(out), StandardCharsets.UTF_8));
  }

  private void applyChanges(HttpExchange x, byte[] body) throws IOException {
    WebhookChanges changes;
    try {
      changes = EndpointJson.readChanges(body);
    } catch (EndpointJson.Malformed | IllegalArgumentException e) {
      answer(x, 400, "text/plain", e.getMessage());
      return;
    }
    Optional<Integer> injected = injectedFailure(changes);
    if (injected.isPresent()) {
      answer(x, injected.get(), "text/plain", "injected failure");
      return;
    }
    String refusal;
    synchronized (this) {
      refusal = applyAtomically(changes);
    }
    if (refusal != null) {
      answer(x, 409, "text/plain", refusal);
      return;
    }
    answer(x, 204, null, "");
  }

  private synchronized Optional<Integer> injectedFailure(WebhookChanges changes) {
    List<Endpoint> all = new ArrayList<>(changes.create());
    all.addAll(changes.updateOld());
    all.addAll(changes.updateNew());
    all.addAll(changes.delete());
    for (Endpoint e : all) {
      String name = e.dnsName().toLowerCase(Locale.ROOT);
      String covered =
          name.startsWith("_kuberoute.") ? name.substring("_kuberoute.".length()) : name;
      Integer status = failingWrites.get(covered);
      if (status != null) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }

  /**
   * Applies the change set to a copy, checking every rule, then keeps the copy; or says what is
   * wrong.
   */
  private String applyAtomically(WebhookChanges changes) {
    Map<Key, Endpoint> next = new LinkedHashMap<>(records);
    for (Endpoint raw : changes.delete()) {
      Endpoint d = canonical.apply(raw);
      Endpoint held = next.get(keyOf(d));
      if (held == null || !exactlyEqual(held, d)) {
        return "delete of " + d.describe() + " does not match what exists";
      }
      next.remove(keyOf(d));
    }
    for (int i = 0; i < changes.updateOld().size(); i++) {
      Endpoint old = canonical.apply(changes.updateOld().get(i));
      Endpoint neu = canonical.apply(changes.updateNew().get(i));
      Endpoint held = next.get(keyOf(old));
      if (held == null || !exactlyEqual(held, old)) {
        return "update of " + old.describe() + ": the old record does not match what exists";
      }
      next.remove(keyOf(old));
      next.put(keyOf(neu), neu);
    }
    for (Endpoint raw : changes.create()) {
      Endpoint c = canonical.apply(raw);
      if (next.containsKey(keyOf(c))) {
        return "create of " + c.describe() + ": it exists already";
      }
      next.put(keyOf(c), c);
    }
    Map<String, List<String>> typesByName = new HashMap<>();
    for (Key k : next.keySet()) {
      typesByName.computeIfAbsent(k.name(), n -> new ArrayList<>()).add(k.type());
    }
    for (Map.Entry<String, List<String>> e : typesByName.entrySet()) {
      if (e.getValue().contains("CNAME") && e.getValue().size() > 1) {
        return "a CNAME at "
            + e.getKey()
            + " cannot share its name with other data "
            + e.getValue();
      }
    }
    records.clear();
    records.putAll(next);
    return null;
  }

  private static boolean exactlyEqual(Endpoint a, Endpoint b) {
    return a.dnsName().equals(b.dnsName())
        && a.recordType().equals(b.recordType())
        && a.setIdentifier().equals(b.setIdentifier())
        && a.recordTtl() == b.recordTtl()
        && a.targets().stream().sorted().toList().equals(b.targets().stream().sorted().toList());
  }

  private static Key keyOf(Endpoint e) {
    String name = e.dnsName().toLowerCase(Locale.ROOT);
    return new Key(
        name.endsWith(".") ? name.substring(0, name.length() - 1) : name,
        e.recordType(),
        e.setIdentifier());
  }

  private static void answer(HttpExchange x, int status, String contentType, String body)
      throws IOException {
    if (contentType != null) {
      x.getResponseHeaders().set("Content-Type", contentType);
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    if (status == 204 || bytes.length == 0) {
      x.sendResponseHeaders(status, -1);
      return;
    }
    x.sendResponseHeaders(status, bytes.length);
    x.getResponseBody().write(bytes);
  }

  private static byte[] readAll(InputStream in) throws IOException {
    return Objects.requireNonNull(in).readAllBytes();
  }
}
