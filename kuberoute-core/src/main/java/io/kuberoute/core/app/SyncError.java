package io.kuberoute.core.app;

import java.util.Objects;

/**
 * One thing that went wrong in a sync, with its cause (a metric label), what it concerns (a
 * service, a domain, a name) and a message fit for an operator.
 */
public record SyncError(Cause cause, String subject, String message) {

  /** Causes; {@link #failsSync()} tells whether the sync counts as failed. */
  public enum Cause {
    /** The Kubernetes API could not be read. */
    CLUSTER(true),
    /** A domain could not be read from the DNS backend. */
    DNS_READ(true),
    /** Changes at a name could not be written. */
    DNS_APPLY(true),
    /** The deletion guard held deletions back (max_delete_percent). */
    DELETION_GUARD(true),
    /** The heartbeat record could not be built. */
    HEARTBEAT(true),
    /** A service has invalid labels; only that service is affected. */
    SERVICE(false),
    /** A name is owned by someone else, or adoption is off. */
    CONFLICT(false),
    /** The state report could not be written; retried next sync. */
    REPORT(false);

    private final boolean failsSync;

    Cause(boolean failsSync) {
      this.failsSync = failsSync;
    }

    public boolean failsSync() {
      return failsSync;
    }

    /** Lower-case, for metric labels. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public SyncError {
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return message;
  }
}
