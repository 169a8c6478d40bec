package io.kuberoute.core;

/**
 * The cluster view cannot be read (API server unreachable, informers not synced). The sync service
 * then writes no DNS change and reports the last known state with {@code apiserver_available:
 * false}.
 */
public class ClusterUnavailableException extends KuberouteException {
  private static final long serialVersionUID = 1L;

  public ClusterUnavailableException(String message) {
    super(message);
  }

  public ClusterUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
