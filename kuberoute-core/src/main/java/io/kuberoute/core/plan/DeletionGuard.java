package io.kuberoute.core.plan;

import java.util.Objects;

/** Why the planner held deletions back. */
public record DeletionGuard(Kind kind, String message) {

  public enum Kind {
    /** The cluster view is incomplete (not yet synced, or a watch is broken): deletions wait. */
    INCOMPLETE_VIEW,
    /** The plan would delete more than {@code max_delete_percent} of owned records. */
    TOO_MANY_DELETES
  }

  public DeletionGuard {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }
}
