package io.kuberoute.core.app;

/** Why a sync runs. */
public enum SyncTrigger {
  /** The periodic resync, {@code --once}, or {@code GET /}: DNS is read again. */
  FULL,
  /**
   * A change in the cluster: answered from what the syncs before read and wrote ({@link
   * io.kuberoute.core.port.CachingDnsBackend}).
   */
  EVENT,
  /** The heartbeat interval elapsed. */
  HEARTBEAT;

  /** Whether DNS must be read again rather than answered from the read cache. */
  public boolean refresh() {
    return this == FULL;
  }
}
