package io.kuberoute.core;

/**
 * A DNS backend call failed. {@link #isTransient()} tells whether the next sync may succeed without
 * a change of configuration (timeouts, throttling, unreachable server) or not (a missing hosted
 * zone, a permission error).
 */
public class DnsBackendException extends KuberouteException {
  private static final long serialVersionUID = 1L;
  private final boolean transientFailure;

  public DnsBackendException(String message, boolean transientFailure) {
    super(message);
    this.transientFailure = transientFailure;
  }

  public DnsBackendException(String message, boolean transientFailure, Throwable cause) {
    super(message, cause);
    this.transientFailure = transientFailure;
  }

  public boolean isTransient() {
    return transientFailure;
  }
}
