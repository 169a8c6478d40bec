package io.kuberoute.core.app;

import io.kuberoute.core.plan.ChangeSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one sync did.
 *
 * @param planned the changes the plan wanted
 * @param applied the changes written (empty in a dry run, on a standby, or when writing failed)
 * @param managedRecords record sets owned by us after the sync
 * @param servicesInFailover services publishing their failover
 */
public record SyncResult(
    Instant startedAt,
    Duration duration,
    SyncTrigger trigger,
    Outcome outcome,
    ChangeSet planned,
    ChangeSet applied,
    List<SyncError> errors,
    int managedRecords,
    int servicesInFailover) {

  /** How a sync ended. */
  public enum Outcome {
    /** Everything was read and written (problems of single services are warnings). */
    SUCCESS,
    /** Something failed; see {@link #errors()}. */
    FAILED,
    /** Not the leader: nothing was read from or written to DNS. */
    STANDBY,
    /**
     * The cluster view has not been listed yet ({@link
     * io.kuberoute.core.port.ClusterHealth.State#STARTING}): nothing was read or written, and no
     * report was made. Neither a success nor a failure.
     */
    STARTING
  }

  public SyncResult {
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(planned, "planned");
    Objects.requireNonNull(applied, "applied");
    errors = List.copyOf(errors);
  }

  /** Whether the sync did its job: {@link Outcome#SUCCESS} or {@link Outcome#STANDBY}. */
  public boolean succeeded() {
    return outcome == Outcome.SUCCESS || outcome == Outcome.STANDBY;
  }
}
