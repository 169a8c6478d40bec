package io.kuberoute.core.app;

import io.kuberoute.core.model.DomainFilter;
import io.kuberoute.core.plan.PlanSettings;
import io.kuberoute.core.routing.RouteSettings;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the sync needs to know: how services become records, the planner's rules, the
 * optional heartbeat, the resync {@code interval} (also the longest time between two state
 * reports), whether this is a dry run (print the plan, write nothing) and the domains managed
 * ({@code [kuberoute] domains}; {@link DomainFilter#ALL} when not set).
 */
public record SyncSettings(
    RouteSettings route,
    PlanSettings plan,
    Optional<HeartbeatSettings> heartbeat,
    Duration interval,
    boolean dryRun,
    DomainFilter domains) {

  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);

  public SyncSettings {
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(heartbeat, "heartbeat");
    Objects.requireNonNull(interval, "interval");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive");
    }
    Objects.requireNonNull(domains, "domains");
  }

  /** Settings that manage every domain ({@link DomainFilter#ALL}). */
  public SyncSettings(
      RouteSettings route,
      PlanSettings plan,
      Optional<HeartbeatSettings> heartbeat,
      Duration interval,
      boolean dryRun) {
    this(route, plan, heartbeat, interval, dryRun, DomainFilter.ALL);
  }

  /** These settings with other planner rules. */
  public SyncSettings withPlan(PlanSettings newPlan) {
    return new SyncSettings(route, newPlan, heartbeat, interval, dryRun, domains);
  }

  /** These settings limited to {@code filter} ({@code [kuberoute] domains}). */
  public SyncSettings withDomains(DomainFilter filter) {
    return new SyncSettings(route, plan, heartbeat, interval, dryRun, filter);
  }

  public static SyncSettings defaults() {
    return new SyncSettings(
        RouteSettings.defaults(), PlanSettings.defaults(), Optional.empty(), DEFAULT_INTERVAL, false);
  }
}
