package io.kuberoute.core.app;

/** Why a sync runs. */
public enum SyncTrigger {
  /** The periodic resync, {@code --once}, or {@code GET /}: the backend re-reads DNS. */
  FULL,
  /** A change in the cluster: the backend may answer from what it read and wrote before. */
  EVENT,
  /** The heartbeat interval elapsed. */
  HEARTBEAT;

  /** Whether the backend must re-read DNS rather than use its cache. */
  public boolean refresh() {
    return this == FULL;
  }
}
