package io.kuberoute.core.app;

/** Why a sync runs. */
public enum SyncTrigger {
  /** The periodic resync, {@code --once}, or {@code GET /}: DNS is read again. */
  FULL,
  /**
   * A change in the cluster: answered from what the syncs before read and wrote ({@link
   * io.kuberoute.core.port.CachingDnsBackend}), unless the sync before could not read DNS or this
   * instance was a standby (then DNS is read again, as by a full sync).
   */
  EVENT,
  /** The heartbeat interval elapsed. */
  HEARTBEAT;

  /** Whether DNS must be read again rather than answered from the read cache. */
  public boolean refresh() {
    return this == FULL;
  }
}
