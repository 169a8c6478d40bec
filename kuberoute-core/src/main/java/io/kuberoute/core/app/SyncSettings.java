package io.kuberoute.core.app;

import io.kuberoute.core.model.DomainFilter;
import io.kuberoute.core.plan.PlanSettings;
import io.kuberoute.core.routing.RouteSettings;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the sync needs to know: how services become records, the planner's rules, the optional
 * heartbeat, the resync {@code interval} (also the longest time between two state reports), whether
 * this is a dry run (print the plan, write nothing) and the domains managed ({@code [kuberoute]
 * domains}; {@link DomainFilter#ALL} when not set), and how far back the deletion guard measures an
 * incident ({@code guard_window}, default three intervals).
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

  /**
   * The route and plan defaults, no heartbeat, a 60 s interval, not a dry run, every domain, the
   * guard window three intervals.
   */
  public static SyncSettings defaults() {
    return builder().build();
  }

  /**
   * A builder starting from {@link #defaults()}:
   *
   * <pre>{@code
   * SyncSettings settings = SyncSettings.builder()
   *     .plan(PlanSettings.builder().ownerId("myorg").build())
   *     .interval(Duration.ofSeconds(30))
   *     .dryRun(true)
   *     .build();
   * }</pre>
   *
   * <p>Unless {@link Builder#guardWindow(Duration)} is called, the guard window is three times the
   * interval the builder holds when it builds.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings (the guard window as it is, not derived again). */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.route = route;
    b.plan = plan;
    b.heartbeat = heartbeat;
    b.interval = interval;
    b.dryRun = dryRun;
    b.domains = domains;
    b.guardWindow = Optional.of(guardWindow);
    return b;
  }

  /** Builds {@link SyncSettings}; see {@link SyncSettings#builder()}. */
  public static final class Builder {
    private RouteSettings route = RouteSettings.defaults();
    private PlanSettings plan = PlanSettings.defaults();
    private Optional<HeartbeatSettings> heartbeat = Optional.empty();
    private Duration interval = DEFAULT_INTERVAL;
    private boolean dryRun;
    private DomainFilter domains = DomainFilter.ALL;
    private Optional<Duration> guardWindow = Optional.empty();

    private Builder() {}

    /** How Services become records. */
    public Builder route(RouteSettings value) {
      this.route = Objects.requireNonNull(value, "route");
      return this;
    }

    /** The planner's rules, among them the owner id. */
    public Builder plan(PlanSettings value) {
      this.plan = Objects.requireNonNull(value, "plan");
      return this;
    }

    /** The DNS heartbeat (default: none). */
    public Builder heartbeat(HeartbeatSettings value) {
      this.heartbeat = Optional.of(Objects.requireNonNull(value, "heartbeat"));
      return this;
    }

    /** The full resync interval, also the longest time between two state reports. */
    public Builder interval(Duration value) {
      this.interval = Objects.requireNonNull(value, "interval");
      return this;
    }

    /** Whether syncs only print their plan and write nothing. */
    public Builder dryRun(boolean value) {
      this.dryRun = value;
      return this;
    }

    /** The domains managed ({@code [kuberoute] domains}; default {@link DomainFilter#ALL}). */
    public Builder domains(DomainFilter value) {
      this.domains = Objects.requireNonNull(value, "domains");
      return this;
    }

    /** How far back the deletion guard adds up deletions (default three intervals). */
    public Builder guardWindow(Duration value) {
      this.guardWindow = Optional.of(Objects.requireNonNull(value, "guardWindow"));
      return this;
    }

    /**
     * The settings.
     *
     * @throws IllegalArgumentException saying which value breaks which rule
     */
    public SyncSettings build() {
      // the constructor checks the interval before the window derived from it
      return new SyncSettings(
          route,
          plan,
          heartbeat,
          interval,
          dryRun,
          domains,
          guardWindow.orElseGet(() -> defaultGuardWindow(interval)));
    }
  }
}
