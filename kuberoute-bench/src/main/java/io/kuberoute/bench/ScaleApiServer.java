package io.kuberoute.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kuberoute.core.model.ClusterSnapshot;
import io.kuberoute.core.model.PodInfo;
import io.kuberoute.core.model.ServiceInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Benchmark-only: a read-only Kubernetes API for clusters too large for fabric8's CRUD mock (its
 * creates are O(n) each and it ignores {@code limit}, so 100,000 pods would load for most of an
 * hour and then list as one 350 MB answer). It serves what list-and-watch clients ask for, the way
 * the real API server answers them: cluster-wide lists of nodes, services (optionally filtered by a
 * label's presence or value) and pods in pages ({@code limit}, {@code continue}), from objects
 * serialised once in advance (as the API server answers from its cache); watches that stay open
 * without events (the WebSocket handshake is answered 200, after which fabric8 falls back to an
 * HTTP watch); and {@code 201} for any POST (Events).
 */
final class ScaleApiServer implements AutoCloseable {

  private static final String RESOURCE_VERSION = "1000";

  private final HttpServer server;
  private final ExecutorService executor =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "scale-api");
            t.setDaemon(true);
            return t;
          });
  private final KubernetesSerialization json = new KubernetesSerialization();
  private final Map<String, Kind> kinds = new HashMap<>();
  private final List<HttpExchange> watches = new CopyOnWriteArrayList<>();

  /**
   * A resource kind: its objects serialised once, in advance, as an API server's cache holds them.
   */
  private record Kind(String listKind, List<String> json, List<Map<String, String>> labels) {}

  /** Whether every list is answered whole, in one response, whatever {@code limit} asks. */
  private final boolean oneResponse;

  ScaleApiServer(ClusterSnapshot snapshot) throws IOException {
    this(snapshot, false);
  }

  /**
   * @param oneResponse answer every list whole (as fabric8's mock, or a {@code resourceVersion=0}
   *     list)
   */
  ScaleApiServer(ClusterSnapshot snapshot, boolean oneResponse) throws IOException {
    this.oneResponse = oneResponse;
    kinds.put(
        "/api/v1/nodes", kind("NodeList", snapshot.nodes(), Fabric8Objects::node, n -> Map.of()));
    kinds.put(
        "/api/v1/services",
        kind("ServiceList", snapshot.services(), Fabric8Objects::service, ServiceInfo::labels));
    kinds.put(
        "/api/v1/pods", kind("PodList", snapshot.pods(), Fabric8Objects::pod, PodInfo::labels));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  private void handle(HttpExchange ex) throws IOException {
    try {
      String path = ex.getRequestURI().getPath();
      Map<String, String> query = query(ex.getRequestURI().getRawQuery());
      if ("POST".equals(ex.getRequestMethod())) {
        byte[] body = ex.getRequestBody().readAllBytes();
        send(ex, 201, body);
        return;
      }
      Kind kind = kinds.get(path);
      if (kind == null) {
        send(
            ex,
            404,
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}"
                .getBytes(StandardCharsets.UTF_8));
        return;
      }
      if (ex.getRequestHeaders().containsKey("Upgrade")) {
        send(ex, 200, new byte[0]); // no WebSocket here: fabric8 then watches over plain HTTP
        return;
      }
      if ("true".equals(query.get("watch")) || "1".equals(query.get("watch"))) {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, 0);
        // a bookmark, as the API server sends to clients that allow them; then nothing: the
        // cluster does not change, and the watch is held open
        String kindName = kind.listKind().replace("List", "");
        ex.getResponseBody()
            .write(
                ("{\"type\":\"BOOKMARK\",\"object\":{\"kind\":\""
                        + kindName
                        + "\",\"apiVersion\":\"v1\","
                        + "\"metadata\":{\"resourceVersion\":\""
                        + RESOURCE_VERSION
                        + "\"}}}\n")
                    .getBytes(StandardCharsets.UTF_8));
        ex.getResponseBody().flush();
        watches.add(ex);
        return;
      }
      if (oneResponse) {
        streamWhole(ex, kind, query);
      } else {
        send(ex, 200, list(kind, query));
      }
    } catch (RuntimeException e) {
      send(
          ex,
          500,
          ("{\"kind\":\"Status\",\"message\":\"" + e + "\"}").getBytes(StandardCharsets.UTF_8));
    }
  }

  private <T> Kind kind(
      String listKind,
      List<T> items,
      Function<T, HasMetadata> toObject,
      Function<T, Map<String, String>> labels) {
    String[] json = new String[items.size()];
    java.util.stream.IntStream.range(0, items.size())
        .parallel()
        .forEach(
            i -> {
              HasMetadata object = toObject.apply(items.get(i));
              object.getMetadata().setResourceVersion(RESOURCE_VERSION);
              object.getMetadata().setUid("uid-" + listKind + "-" + i);
              json[i] = this.json.asJson(object);
            });
    return new Kind(listKind, List.of(json), items.stream().map(labels).toList());
  }

  private byte[] list(Kind kind, Map<String, String> query) {
    String selector = query.get("labelSelector");
    List<String> matching = kind.json();
    if (selector != null && !selector.isEmpty()) {
      matching = new ArrayList<>();
      for (int i = 0; i < kind.json().size(); i++) {
        if (matches(selector, kind.labels().get(i))) {
          matching.add(kind.json().get(i));
        }
      }
    }
    int from = query.containsKey("continue") ? Integer.parseInt(query.get("continue")) : 0;
    int limit =
        query.containsKey("limit") && !oneResponse
            ? Integer.parseInt(query.get("limit"))
            : matching.size();
    int to = Math.min(matching.size(), from + Math.max(1, limit));
    if (oneResponse) {
      return null; // streamed by the caller
    }
    StringBuilder out = new StringBuilder(Math.max(16, (to - from) * 4000));
    out.append("{\"apiVersion\":\"v1\",\"kind\":\"")
        .append(kind.listKind())
        .append("\",\"metadata\":{\"resourceVersion\":\"")
        .append(RESOURCE_VERSION)
        .append('"');
    if (to < matching.size()) {
      out.append(",\"continue\":\"").append(to).append('"');
    }
    out.append("},\"items\":[");
    for (int i = from; i < to; i++) {
      if (i > from) {
        out.append(',');
      }
      out.append(matching.get(i));
    }
    out.append("]}");
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The whole list in one response, written item by item (chunked), as an API server streams it.
   */
  private void streamWhole(HttpExchange ex, Kind kind, Map<String, String> query)
      throws IOException {
    String selector = query.get("labelSelector");
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(200, 0);
    try (OutputStream out = new java.io.BufferedOutputStream(ex.getResponseBody(), 1 << 16)) {
      out.write(
          ("{\"apiVersion\":\"v1\",\"kind\":\""
                  + kind.listKind()
                  + "\",\"metadata\":{\"resourceVersion\":\""
                  + RESOURCE_VERSION
                  + "\"},\"items\":[")
              .getBytes(StandardCharsets.UTF_8));
      boolean first = true;
      for (int i = 0; i < kind.json().size(); i++) {
        if (selector != null && !selector.isEmpty() && !matches(selector, kind.labels().get(i))) {
          continue;
        }
        if (!first) {
          out.write(',');
        }
        first = false;
        out.write(kind.json().get(i).getBytes(StandardCharsets.UTF_8));
      }
      out.write("]}".getBytes(StandardCharsets.UTF_8));
    }
  }

  /** {@code key}, {@code key=value} terms separated by commas. */
  private static boolean matches(String selector, Map<String, String> labels) {
    for (String term : selector.split(",")) {
      int eq = term.indexOf('=');
      if (eq < 0
          ? !labels.containsKey(term)
          : !term.substring(eq + 1).equals(labels.get(term.substring(0, eq)))) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new HashMap<>();
    if (raw != null) {
      for (String part : raw.split("&")) {
        int eq = part.indexOf('=');
        if (eq > 0) {
          q.put(
              URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return q;
  }

  private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    for (HttpExchange ex : watches) {
      ex.close();
    }
    server.stop(0);
    executor.shutdownNow();
  }
}
