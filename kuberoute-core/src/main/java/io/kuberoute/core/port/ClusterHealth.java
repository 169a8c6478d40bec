package io.kuberoute.core.port;

import java.time.Instant;
import java.util.Objects;

/**
 * Whether the cluster view can be trusted now, and why not: what {@code /readyz}, {@code /status},
 * the state report, the metrics and the outcome of every sync say about the API server.
 *
 * <ul>
 *   <li>{@link State#STARTING}: nothing has been listed yet, and nothing has failed either (the
 *       first lists are on their way). A sync does nothing and is neither a success nor a failure.
 *   <li>{@link State#AVAILABLE}: every list is done and the watches are alive (a watch closed for a
 *       moment, as when it is routinely opened again, is still available).
 *   <li>{@link State#UNAVAILABLE}: a list failed, a watch has been closed for too long, or the API
 *       server did not answer a probe. A sync writes nothing to DNS and fails with the reason.
 * </ul>
 *
 * @param state the state
 * @param reason one line: why it is not available (empty when available)
 * @param since when this state began
 */
public record ClusterHealth(State state, String reason, Instant since) {

  /** The three states of the view. */
  public enum State {
    STARTING,
    AVAILABLE,
    UNAVAILABLE
  }

  public ClusterHealth {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(since, "since");
    if (state == State.AVAILABLE && !reason.isEmpty()) {
      throw new IllegalArgumentException("an available view has no reason, got: " + reason);
    }
    if (state != State.AVAILABLE && reason.isBlank()) {
      throw new IllegalArgumentException("a view that is " + state + " needs a reason");
    }
    if (reason.indexOf('\n') >= 0 || reason.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("the reason must be one line, got: " + reason);
    }
  }

  public static ClusterHealth available(Instant since) {
    return new ClusterHealth(State.AVAILABLE, "", since);
  }

  public static ClusterHealth starting(String reason, Instant since) {
    return new ClusterHealth(State.STARTING, reason, since);
  }

  public static ClusterHealth unavailable(String reason, Instant since) {
    return new ClusterHealth(State.UNAVAILABLE, reason, since);
  }

  public boolean isAvailable() {
    return state == State.AVAILABLE;
  }

  public boolean isStarting() {
    return state == State.STARTING;
  }

  public boolean isUnavailable() {
    return state == State.UNAVAILABLE;
  }

  /** E.g. {@code available}, {@code starting: waiting for the first list of nodes}. */
  @Override
  public String toString() {
    String name = state.name().toLowerCase(java.util.Locale.ROOT);
    return reason.isEmpty() ? name : name + ": " + reason;
  }
}
