package io.kuberoute.core.app;

import io.kuberoute.core.ClusterUnavailableException;
import io.kuberoute.core.model.ClusterSnapshot;
import io.kuberoute.core.model.CurrentRecord;
import io.kuberoute.core.model.DesiredRecord;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.DomainFilter;
import io.kuberoute.core.model.RecordKey;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.ServiceRef;
import io.kuberoute.core.plan.ChangeSet;
import io.kuberoute.core.plan.Conflict;
import io.kuberoute.core.plan.DeletionGuard;
import io.kuberoute.core.plan.Plan;
import io.kuberoute.core.plan.Planner;
import io.kuberoute.core.port.ApplyResult;
import io.kuberoute.core.port.ClusterSource;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.core.port.EventSink;
import io.kuberoute.core.port.Leadership;
import io.kuberoute.core.port.ReadScope;
import io.kuberoute.core.port.ServiceEvent;
import io.kuberoute.core.port.StatusSink;
import io.kuberoute.core.port.ZoneState;
import io.kuberoute.core.report.StatusReport;
import io.kuberoute.core.routing.Resolution;
import io.kuberoute.core.routing.Route;
import io.kuberoute.core.routing.RouteResolver;
import io.kuberoute.core.routing.ServiceProblem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * One sync: read the cluster → resolve routes → read DNS → plan → apply → report.
 *
 * <p>Failures are isolated: a service with invalid labels affects only its own name, a domain that
 * cannot be read only its names, a name that cannot be written only itself. When the cluster
 * cannot be read nothing is written to DNS and the last known state is reported with {@code
 * apiserver_available: false}. Every change is logged once, at INFO, before it is applied.
 *
 * <p>The DNS is the registry: each sync reads the domains of the current routes and every record
 * set marked with our owner id (or a previous one) wherever the backend finds it, so records of a
 * domain whose last service vanished, even while no kuberoute ran, are cleaned up by a fresh
 * process. Names outside {@code [kuberoute] domains} are neither read nor written.
 *
 * <p>Thread-safe: syncs are serialised ({@link #sync} is synchronized). Between syncs the service
 * keeps only what can be rebuilt: the names each service published (a supplement, for a backend
 * whose marks carry no resource, to keep a service's name while its labels are invalid), the
 * failover state of each service (for events), the problems already logged, and the last report.
 */
public final class SyncService {

  private static final Logger log = LoggerFactory.getLogger(SyncService.class);

  private final ClusterSource source;
  private final DnsBackend backend;
  private final List<StatusSink> sinks;
  private final EventSink events;
  private final Leadership leadership;
  private final SyncSettings settings;
  private final Clock clock;
  private final Consumer<String> dryRunOut;
  private final List<Consumer<SyncResult>> resultListeners;
  private final RouteResolver resolver;
  private final Planner planner;
  private final Optional<Heartbeat> heartbeat;
  private final ProblemLog problemLog = new ProblemLog();
  private final IncidentWindow incidents;

  private final Map<ServiceRef, Set<DnsName>> publishedNames = new HashMap<>();
  private final Map<ServiceRef, Boolean> failoverState = new HashMap<>();
  private final Map<ServiceRef, String> problemState = new HashMap<>();
  private volatile StatusReport lastReport;
  private volatile SyncResult lastResult;
  private volatile Instant lastSuccessAt;
  private StatusReport lastPublished;
  private Instant lastPublishedAt;

  private SyncService(Builder b) {
    this.source = b.source;
    this.backend = b.backend;
    this.sinks = List.copyOf(b.sinks);
    this.events = b.events;
    this.leadership = b.leadership;
    this.settings = b.settings;
    this.clock = b.clock;
    this.dryRunOut = b.dryRunOut;
    this.resultListeners = List.copyOf(b.resultListeners);
    this.incidents = new IncidentWindow(settings.guardWindow(), clock);
    this.resolver = new RouteResolver(settings.route());
    this.planner = new Planner(settings.plan());
    this.heartbeat =
        settings
            .heartbeat()
            .map(
                h ->
                    new Heartbeat(
                        h, settings.route().replacements(), settings.route().ttl(), clock));
  }

  public static Builder builder(ClusterSource source, DnsBackend backend, SyncSettings settings) {
    return new Builder(source, backend, settings);
  }

  /** Wires a sync service; only source, backend and settings are required. */
  public static final class Builder {
    private final ClusterSource source;
    private final DnsBackend backend;
    private final SyncSettings settings;
    private final List<StatusSink> sinks = new ArrayList<>();
    private EventSink events = EventSink.none();
    private Leadership leadership = Leadership.always();
    private Clock clock = Clock.systemUTC();
    private Consumer<String> dryRunOut = System.out::println;
    private final List<Consumer<SyncResult>> resultListeners = new ArrayList<>();

    private Builder(ClusterSource source, DnsBackend backend, SyncSettings settings) {
      this.source = Objects.requireNonNull(source, "source");
      this.backend = Objects.requireNonNull(backend, "backend");
      this.settings = Objects.requireNonNull(settings, "settings");
    }

    public Builder statusSink(StatusSink sink) {
      sinks.add(Objects.requireNonNull(sink, "sink"));
      return this;
    }

    public Builder events(EventSink sink) {
      this.events = Objects.requireNonNull(sink, "sink");
      return this;
    }

    public Builder leadership(Leadership l) {
      this.leadership = Objects.requireNonNull(l, "leadership");
      return this;
    }

    public Builder clock(Clock c) {
      this.clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    /** Where {@code --dry-run} prints the plan (default: stdout). */
    public Builder dryRunOutput(Consumer<String> out) {
      this.dryRunOut = Objects.requireNonNull(out, "out");
      return this;
    }

    /** Called with the result of every sync, on the sync's thread (e.g. to record metrics). */
    public Builder onResult(Consumer<SyncResult> listener) {
      resultListeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Builds the sync service.
     *
     * @throws IllegalArgumentException if the backend marks records with another owner id than
     *     the planner's ({@code settings.plan().ownerId()})
     */
    public SyncService build() {
      String planned = settings.plan().ownerId();
      backend
          .ownerId()
          .filter(id -> !id.equals(planned))
          .ifPresent(
              id -> {
                throw new IllegalArgumentException(
                    ("the DNS backend marks records as owned by '%s' but the sync's owner id is '%s':"
                            + " records it writes would read back as someone else's; build both from the"
                            + " same id (PlanSettings.withOwnerId, BackendContext)")
                        .formatted(id, planned));
              });
      return new SyncService(this);
    }
  }

  public SyncSettings settings() {
    return settings;
  }

  /** The report of the last sync, if any sync ran. */
  public Optional<StatusReport> lastReport() {
    return Optional.ofNullable(lastReport);
  }

  public Optional<SyncResult> lastResult() {
    return Optional.ofNullable(lastResult);
  }

  /** When the last successful sync finished. */
  public Optional<Instant> lastSuccessAt() {
    return Optional.ofNullable(lastSuccessAt);
  }

  /** Runs one sync. Never throws for a failure of the cluster, the backend or a sink. */
  public synchronized SyncResult sync(SyncTrigger trigger) {
    Instant start = clock.instant();
    long startNanos = System.nanoTime();
    List<SyncError> errors = new ArrayList<>();

    ClusterSnapshot snapshot;
    try {
      snapshot = source.snapshot();
    } catch (ClusterUnavailableException e) {
      errors.add(new SyncError(SyncError.Cause.CLUSTER, "kubernetes", e.getMessage()));
      log.warn("cluster view unavailable, no DNS change this sync: {}", e.getMessage());
      StatusReport report =
          (lastReport == null ? StatusReport.empty(false) : lastReport).unavailable(messages(errors));
      return finish(start, startNanos, trigger, report, ChangeSet.EMPTY, ChangeSet.EMPTY, errors, 0, 0);
    }

    Resolution resolution = limitToManagedDomains(resolver.resolve(snapshot));
    problemLog.services(resolution.problems());
    for (ServiceProblem p : resolution.problems()) {
      errors.add(new SyncError(SyncError.Cause.SERVICE, p.service().toString(), p.toString()));
    }
    List<DesiredRecord> desired = new ArrayList<>(resolution.desiredRecords());
    Set<DnsName> domains = new TreeSet<>();
    for (Route route : resolution.routes()) {
      domains.add(route.domain());
    }
    if (heartbeat.isPresent()) {
      try {
        Heartbeat.Records hb = heartbeat.get().desired(domains);
        desired.addAll(hb.records());
        hb.errors()
            .forEach(
                (domain, message) ->
                    errors.add(new SyncError(SyncError.Cause.HEARTBEAT, domain.value(), message)));
      } catch (RuntimeException e) {
        errors.add(new SyncError(SyncError.Cause.HEARTBEAT, "heartbeat", "heartbeat: " + e.getMessage()));
      }
    }
    int servicesInFailover =
        (int) resolution.routes().stream().filter(Route::failoverActive).count();

    if (!leadership.isLeader()) {
      StatusReport report =
          StatusReport.of(snapshot, resolution, Optional.ofNullable(lastSuccessAt), messages(errors));
      lastReport = report;
      SyncResult result =
          new SyncResult(
              start, elapsed(startNanos), trigger, SyncResult.Outcome.STANDBY, ChangeSet.EMPTY,
              ChangeSet.EMPTY, errors, 0, servicesInFailover);
      lastResult = result;
      log.debug("not the leader: no DNS reads or writes");
      notifyListeners(result);
      return result;
    }

    ReadScope scope =
        ReadScope.of(domains, settings.plan().discoveredOwnerIds(), settings.domains());
    ZoneState state;
    try {
      state = backend.read(scope, trigger.refresh());
    } catch (RuntimeException e) {
      errors.add(new SyncError(SyncError.Cause.DNS_READ, "dns", "reading DNS failed: " + e.getMessage()));
      log.warn("reading DNS failed, no DNS change this sync: {}", e.getMessage());
      StatusReport report =
          StatusReport.of(snapshot, resolution, Optional.ofNullable(lastSuccessAt), messages(errors));
      return finish(start, startNanos, trigger, report, ChangeSet.EMPTY, ChangeSet.EMPTY, errors, 0, servicesInFailover);
    }
    Set<DnsName> failedDomains = state.failedDomains().keySet();
    state
        .failedDomains()
        .forEach(
            (domain, message) -> {
              errors.add(new SyncError(SyncError.Cause.DNS_READ, domain.value(), message));
              log.warn("domain {} skipped this sync: {}", domain, message);
            });
    Collection<CurrentRecord> current = dedupe(state.records(), failedDomains, scope);
    if (!failedDomains.isEmpty()) {
      desired.removeIf(d -> withinAny(d.record().name(), failedDomains));
    }

    // a heartbeat name outside [kuberoute] domains is neither read nor written
    desired.removeIf(d -> !settings.domains().matches(d.record().name()));
    Set<DnsName> held = heldNames(resolution, current);
    Plan plan =
        planner.plan(current, desired, held, snapshot.complete(), state.loneMarks(), incidents.history());
    problemLog.conflicts(plan.conflicts());
    for (Conflict c : plan.conflicts()) {
      errors.add(new SyncError(SyncError.Cause.CONFLICT, c.name().value(), c.message()));
    }
    if (plan.guard().isPresent()) {
      DeletionGuard guard = plan.guard().get();
      if (guard.kind() == DeletionGuard.Kind.TOO_MANY_DELETES) {
        errors.add(new SyncError(SyncError.Cause.DELETION_GUARD, "plan", guard.message()));
        log.error("{}", guard.message());
      } else {
        log.info("{}", guard.message());
      }
    }

    ChangeSet changes = plan.changes();
    ChangeSet applied = ChangeSet.EMPTY;
    if (settings.dryRun()) {
      ChangeLines.of(changes).forEach(dryRunOut);
    } else if (!changes.isEmpty()) {
      if (!leadership.isLeader()) {
        log.warn("lost leadership before writing; {} change(s) not applied", changes.size());
      } else {
        applied = apply(changes, errors);
      }
    }

    int owned = 0;
    for (CurrentRecord c : current) {
      if (c.ownership().owner().map(settings.plan()::manages).orElse(false)) {
        owned++;
      }
    }
    if (!settings.dryRun()) {
      incidents.record(owned, plan.orphanDeletes());
    }
    int managed = owned + applied.creates().size() - applied.deletes().size();

    if (!settings.dryRun()) {
      rememberPublished(resolution);
      emitEvents(resolution, publishedBefore(current, desired));
    }
    boolean success = errors.stream().noneMatch(e -> e.cause().failsSync());
    Optional<Instant> lastSync = success ? Optional.of(clock.instant()) : Optional.ofNullable(lastSuccessAt);
    StatusReport report = StatusReport.of(snapshot, resolution, lastSync, messages(errors));
    return finish(start, startNanos, trigger, report, changes, applied, errors, managed, servicesInFailover);
  }

  private ChangeSet apply(ChangeSet changes, List<SyncError> errors) {
    // a backend that shows the changes itself (fakedns prints them) gets no second copy at INFO
    Level level = backend.showsChanges() ? Level.DEBUG : Level.INFO;
    for (ChangeLines.Change c : ChangeLines.changes(changes)) {
      log.atLevel(level)
          .addKeyValue("action", c.action())
          .addKeyValue("name", c.record().name().value())
          .addKeyValue("type", c.record().type().name())
          .addKeyValue("ttl", c.record().ttl())
          .addKeyValue("targets", c.record().targetsText())
          .addKeyValue("service", c.resource().startsWith("service/") ? c.resource().substring(8) : c.resource())
          .log(c.line());
    }
    ApplyResult result;
    try {
      result = backend.apply(changes);
    } catch (RuntimeException e) {
      Map<DnsName, String> all = new LinkedHashMap<>();
      for (DnsName name : changes.names()) {
        all.put(name, e.getMessage());
      }
      result = new ApplyResult(all);
    }
    result
        .failedNames()
        .forEach(
            (name, message) -> {
              errors.add(new SyncError(SyncError.Cause.DNS_APPLY, name.value(), "writing " + name + " failed: " + message));
              log.warn("writing {} failed: {}", name, message);
            });
    Set<DnsName> failed = result.failedNames().keySet();
    return failed.isEmpty() ? changes : changes.filterNames(n -> !failed.contains(n));
  }

  private SyncResult finish(
      Instant start,
      long startNanos,
      SyncTrigger trigger,
      StatusReport report,
      ChangeSet planned,
      ChangeSet applied,
      List<SyncError> errors,
      int managed,
      int servicesInFailover) {
    boolean success = errors.stream().noneMatch(e -> e.cause().failsSync());
    if (!settings.dryRun() && leadership.isLeader()) {
      publish(report, errors);
    }
    StatusReport finalReport =
        errors.stream().anyMatch(e -> e.cause() == SyncError.Cause.REPORT)
            ? new StatusReport(
                report.apiserverAvailable(), report.nodes(), report.services(), report.lastSync(), messages(errors))
            : report;
    lastReport = finalReport;
    if (success) {
      lastSuccessAt = finalReport.lastSync().orElse(clock.instant());
    }
    SyncResult result =
        new SyncResult(
            start,
            elapsed(startNanos),
            trigger,
            success ? SyncResult.Outcome.SUCCESS : SyncResult.Outcome.FAILED,
            planned,
            applied,
            errors,
            managed,
            servicesInFailover);
    lastResult = result;
    notifyListeners(result);
    if (success) {
      log.debug("sync ({}) done: {} change(s) applied", trigger, applied.size());
    } else {
      log.warn("sync ({}) failed: {}", trigger, messages(errors.stream().filter(e -> e.cause().failsSync()).toList()));
    }
    return result;
  }

  private void notifyListeners(SyncResult result) {
    for (Consumer<SyncResult> listener : resultListeners) {
      try {
        listener.accept(result);
      } catch (RuntimeException e) {
        log.warn("sync result listener failed: {}", e.toString());
      }
    }
  }

  private void publish(StatusReport report, List<SyncError> errors) {
    Instant now = clock.instant();
    boolean due =
        lastPublished == null
            || !report.sameStateAs(lastPublished)
            || !now.isBefore(lastPublishedAt.plus(settings.interval()));
    if (!due || sinks.isEmpty()) {
      return;
    }
    boolean allOk = true;
    for (StatusSink sink : sinks) {
      try {
        sink.publish(report);
      } catch (RuntimeException e) {
        allOk = false;
        errors.add(
            new SyncError(
                SyncError.Cause.REPORT, sink.name(), "writing the state report to " + sink.name() + " failed: " + e.getMessage()));
        log.warn("writing the state report to {} failed (retried next sync): {}", sink.name(), e.getMessage());
      }
    }
    if (allOk) {
      lastPublished = report;
      lastPublishedAt = now;
    }
  }

  /**
   * Names left alone: those of services whose labels are invalid now. The names such a service
   * published are found from the registry (the resource its records are marked with) and, for a
   * backend whose marks carry no resource, from what this process saw it publish.
   */
  private Set<DnsName> heldNames(Resolution resolution, Collection<CurrentRecord> current) {
    Map<String, Set<DnsName>> byResource = new HashMap<>();
    for (CurrentRecord c : current) {
      if (c.ownership().owner().map(settings.plan()::manages).orElse(false)) {
        c.ownership()
            .resource()
            .ifPresent(r -> byResource.computeIfAbsent(r, k -> new HashSet<>()).add(c.record().name()));
      }
    }
    Set<DnsName> held = new HashSet<>();
    for (ServiceProblem p : resolution.problems()) {
      p.fqdn().ifPresent(held::add);
      if (p.reason() != ServiceProblem.Reason.DuplicateName
          && p.reason() != ServiceProblem.Reason.DomainNotManaged) {
        held.addAll(publishedNames.getOrDefault(p.service(), Set.of()));
        held.addAll(byResource.getOrDefault(p.service().resource(), Set.of()));
      }
    }
    // a name another, valid service publishes is not held
    for (Route route : resolution.routes()) {
      held.remove(route.fqdn());
    }
    return held;
  }

  private void rememberPublished(Resolution resolution) {
    Set<ServiceRef> seen = new HashSet<>();
    for (Route route : resolution.routes()) {
      publishedNames.put(route.service(), Set.of(route.fqdn()));
      seen.add(route.service());
    }
    for (ServiceProblem p : resolution.problems()) {
      seen.add(p.service());
    }
    publishedNames.keySet().retainAll(seen);
  }

  /**
   * Routes whose name lies outside {@code [kuberoute] domains} become a problem of their service:
   * nothing is read or written for them.
   */
  private Resolution limitToManagedDomains(Resolution resolution) {
    DomainFilter filter = settings.domains();
    if (filter.isAll()) {
      return resolution;
    }
    List<Route> routes = new ArrayList<>();
    List<ServiceProblem> problems = new ArrayList<>(resolution.problems());
    for (Route route : resolution.routes()) {
      if (filter.matches(route.fqdn())) {
        routes.add(route);
      } else {
        problems.add(
            new ServiceProblem(
                route.service(),
                ServiceProblem.Reason.DomainNotManaged,
                "name %s is outside the managed domains (%s); not published".formatted(route.fqdn(), filter),
                Optional.empty()));
      }
    }
    return new Resolution(routes, problems);
  }

  /**
   * The names whose desired records were all in DNS before this sync's changes: a service seen
   * for the first time (after a restart, say) whose failover DNS already published was not just
   * switched to its failover, so it gets no FailoverActivated Event.
   */
  private static Set<DnsName> publishedBefore(Collection<CurrentRecord> current, List<DesiredRecord> desired) {
    Set<RecordSet> inDns = new HashSet<>();
    for (CurrentRecord c : current) {
      inDns.add(c.record());
    }
    Map<DnsName, Boolean> all = new HashMap<>();
    for (DesiredRecord d : desired) {
      all.merge(d.record().name(), inDns.contains(d.record()), Boolean::logicalAnd);
    }
    Set<DnsName> out = new HashSet<>();
    all.forEach((name, published) -> {
      if (published) {
        out.add(name);
      }
    });
    return out;
  }

  private void emitEvents(Resolution resolution, Set<DnsName> publishedBefore) {
    if (!leadership.isLeader()) {
      return;
    }
    Set<ServiceRef> seen = new HashSet<>();
    for (Route route : resolution.routes()) {
      seen.add(route.service());
      Boolean known = failoverState.get(route.service());
      boolean before =
          known != null ? known : route.failoverActive() && publishedBefore.contains(route.fqdn());
      boolean now = route.failoverActive();
      if (now && !before) {
        emit(
            new ServiceEvent(
                route.service(),
                ServiceEvent.Type.Warning,
                ServiceEvent.FAILOVER_ACTIVATED,
                "%s now points at its failover %s: %d of %d nodes serve it (%d%%), quota %d%%"
                    .formatted(
                        route.fqdn(),
                        route.failover().orElseThrow().target(),
                        route.servingNodes(),
                        route.totalNodes(),
                        (int) route.currentQuota(),
                        route.quota().percent())));
      } else if (!now && before) {
        emit(
            new ServiceEvent(
                route.service(),
                ServiceEvent.Type.Normal,
                ServiceEvent.FAILOVER_CLEARED,
                "%s points at its own nodes again: %d of %d nodes serve it (%d%%), quota %d%%"
                    .formatted(
                        route.fqdn(),
                        route.servingNodes(),
                        route.totalNodes(),
                        (int) route.currentQuota(),
                        route.quota().percent())));
      }
      failoverState.put(route.service(), now);
      problemState.remove(route.service());
    }
    for (ServiceProblem p : resolution.problems()) {
      seen.add(p.service());
      if (!p.message().equals(problemState.get(p.service()))) {
        emit(new ServiceEvent(p.service(), ServiceEvent.Type.Warning, p.reason().name(), p.message()));
        problemState.put(p.service(), p.message());
      }
    }
    failoverState.keySet().retainAll(seen);
    problemState.keySet().retainAll(seen);
  }

  private void emit(ServiceEvent event) {
    try {
      events.emit(event);
    } catch (RuntimeException e) {
      log.warn("could not record event {} on {}: {}", event.reason(), event.service(), e.getMessage());
    }
  }

  /** Each record set once, none of a failed domain, none the scope did not ask for. */
  private static Collection<CurrentRecord> dedupe(
      List<CurrentRecord> records, Set<DnsName> failedDomains, ReadScope scope) {
    Map<RecordKey, CurrentRecord> byKey = new LinkedHashMap<>();
    for (CurrentRecord r : records) {
      if (scope.wants(r) && !withinAny(r.record().name(), failedDomains)) {
        byKey.putIfAbsent(r.key(), r);
      }
    }
    return byKey.values();
  }

  private static boolean withinAny(DnsName name, Set<DnsName> domains) {
    for (DnsName d : domains) {
      if (name.isWithin(d)) {
        return true;
      }
    }
    return false;
  }

  private static List<String> messages(List<SyncError> errors) {
    return errors.stream().map(SyncError::message).toList();
  }

  private static Duration elapsed(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
