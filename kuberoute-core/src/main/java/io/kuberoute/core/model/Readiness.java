package io.kuberoute.core.model;

/**
 * Whether a pod's or a node's {@code Ready} condition is {@code True}. A missing or unknown
 * condition is {@link #NOT_READY}.
 */
public enum Readiness {
  READY,
  NOT_READY;

  /** {@link #READY} when {@code ready}, else {@link #NOT_READY}. */
  public static Readiness readyIf(boolean ready) {
    return ready ? READY : NOT_READY;
  }
}
