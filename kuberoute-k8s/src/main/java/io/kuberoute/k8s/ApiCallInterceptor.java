package io.kuberoute.k8s;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fabric8 HTTP interceptor that tells an {@link ApiCallListener} about every request: each
 * response ({@link #after}) and each attempt that got none ({@link #afterConnectionFailure}) is one
 * call; retries are calls of their own.
 *
 * <p>A watch restart is a successful watch request of services, pods or nodes whose watch (same
 * path, label selector and field selector, so one per informer) had succeeded before. Only the
 * method, path and selector parameters of a request are read, never its headers (which carry the
 * token).
 */
final class ApiCallInterceptor implements Interceptor {

  static final String NAME = "kuberoute-api-metrics";

  private static final Logger log = LoggerFactory.getLogger(ApiCallInterceptor.class);
  private static final Set<String> RESOURCES =
      Set.of("services", "pods", "nodes", "events", "leases");
  private static final Set<String> RESTARTABLE = Set.of("services", "pods", "nodes");

  private final ApiCallListener listener;
  private final Set<String> watchesOpened = ConcurrentHashMap.newKeySet();

  ApiCallInterceptor(ApiCallListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /**
   * Adds an interceptor for {@code listener} to {@code builder} (nothing for {@link
   * ApiCallListener#NONE}).
   */
  static void install(HttpClient.Builder builder, ApiCallListener listener) {
    if (listener != ApiCallListener.NONE) {
      builder.addOrReplaceInterceptor(NAME, new ApiCallInterceptor(listener));
    }
  }

  @Override
  public void after(
      HttpRequest request,
      HttpResponse<?> response,
      AsyncBody.Consumer<List<ByteBuffer>> consumer) {
    Call call = Call.of(request.method(), request.uri());
    String outcome = outcome(response.code());
    notify(call, outcome);
    if (call.verb().equals("watch")
        && outcome.equals("2xx")
        && RESTARTABLE.contains(call.resource())) {
      if (!watchesOpened.add(watchKey(request.uri()))) {
        try {
          listener.watchRestarted(call.resource());
        } catch (RuntimeException e) {
          log.debug("the API call listener failed: {}", e.toString());
        }
      }
    }
  }

  @Override
  public void afterConnectionFailure(HttpRequest request, Throwable failure) {
    notify(Call.of(request.method(), request.uri()), "error");
  }

  private void notify(Call call, String outcome) {
    try {
      listener.call(call.verb(), call.resource(), outcome);
    } catch (RuntimeException e) {
      log.debug("the API call listener failed: {}", e.toString());
    }
  }

  /**
   * The status class of {@code code}: 1xx (a WebSocket upgrade) and 2xx are {@code 2xx}, 3xx and
   * 4xx {@code 4xx}.
   */
  static String outcome(int code) {
    if (code >= 500) {
      return "5xx";
    }
    return code >= 300 ? "4xx" : "2xx";
  }

  /** What identifies one informer's watch: the path (without /watch/) and its selectors. */
  static String watchKey(URI uri) {
    StringBuilder key = new StringBuilder(String.valueOf(uri.getRawPath()).replace("/watch/", "/"));
    String query = uri.getRawQuery();
    if (query != null) {
      for (String param : query.split("&")) {
        if (param.startsWith("labelSelector=") || param.startsWith("fieldSelector=")) {
          key.append('?').append(param);
        }
      }
    }
    return key.toString();
  }

  /** A request's {@code verb} and {@code resource} labels. */
  record Call(String verb, String resource) {

    static Call of(String method, URI uri) {
      String path = uri.getRawPath() == null ? "" : uri.getRawPath();
      String[] s = path.replaceAll("^/+|/+$", "").split("/+");
      // /api/v1/... or /apis/<group>/<version>/...
      int i;
      if (s.length >= 2 && s[0].equals("api")) {
        i = 2;
      } else if (s.length >= 3 && s[0].equals("apis")) {
        i = 3;
      } else {
        i = s.length; // /version, /api, /apis, ...: no resource
      }
      boolean watchPath = i < s.length && s[i].equals("watch");
      if (watchPath) {
        i++;
      }
      if (i + 2 < s.length && s[i].equals("namespaces")) {
        i += 2; // namespaces/<ns>/<resource>...
      }
      String resource = i < s.length ? s[i] : null;
      boolean named = i + 1 < s.length;
      String verb;
      switch (method.toUpperCase(Locale.ROOT)) {
        case "GET", "HEAD" -> {
          if (watchPath || isWatchQuery(uri.getRawQuery())) {
            verb = "watch";
          } else {
            verb = resource == null || named ? "get" : "list";
          }
        }
        case "POST" -> verb = "create";
        case "PATCH" -> verb = "patch";
        case "PUT" -> verb = "update";
        case "DELETE" -> verb = "delete";
        default -> verb = "other";
      }
      if (resource == null && s.length == 1 && s[0].equals("version")) {
        return new Call(verb, "version"); // the probe of a silent API server
      }
      return new Call(verb, resource != null && RESOURCES.contains(resource) ? resource : "other");
    }

    private static boolean isWatchQuery(String query) {
      if (query == null) {
        return false;
      }
      for (String param : query.split("&")) {
        if (param.equals("watch=true") || param.equals("watch=1") || param.equals("watch")) {
          return true;
        }
      }
      return false;
    }
  }
}
