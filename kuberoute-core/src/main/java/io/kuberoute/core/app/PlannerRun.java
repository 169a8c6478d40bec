package io.kuberoute.core.app;

import io.kuberoute.core.internal.routing.ServiceProblem;
import io.kuberoute.core.model.CurrentRecord;
import io.kuberoute.core.model.DesiredRecord;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.DomainFilter;
import io.kuberoute.core.model.Ownership;
import io.kuberoute.core.model.RecordKey;
import io.kuberoute.core.plan.Conflict;
import io.kuberoute.core.plan.DeletionGuard;
import io.kuberoute.core.plan.GuardHistory;
import io.kuberoute.core.plan.Plan;
import io.kuberoute.core.plan.Planner;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.core.port.ReadScope;
import io.kuberoute.core.port.ZoneState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the planner: read what DNS holds at the names planned, leave alone the names held by
 * services with invalid labels, and plan. Every name (a full sync: the domains of the routes plus
 * every record set marked with our owner ids, wherever it is), or only some (an incremental sync:
 * exactly those names, weighed by the deletion guard against all we own).
 */
final class PlannerRun {

  private static final Logger log = LoggerFactory.getLogger(SyncService.class);

  /** What was read and planned. */
  record Planned(
      Collection<CurrentRecord> current,
      List<DesiredRecord> desired,
      Plan plan,
      int ownedOutside,
      boolean readFailed) {}

  private final DnsBackend backend;
  private final Planner planner;
  private final Set<String> ownerIds;
  private final DomainFilter filter;
  private final ManagedNames names;
  private final ProblemLog problemLog;

  private final IncidentWindow incidents;

  PlannerRun(
      DnsBackend backend,
      Planner planner,
      DomainFilter filter,
      ManagedNames names,
      ProblemLog problemLog,
      IncidentWindow incidents) {
    this.incidents = incidents;
    this.backend = backend;
    this.planner = planner;
    this.ownerIds = planner.settings().discoveredOwnerIds();
    this.filter = filter;
    this.names = names;
    this.problemLog = problemLog;
  }

  /**
   * Reads and plans; empty when DNS could not be read at all (the error is added).
   *
   * @param planned the names to plan; null: every name
   * @param domains the domains of the routes (read whole when every name is planned)
   * @param desired what is wanted at the names planned
   */
  Optional<Planned> plan(
      Set<DnsName> planned,
      Set<DnsName> domains,
      List<DesiredRecord> desired,
      Collection<ServiceProblem> problems,
      Predicate<DnsName> hasRoute,
      boolean viewComplete,
      boolean refresh,
      List<SyncError> errors) {
    ReadScope scope =
        planned == null
            ? ReadScope.of(domains, ownerIds, filter)
            : ReadScope.of(planned, Set.of(), filter);
    ZoneState state;
    try {
      state = backend.read(scope, refresh);
    } catch (RuntimeException e) {
      errors.add(
          new SyncError(SyncError.Cause.DNS_READ, "dns", "reading DNS failed: " + e.getMessage()));
      log.warn("reading DNS failed, no DNS change this sync: {}", e.getMessage());
      return Optional.empty();
    }
    Set<DnsName> failedDomains = state.failedDomains().keySet();
    state
        .failedDomains()
        .forEach(
            (domain, message) -> {
              errors.add(new SyncError(SyncError.Cause.DNS_READ, domain.value(), message));
              log.warn("domain {} skipped this sync: {}", domain, message);
            });
    Collection<CurrentRecord> current = current(state.records(), failedDomains, scope, planned);
    List<DesiredRecord> wanted = desired;
    if (!failedDomains.isEmpty()) {
      wanted = new ArrayList<>(desired);
      wanted.removeIf(d -> withinAny(d.record().name(), failedDomains));
    }
    Set<DnsName> held = names.held(problems, current, hasRoute);
    Map<DnsName, Ownership> loneMarks = state.loneMarks();
    int ownedOutside = 0;
    Plan plan;
    GuardHistory history = incidents.history();
    if (planned == null) {
      plan = planner.plan(current, wanted, held, viewComplete, loneMarks, 0, history);
    } else {
      held.retainAll(planned);
      Map<DnsName, Ownership> marks = new HashMap<>(loneMarks);
      marks.keySet().retainAll(planned);
      ownedOutside = names.ownedOutside(current);
      plan = planner.plan(current, wanted, held, viewComplete, marks, ownedOutside, history);
    }
    incidents.record(ownedOutside + owned(current), plan.orphanDeletes());
    problemLog.conflicts(plan.conflicts(), planned);
    for (Conflict c : problemLog.standingConflicts()) {
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
    return Optional.of(new Planned(current, wanted, plan, ownedOutside, !failedDomains.isEmpty()));
  }

  private int owned(Collection<CurrentRecord> current) {
    int n = 0;
    for (CurrentRecord c : current) {
      if (c.ownership().owner().map(planner.settings()::manages).orElse(false)) {
        n++;
      }
    }
    return n;
  }

  /** Each record set once, none of a failed domain, none the scope did not ask for. */
  private static Collection<CurrentRecord> current(
      List<CurrentRecord> records,
      Set<DnsName> failedDomains,
      ReadScope scope,
      Set<DnsName> planned) {
    Map<RecordKey, CurrentRecord> byKey = new LinkedHashMap<>();
    for (CurrentRecord r : records) {
      DnsName name = r.record().name();
      if ((planned == null ? scope.wants(r) : planned.contains(name) && scope.wants(r))
          && !withinAny(name, failedDomains)) {
        byKey.putIfAbsent(r.key(), r);
      }
    }
    return byKey.values();
  }

  static boolean withinAny(DnsName name, Set<DnsName> domains) {
    for (DnsName d : domains) {
      if (name.isWithin(d)) {
        return true;
      }
    }
    return false;
  }
}
