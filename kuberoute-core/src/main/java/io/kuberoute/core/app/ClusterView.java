package io.kuberoute.core.app;

import io.kuberoute.core.internal.routing.RouteTable;
import io.kuberoute.core.model.ClusterSnapshot;
import io.kuberoute.core.port.ClusterHealth;
import io.kuberoute.core.port.ClusterSource;
import java.util.Objects;

/**
 * The cluster as the sync sees it: the {@link RouteTable} of every service's outcome, kept up to
 * date from the changes the source reports, or re-read whole from its snapshot (a full sync, the
 * first sync, a source that does not report changes, or one that asked for a re-read).
 */
final class ClusterView {

  /** What one read did, and whether the view it read is complete. */
  record Reading(RouteTable.Delta delta, boolean complete) {
    boolean all() {
      return delta.all();
    }
  }

  private final ClusterSource source;
  private final RouteTable table;
  private final ChangeQueue queue = new ChangeQueue();
  private final boolean reportsChanges;

  ClusterView(ClusterSource source, RouteTable table) {
    this.source = Objects.requireNonNull(source, "source");
    this.table = Objects.requireNonNull(table, "table");
    this.reportsChanges = source.subscribe(queue);
  }

  RouteTable table() {
    return table;
  }

  /** Whether the source's view can be trusted now. */
  ClusterHealth health() {
    return source.health();
  }

  /**
   * Re-reads the whole view; changes queued so far are dropped (the snapshot holds them).
   *
   * @throws io.kuberoute.core.ClusterUnavailableException if there is no view
   */
  Reading readAll() {
    queue.drain();
    ClusterSnapshot snapshot = source.snapshot();
    return new Reading(table.load(snapshot), snapshot.complete());
  }

  /** Applies the changes queued since the last read, or re-reads everything when it must. */
  Reading readChanges() {
    if (!reportsChanges || !table.loaded()) {
      return readAll();
    }
    ChangeQueue.Batch batch = queue.drain();
    if (batch.resync()) {
      ClusterSnapshot snapshot = source.snapshot();
      return new Reading(table.load(snapshot), snapshot.complete());
    }
    return new Reading(table.apply(batch.changes()), source.isSynced());
  }
}
