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
 * ({@code [kuberoute] domains}; {@link DomainFilter#ALL} when not set), and how far back the
 * deletion guard measures an incident ({@code guard_window}, default three intervals).
 */
public record SyncSettings(
    RouteSettings route,
    PlanSettings plan,
    Optional<HeartbeatSettings> heartbeat,
    Duration interval,
    boolean dryRun,
    DomainFilter domains,
    Duration guardWindow) {

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
    Objects.requireNonNull(guardWindow, "guardWindow");
    if (guardWindow.isNegative()) {
      throw new IllegalArgumentException("guard window must not be negative");
    }
  }

  /** The default {@code guard_window}: three resync intervals. */
  public static Duration defaultGuardWindow(Duration interval) {
    return interval.multipliedBy(3);
  }

  /** Settings with the default guard window (three intervals). */
  public SyncSettings(
      RouteSettings route,
      PlanSettings plan,
      Optional<HeartbeatSettings> heartbeat,
      Duration interval,
      boolean dryRun,
      DomainFilter domains) {
    this(route, plan, heartbeat, interval, dryRun, domains, defaultGuardWindow(interval));
  }

  /** Settings that manage every domain ({@link DomainFilter#ALL}). */
  public SyncSettings(
      RouteSettings route,
      PlanSettings plan,
      Optional<HeartbeatSettings> heartbeat,
      Duration interval,
      boolean dryRun) {
    this(route, plan, heartbeat, interval, dryRun, DomainFilter.ALL, defaultGuardWindow(interval));
  }

  /** These settings with other planner rules. */
  public SyncSettings withPlan(PlanSettings newPlan) {
    return new SyncSettings(route, newPlan, heartbeat, interval, dryRun, domains, guardWindow);
  }

  /** These settings limited to {@code filter} ({@code [kuberoute] domains}). */
  public SyncSettings withDomains(DomainFilter filter) {
    return new SyncSettings(route, plan, heartbeat, interval, dryRun, filter, guardWindow);
  }

  /**
   * These settings with another {@code guard_window}: how far back the deletion guard adds up
   * deletions (zero: each sync alone, as the original guard did).
   */
  public SyncSettings withGuardWindow(Duration window) {
    return new SyncSettings(route, plan, heartbeat, interval, dryRun, domains, window);
  }

  public static SyncSettings defaults() {
    return new SyncSettings(
        RouteSettings.defaults(), PlanSettings.defaults(), Optional.empty(), DEFAULT_INTERVAL, false);
  }
}
