package io.kuberoute.core.app;

import io.kuberoute.core.port.ClusterChange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster changes reported since the last sync, the last one per object (a change states the
 * object's whole new state, so earlier ones add nothing). Filled on the source's threads, drained
 * by the sync.
 */
final class ChangeQueue implements ClusterChange.Listener {

  /** What was drained: the changes, and whether the source asked for a whole re-read. */
  record Batch(List<ClusterChange> changes, boolean resync) {}

  private Map<Object, ClusterChange> pending = new LinkedHashMap<>();
  private boolean resync;

  @Override
  public synchronized void changed(ClusterChange change) {
    if (change instanceof ClusterChange.Resync) {
      resync = true;
      return;
    }
    pending.remove(change.key());
    pending.put(change.key(), change);
  }

  synchronized Batch drain() {
    Batch batch = new Batch(List.copyOf(pending.values()), resync);
    pending = new LinkedHashMap<>();
    resync = false;
    return batch;
  }
}
