package io.kuberoute.core.model;

/** Whether a pod is being deleted ({@code metadata.deletionTimestamp} is set). */
public enum Termination {
  NOT_TERMINATING,
  TERMINATING;

  /** {@link #TERMINATING} when {@code terminating}, else {@link #NOT_TERMINATING}. */
  public static Termination terminatingIf(boolean terminating) {
    return terminating ? TERMINATING : NOT_TERMINATING;
  }
}
