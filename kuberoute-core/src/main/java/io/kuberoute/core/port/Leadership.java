package io.kuberoute.core.port;

/**
 * Whether this instance may write (leader election). Checked before every DNS read-modify-write, so
 * losing the lease stops writing at once.
 */
@FunctionalInterface
public interface Leadership {

  boolean isLeader();

  /** Always the leader: leader election off. */
  static Leadership always() {
    return () -> true;
  }
}
