package io.kuberoute.core;

/**
 * Root of every exception kuberoute throws on purpose. Unchecked; messages never contain secrets.
 */
public class KuberouteException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public KuberouteException(String message) {
    super(message);
  }

  public KuberouteException(String message, Throwable cause) {
    super(message, cause);
  }
}
