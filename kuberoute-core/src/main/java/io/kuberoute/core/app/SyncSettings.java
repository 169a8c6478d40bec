package io.kuberoute.core.app;

import io.kuberoute.core.plan.PlanSettings;
import io.kuberoute.core.routing.RouteSettings;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the sync needs to know: how services become records, the planner's rules, the
 * optional heartbeat, the resync {@code interval} (also the longest time between two state
 * reports) and whether this is a dry run (print the plan, write nothing).
 */
public record SyncSettings(
    RouteSettings route,
    PlanSettings plan,
    Optional<HeartbeatSettings> heartbeat,
    Duration interval,
    boolean dryRun) {

  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);

  public SyncSettings {
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(heartbeat, "heartbeat");
    Objects.requireNonNull(interval, "interval");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive");
    }
  }

  public static SyncSettings defaults() {
    return new SyncSettings(
        RouteSettings.defaults(), PlanSettings.defaults(), Optional.empty(), DEFAULT_INTERVAL, false);
  }
}
