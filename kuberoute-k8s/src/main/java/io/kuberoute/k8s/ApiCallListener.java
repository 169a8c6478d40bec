package io.kuberoute.k8s;

/**
 * Told about every HTTP request the Kubernetes client makes to the API server, and about every
 * watch of Services, Pods or Nodes that is opened again; for metrics. Called on fabric8's I/O
 * threads: implementations must be quick, thread-safe and must not throw.
 *
 * <p>The label values come from closed sets, so they can be used as metric labels as they are:
 *
 * <ul>
 *   <li>{@code verb}: {@code get}, {@code list}, {@code watch}, {@code create}, {@code patch},
 *       {@code update}, {@code delete} (or {@code other} for any other HTTP method);
 *   <li>{@code resource}: {@code services}, {@code pods}, {@code nodes}, {@code events}, {@code
 *       leases}, else {@code other} (discovery, version, ...);
 *   <li>{@code outcome}: {@code 2xx}, {@code 4xx}, {@code 5xx} (the status class; a WebSocket
 *       upgrade, 101, counts as {@code 2xx}, a 3xx as {@code 4xx}), or {@code error} when the
 *       request got no response (connection refused, reset, timed out, TLS failure).
 * </ul>
 */
public interface ApiCallListener {

  /** Listens to nothing. */
  ApiCallListener NONE = new ApiCallListener() {};

  /** One HTTP request to the API server and how it ended. */
  default void call(String verb, String resource, String outcome) {}

  /**
   * A watch of {@code resource} ({@code services}, {@code pods} or {@code nodes}) was opened again
   * (its request succeeded) after an earlier watch of the same objects had been opened: after it
   * was closed by the server (about every 5 to 10 minutes), broke, or expired (410 Gone,
   * re-listed).
   */
  default void watchRestarted(String resource) {}
}
