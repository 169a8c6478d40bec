package io.kuberoute.core.plan;

import io.kuberoute.core.model.RecordKey;
import java.util.Objects;
import java.util.Set;

/**
 * What the deletion guard knows of the recent past (the {@code guard_window}): the most record sets
 * we owned at any sync in the window ({@code peakOwned}, the size of the estate when the incident
 * began) and every record set a sync in the window wanted to delete as an orphan, whether it was
 * deleted or held ({@code recentOrphans}). With it the guard measures a whole incident, not one
 * sync: neither a collapse spread over many syncs nor the recovery after one lets more than {@code
 * max_delete_percent} through.
 */
public record GuardHistory(int peakOwned, Set<RecordKey> recentOrphans) {

  /** No history: the guard measures this sync alone. */
  public static final GuardHistory NONE = new GuardHistory(0, Set.of());

  public GuardHistory {
    if (peakOwned < 0) {
      throw new IllegalArgumentException("peakOwned must not be negative: " + peakOwned);
    }
    recentOrphans = Set.copyOf(Objects.requireNonNull(recentOrphans, "recentOrphans"));
  }
}
