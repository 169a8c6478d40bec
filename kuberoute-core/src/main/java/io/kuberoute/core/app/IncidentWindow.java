package io.kuberoute.core.app;

import io.kuberoute.core.model.RecordKey;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.plan.GuardHistory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The deletion guard's memory of the last {@code guard_window}: how many record sets we owned at
 * each sync, and which record sets each sync wanted to delete as orphans (deleted or held). A
 * collapse spread over many syncs adds up; during a recovery, the names that came back still count
 * until the window has passed them, so the names still broken stay held.
 *
 * <p>Kept in memory: a restarted process starts with an empty window, and its first sync is
 * measured as the original guard measured every sync (its orphans against what it owns). Not
 * thread-safe: used by the serialised sync.
 */
final class IncidentWindow {

  private final Duration window;
  private final Clock clock;
  private final Deque<Sample> owned = new ArrayDeque<>();
  private final Map<RecordKey, Instant> orphans = new HashMap<>();

  private record Sample(Instant at, int owned) {}

  IncidentWindow(Duration window, Clock clock) {
    this.window = Objects.requireNonNull(window, "window");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** What the guard should measure this sync against. */
  GuardHistory history() {
    prune();
    int peak = 0;
    for (Sample s : owned) {
      peak = Math.max(peak, s.owned());
    }
    return new GuardHistory(peak, orphans.keySet());
  }

  /** Records a sync: the record sets it found owned and the orphans it wanted to delete. */
  void record(int ownedNow, Collection<RecordSet> orphanDeletes) {
    Instant now = clock.instant();
    owned.addLast(new Sample(now, ownedNow));
    for (RecordSet r : orphanDeletes) {
      orphans.put(r.key(), now);
    }
    prune();
  }

  private void prune() {
    Instant oldest = clock.instant().minus(window);
    while (!owned.isEmpty() && owned.peekFirst().at().isBefore(oldest)) {
      owned.removeFirst();
    }
    orphans.values().removeIf(at -> at.isBefore(oldest));
  }
}
