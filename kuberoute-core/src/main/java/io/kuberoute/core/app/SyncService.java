package io.kuberoute.core.app;

import io.kuberoute.core.ClusterUnavailableException;
import io.kuberoute.core.internal.routing.Route;
import io.kuberoute.core.internal.routing.RouteTable;
import io.kuberoute.core.internal.routing.ServiceOutcome;
import io.kuberoute.core.internal.routing.ServiceProblem;
import io.kuberoute.core.model.CurrentRecord;
import io.kuberoute.core.model.DesiredRecord;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.ServiceRef;
import io.kuberoute.core.plan.ChangeSet;
import io.kuberoute.core.plan.Conflict;
import io.kuberoute.core.plan.Planner;
import io.kuberoute.core.port.CachingDnsBackend;
import io.kuberoute.core.port.ClusterHealth;
import io.kuberoute.core.port.ClusterSource;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.core.port.EventSink;
import io.kuberoute.core.port.Leadership;
import io.kuberoute.core.port.StatusSink;
import io.kuberoute.core.report.StatusReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sync: read the cluster → resolve routes → read DNS → plan → apply → report.
 *
 * <p>A full sync ({@link SyncTrigger#FULL}, {@link SyncTrigger#HEARTBEAT}) re-reads the whole
 * cluster view and plans every name. An event sync applies the changes the source reported since
 * the last sync to the {@link RouteTable}, and reads, plans and writes only the names of the
 * services whose outcome changed; it plans every name instead when it cannot be sure of less (the
 * first sync, a source that does not report changes, after a failed read, held deletions or a
 * standby, or when a change touches more than {@link #INCREMENTAL_NAME_LIMIT} names). Both give the
 * same DNS (a test drives both with random changes).
 *
 * <p>Failures are isolated: a service with invalid labels affects only its own name, a domain that
 * cannot be read only its names, a name that cannot be written only itself. When the cluster cannot
 * be read, or its source says it is {@linkplain ClusterHealth.State#UNAVAILABLE unavailable} (a
 * watch closed for too long, an API server that does not answer), nothing is written to DNS, the
 * sync fails with the reason and the last known state is reported with {@code apiserver_available:
 * false}. While the source is still {@linkplain ClusterHealth.State#STARTING starting} a sync does
 * nothing at all ({@link SyncResult.Outcome#STARTING}: no report, no failure). Every change is
 * logged once, at INFO, before it is applied.
 *
 * <p>The DNS is the registry: a full sync reads the domains of the current routes and every record
 * set marked with our owner id (or a previous one) wherever the backend finds it, so records of a
 * domain whose last service vanished, even while no kuberoute ran, are cleaned up by a fresh
 * process. Names outside {@code [kuberoute] domains} are neither read nor written. What is kept
 * between syncs ({@link ManagedNames}, {@link ServiceEvents}, {@link ProblemLog}, {@link
 * ReportPublisher}) is rebuilt by every full sync.
 *
 * <p>The backend is read through a {@link CachingDnsBackend}, wrapped here: a full sync reads the
 * DNS service, an event or heartbeat sync is answered from what the syncs before read and wrote,
 * and reads only what that does not hold. Backends themselves do not cache.
 *
 * <p>Thread-safe: syncs are serialised ({@link #sync} is synchronized).
 */
public final class SyncService {

  private static final Logger log = LoggerFactory.getLogger(SyncService.class);

  /** An event sync that touches more names than this plans every name instead. */
  public static final int INCREMENTAL_NAME_LIMIT = 256;

  private final Leadership leadership;
  private final SyncSettings settings;
  private final Clock clock;
  private final List<Consumer<SyncResult>> resultListeners;
  private final ClusterView cluster;
  private final Optional<Heartbeat> heartbeat;
  private final ProblemLog problemLog = new ProblemLog();
  private final ManagedNames names;
  private final ServiceEvents events;
  private final ReportPublisher report;
  private final PlannerRun plannerRun;
  private final ChangeWriter writer;

  private boolean warm;
  private volatile SyncResult lastResult;
  private volatile Instant lastSuccessAt;

  private SyncService(Builder b) {
    this.leadership = b.leadership;
    this.settings = b.settings;
    this.clock = b.clock;
    this.resultListeners = List.copyOf(b.resultListeners);
    this.cluster = new ClusterView(b.source, new RouteTable(settings.route(), settings.domains()));
    this.heartbeat =
        settings
            .heartbeat()
            .map(
                h ->
                    new Heartbeat(
                        h, settings.route().replacements(), settings.route().ttl(), clock));
    this.names = new ManagedNames(settings.plan());
    this.events = new ServiceEvents(b.events);
    this.report = new ReportPublisher(b.sinks, settings.interval(), clock);
    // the one read cache: event syncs answered from what was read and written, full syncs read
    DnsBackend backend = CachingDnsBackend.wrap(b.backend, settings.plan().ownerId());
    this.plannerRun =
        new PlannerRun(
            backend,
            new Planner(settings.plan()),
            settings.domains(),
            names,
            problemLog,
            new IncidentWindow(settings.guardWindow(), clock));
    this.writer = new ChangeWriter(backend, leadership, settings.dryRun(), b.dryRunOut);
  }

  public static Builder builder(ClusterSource source, DnsBackend backend, SyncSettings settings) {
    return new Builder(source, backend, settings);
  }

  /**
   * Wires a sync service; only source, backend and settings are required. The backend needs no
   * cache of its own: the service reads it through a {@link CachingDnsBackend}.
   */
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
     * Builds the service; it subscribes to the source's changes at once.
     *
     * @throws IllegalArgumentException if the backend marks records with another owner id than the
     *     planner's ({@code settings.plan().ownerId()})
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
    return report.last();
  }

  public Optional<SyncResult> lastResult() {
    return Optional.ofNullable(lastResult);
  }

  /**
   * Each routed Service and whether it publishes its failover now, as of the last sync that read
   * the cluster (for a per-Service gauge). A snapshot, in namespace/name order: safe to call from
   * any thread, and it does not wait for a sync in flight (its cost is the copy, on the caller's
   * thread; the sync keeps the states as each outcome changes).
   */
  public Map<ServiceRef, Boolean> failoverByService() {
    return new java.util.TreeMap<>(cluster.table().failoverStates());
  }

  /**
   * How many Services have a route (publish a name) as of the last sync that read the cluster. Safe
   * to call from any thread, and cheap: no pass over the Services.
   */
  public int routedServices() {
    return cluster.table().failoverStates().size();
  }

  /**
   * Whether the last sync left names whose write the DNS service refused or failed: the next sync
   * plans them again and reads them from DNS (never in a dry run, which writes nothing). The {@link
   * SyncLoop} runs that sync after a short backoff.
   */
  synchronized boolean hasNamesToRetry() {
    return !settings.dryRun() && names.hasRetries();
  }

  /** When the last successful sync finished. */
  public Optional<Instant> lastSuccessAt() {
    return Optional.ofNullable(lastSuccessAt);
  }

  /** Runs one sync. Never throws for a failure of the cluster, the backend or a sink. */
  public synchronized SyncResult sync(SyncTrigger trigger) {
    Run run = new Run(trigger, clock.instant(), System.nanoTime());
    ClusterHealth health = cluster.health();
    if (health.isStarting()) {
      return starting(run, health);
    }
    if (health.isUnavailable()) {
      return clusterUnavailable(run, health.reason());
    }
    ClusterView.Reading reading;
    try {
      reading = trigger == SyncTrigger.EVENT ? cluster.readChanges() : cluster.readAll();
    } catch (ClusterUnavailableException e) {
      return clusterUnavailable(run, e.getMessage());
    }
    RouteTable table = cluster.table();
    logProblems(reading, table, run);
    Set<DnsName> planned = namesToPlan(reading);
    List<DesiredRecord> desired = desired(table, planned, run);
    updateReport(reading, table);
    if (!leadership.isLeader()) {
      return standby(run);
    }
    if (planned != null && planned.isEmpty()) {
      // nothing that DNS shows changed: no DNS read, no plan
      for (Conflict c : problemLog.standingConflicts()) {
        run.errors.add(new SyncError(SyncError.Cause.CONFLICT, c.name().value(), c.message()));
      }
      return finish(run, ChangeSet.EMPTY, ChangeSet.EMPTY, names.ownedOutside(List.of()));
    }
    Optional<PlannerRun.Planned> result =
        plannerRun.plan(
            planned,
            table.domains(),
            desired,
            table.problems(),
            n -> table.routeAt(n).isPresent(),
            reading.complete(),
            trigger.refresh() || names.mustRefresh(),
            run.errors);
    if (result.isEmpty()) {
      names.refreshNext();
      return finish(run, ChangeSet.EMPTY, ChangeSet.EMPTY, 0);
    }
    PlannerRun.Planned p = result.get();
    report.held(p.plan().withheldDeletes(), planned);
    ChangeSet changes = p.plan().changes();
    ChangeSet applied = writer.write(changes, run.errors);
    int managed =
        p.ownedOutside()
            + names.owned(p.current())
            + applied.creates().size()
            - applied.deletes().size();
    if (planned != null) {
      names.retried(planned);
    }
    names.written(
        managed,
        failedNames(changes, applied),
        planned == null,
        !p.plan().withheldDeletes().isEmpty(),
        p.readFailed());
    if (!settings.dryRun()) {
      remember(reading, table, planned, p);
    }
    SyncResult done = finish(run, changes, applied, managed);
    if (!warm && planned == null && done.succeeded()) {
      warmUp(table, reading.complete());
    }
    return done;
  }

  /** How often the warm-up runs the event path: enough for the JIT to compile it. */
  static final int WARM_UP_ROUNDS = 200;

  /** The most time the warm-up may take, whatever the size of the cluster. */
  static final Duration WARM_UP_BUDGET = Duration.ofMillis(200);

  /**
   * Once, after the first full plan: the event path runs {@value #WARM_UP_ROUNDS} times (at most
   * {@link #WARM_UP_BUDGET}) with no effect, so that the first real change runs compiled code, not
   * the interpreter: a pod taken out of the route table and put back, and on what its going did,
   * the steps of an event sync up to the write: the names it reaches, the problems' and the
   * report's bookkeeping (each entry put back equal, as the table is as it was), the desired
   * records, a read and a plan of those names, the deletions it holds back, the change lines.
   * Nothing is written: the names were just synced, and the cache answers the reads. Not run: the
   * write, the Service events and the names' bookkeeping after it, which a change that does nothing
   * would not leave as they were.
   */
  private void warmUp(RouteTable table, boolean complete) {
    warm = true;
    long start = System.nanoTime();
    long deadline = start + WARM_UP_BUDGET.toNanos();
    int rounds = 0;
    Run run = new Run(SyncTrigger.EVENT, clock.instant(), start);
    while (rounds < WARM_UP_ROUNDS && System.nanoTime() < deadline) {
      Optional<RouteTable.Delta> gone = table.warmUp();
      if (gone.isEmpty()) {
        break;
      }
      ClusterView.Reading reading = new ClusterView.Reading(gone.get(), complete);
      Set<DnsName> planned = namesToPlan(reading);
      if (planned == null || planned.isEmpty()) {
        break;
      }
      if (onlyRoutes(gone.get())) {
        // a delta without problems leaves the problem log as it was; one with would log them
        problemLog.services(gone.get());
      }
      report.apply(gone.get(), table);
      List<DesiredRecord> wanted = desired(table, planned, run);
      Optional<PlannerRun.Planned> plan =
          plannerRun.plan(
              planned,
              table.domains(),
              wanted,
              table.problems(),
              n -> table.routeAt(n).isPresent(),
              complete,
              false,
              new ArrayList<>());
      if (plan.isEmpty()) {
        break;
      }
      // what a real sync of these names would hold back: what the full sync held there (nothing,
      // or every name would be planned)
      report.held(plan.get().plan().withheldDeletes(), planned);
      // the lines a change is logged with, for records that are there already
      ChangeLines.of(new ChangeSet(wanted, List.of(), List.of()));
      rounds++;
    }
    log.debug(
        "event path warmed up in {} ms ({} rounds)",
        (System.nanoTime() - start) / 1_000_000,
        rounds);
  }

  private static boolean onlyRoutes(RouteTable.Delta delta) {
    for (RouteTable.Change c : delta.services().values()) {
      if (!(c.after().orElse(null) instanceof Route)
          || !(c.before().orElse(null) instanceof Route)) {
        return false;
      }
    }
    return true;
  }

  /** The names this sync plans; null: every name. */
  private Set<DnsName> namesToPlan(ClusterView.Reading reading) {
    if (reading.all() || names.mustPlanAll()) {
      return null;
    }
    Set<DnsName> planned = names.affected(reading.delta());
    heartbeat.ifPresent(
        h -> reading.delta().domains().forEach(d -> h.nameFor(d).ifPresent(planned::add)));
    planned.removeIf(n -> !settings.domains().matches(n));
    return planned.size() > INCREMENTAL_NAME_LIMIT ? null : planned;
  }

  /** What the routes (and the heartbeat) want at the names planned (null: every name). */
  private List<DesiredRecord> desired(RouteTable table, Set<DnsName> planned, Run run) {
    List<DesiredRecord> desired = new ArrayList<>();
    if (planned == null) {
      for (Route route : table.resolution().routes()) {
        addRecords(route, desired);
      }
    } else {
      for (DnsName name : planned) {
        table.routeAt(name).ifPresent(route -> addRecords(route, desired));
      }
    }
    if (heartbeat.isPresent()) {
      try {
        Heartbeat.Records hb = heartbeat.get().desired(table.domains());
        for (DesiredRecord d : hb.records()) {
          if (planned == null || planned.contains(d.record().name())) {
            desired.add(d);
          }
        }
        hb.errors()
            .forEach(
                (domain, message) ->
                    run.errors.add(
                        new SyncError(SyncError.Cause.HEARTBEAT, domain.value(), message)));
      } catch (RuntimeException e) {
        run.errors.add(
            new SyncError(SyncError.Cause.HEARTBEAT, "heartbeat", "heartbeat: " + e.getMessage()));
      }
    }
    // a heartbeat name outside [kuberoute] domains is neither read nor written
    desired.removeIf(d -> !settings.domains().matches(d.record().name()));
    return desired;
  }

  private static void addRecords(Route route, List<DesiredRecord> into) {
    String resource = route.service().resource();
    for (RecordSet record : route.records()) {
      into.add(new DesiredRecord(record, resource));
    }
  }

  private void logProblems(ClusterView.Reading reading, RouteTable table, Run run) {
    if (reading.all()) {
      problemLog.services(table.problems());
    } else {
      problemLog.services(reading.delta());
    }
    for (ServiceProblem p : table.problems()) {
      run.errors.add(new SyncError(SyncError.Cause.SERVICE, p.service().toString(), p.toString()));
    }
  }

  private void updateReport(ClusterView.Reading reading, RouteTable table) {
    if (reading.all()) {
      report.reload(table);
    } else {
      report.apply(reading.delta(), table);
    }
  }

  /** After a sync that wrote: the names each service has, and the events of what changed. */
  private void remember(
      ClusterView.Reading reading, RouteTable table, Set<DnsName> planned, PlannerRun.Planned p) {
    Set<DnsName> before = publishedBefore(p.current(), p.desired());
    if (planned == null) {
      Collection<ServiceOutcome> outcomes = outcomes(table);
      names.rememberAll(outcomes, p.current());
      if (leadership.isLeader()) {
        events.all(outcomes, before);
      }
    } else {
      names.remember(reading.delta(), p.current());
      if (leadership.isLeader()) {
        events.changed(reading.delta(), before);
      }
    }
  }

  private static Collection<ServiceOutcome> outcomes(RouteTable table) {
    var resolution = table.resolution();
    List<ServiceOutcome> all = new ArrayList<>(resolution.routes());
    all.addAll(resolution.problems());
    return all;
  }

  /**
   * The names whose desired records were all in DNS before this sync's changes: a service seen for
   * the first time (after a restart, say) whose failover DNS already published was not just
   * switched to its failover, so it gets no FailoverActivated Event.
   */
  private static Set<DnsName> publishedBefore(
      Collection<CurrentRecord> current, List<DesiredRecord> desired) {
    Set<RecordSet> inDns = new HashSet<>();
    for (CurrentRecord c : current) {
      inDns.add(c.record());
    }
    Map<DnsName, Boolean> all = new HashMap<>();
    for (DesiredRecord d : desired) {
      all.merge(d.record().name(), inDns.contains(d.record()), Boolean::logicalAnd);
    }
    Set<DnsName> out = new HashSet<>();
    all.forEach(
        (name, published) -> {
          if (published) {
            out.add(name);
          }
        });
    return out;
  }

  private static Set<DnsName> failedNames(ChangeSet planned, ChangeSet applied) {
    if (planned.size() == applied.size()) {
      return Set.of();
    }
    Set<DnsName> failed = new HashSet<>(planned.names());
    failed.removeAll(applied.names());
    return failed;
  }

  private SyncResult clusterUnavailable(Run run, String reason) {
    run.errors.add(new SyncError(SyncError.Cause.CLUSTER, "kubernetes", reason));
    log.warn("cluster view unavailable, no DNS change this sync: {}", reason);
    names.planAllNext();
    return finish(run, false, SyncResult.Outcome.FAILED, ChangeSet.EMPTY, ChangeSet.EMPTY, 0);
  }

  /** Before the first complete listing: nothing read, written or reported; not a failure. */
  private SyncResult starting(Run run, ClusterHealth health) {
    if (lastResult == null || lastResult.outcome() != SyncResult.Outcome.STARTING) {
      log.info(
          "the cluster view is starting ({}): no DNS change until it is listed", health.reason());
    } else {
      log.debug("the cluster view is still starting ({})", health.reason());
    }
    names.planAllNext();
    SyncResult result =
        new SyncResult(
            run.start,
            elapsed(run.startNanos),
            run.trigger,
            SyncResult.Outcome.STARTING,
            ChangeSet.EMPTY,
            ChangeSet.EMPTY,
            run.errors,
            0,
            0);
    lastResult = result;
    notifyListeners(result);
    return result;
  }

  private SyncResult standby(Run run) {
    log.debug("not the leader: no DNS reads or writes");
    report.held(List.of(), null);
    names.refreshNext();
    report.state(true, Optional.ofNullable(lastSuccessAt), messages(run.errors));
    SyncResult result =
        new SyncResult(
            run.start,
            elapsed(run.startNanos),
            run.trigger,
            SyncResult.Outcome.STANDBY,
            ChangeSet.EMPTY,
            ChangeSet.EMPTY,
            run.errors,
            0,
            cluster.table().servicesInFailover());
    lastResult = result;
    notifyListeners(result);
    return result;
  }

  private SyncResult finish(Run run, ChangeSet planned, ChangeSet applied, int managed) {
    boolean success = run.errors.stream().noneMatch(e -> e.cause().failsSync());
    return finish(
        run,
        true,
        success ? SyncResult.Outcome.SUCCESS : SyncResult.Outcome.FAILED,
        planned,
        applied,
        managed);
  }

  private SyncResult finish(
      Run run,
      boolean available,
      SyncResult.Outcome outcome,
      ChangeSet planned,
      ChangeSet applied,
      int managed) {
    boolean success = outcome == SyncResult.Outcome.SUCCESS;
    Instant finished = clock.instant();
    Optional<Instant> lastSync =
        success ? Optional.of(finished) : Optional.ofNullable(lastSuccessAt);
    report.state(available, lastSync, messages(run.errors));
    if (!settings.dryRun() && leadership.isLeader()) {
      List<SyncError> failures = report.publish(run.trigger == SyncTrigger.FULL);
      if (!failures.isEmpty()) {
        run.errors.addAll(failures);
        report.state(available, lastSync, messages(run.errors));
      }
    }
    if (success) {
      lastSuccessAt = finished;
    }
    SyncResult result =
        new SyncResult(
            run.start,
            elapsed(run.startNanos),
            run.trigger,
            outcome,
            planned,
            applied,
            run.errors,
            managed,
            available ? cluster.table().servicesInFailover() : 0);
    lastResult = result;
    notifyListeners(result);
    if (success) {
      log.debug("sync ({}) done: {} change(s) applied", run.trigger, applied.size());
    } else {
      log.warn(
          "sync ({}) failed: {}",
          run.trigger,
          messages(run.errors.stream().filter(e -> e.cause().failsSync()).toList()));
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

  private static List<String> messages(List<SyncError> errors) {
    return errors.stream().map(SyncError::message).toList();
  }

  private static Duration elapsed(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /** One sync in progress: why, since when, and what went wrong so far. */
  private static final class Run {
    final SyncTrigger trigger;
    final Instant start;
    final long startNanos;
    final List<SyncError> errors = new ArrayList<>();

    Run(SyncTrigger trigger, Instant start, long startNanos) {
      this.trigger = trigger;
      this.start = start;
      this.startNanos = startNanos;
    }
  }
}
