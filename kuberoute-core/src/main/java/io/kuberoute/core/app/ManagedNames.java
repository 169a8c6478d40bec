package io.kuberoute.core.app;

import io.kuberoute.core.internal.routing.Route;
import io.kuberoute.core.internal.routing.RouteTable;
import io.kuberoute.core.internal.routing.ServiceOutcome;
import io.kuberoute.core.internal.routing.ServiceProblem;
import io.kuberoute.core.model.CurrentRecord;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.ServiceRef;
import io.kuberoute.core.plan.PlanSettings;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What the sync keeps between syncs about the names it manages, all of it rebuilt by a full sync:
 *
 * <ul>
 *   <li>the names each service published, and those a service with invalid labels still holds
 *       (found from the resource its records are marked with), so that an incremental sync plans
 *       the names a change leaves as well as those it reaches;
 *   <li>how many record sets we own (the deletion guard of an incremental sync weighs against all
 *       of them);
 *   <li>names whose write failed (retried by the next sync), and whether the next sync must plan
 *       every name (nothing was planned yet, DNS could not be read, deletions were held back);
 *   <li>whether the next sync must read DNS from the service rather than from the read cache: DNS
 *       could not be read at all (what the cache holds was not confirmed), or this instance was a
 *       standby (another leader may have written since the cache was filled).
 * </ul>
 *
 * Not thread-safe: used by the serialised sync.
 */
final class ManagedNames {

  private final PlanSettings plan;
  private final Map<ServiceRef, Set<DnsName>> published = new HashMap<>();
  private final Set<DnsName> retry = new HashSet<>();
  private OptionalInt owned = OptionalInt.empty();
  private boolean planAll = true;
  private boolean refresh;

  ManagedNames(PlanSettings plan) {
    this.plan = plan;
  }

  /** Whether the next sync must plan every name. */
  boolean mustPlanAll() {
    return planAll || owned.isEmpty();
  }

  /** The next sync plans every name (its cluster read failed, or the view was still starting). */
  void planAllNext() {
    planAll = true;
  }

  /**
   * The next sync reads DNS from the service, not from the read cache, and plans every name: DNS
   * could not be read, or another instance may have written since (this one was a standby).
   */
  void refreshNext() {
    planAll = true;
    refresh = true;
  }

  /** Whether the next sync must read DNS from the service, whatever triggered it. */
  boolean mustRefresh() {
    return refresh;
  }

  /** Record sets we own outside {@code current} (which holds some of ours). */
  int ownedOutside(Collection<CurrentRecord> current) {
    return owned.orElse(0) - owned(current);
  }

  /** Ours (our owner id or a previous one). */
  boolean isOurs(CurrentRecord c) {
    return c.ownership().owner().map(plan::manages).orElse(false);
  }

  int owned(Collection<CurrentRecord> current) {
    int n = 0;
    for (CurrentRecord c : current) {
      if (isOurs(c)) {
        n++;
      }
    }
    return n;
  }

  /**
   * The names an incremental sync plans for {@code delta}: those the changed services had and have,
   * those they published or held before, and the names to retry.
   */
  Set<DnsName> affected(RouteTable.Delta delta) {
    Set<DnsName> names = new HashSet<>(retry);
    delta
        .services()
        .forEach(
            (ref, change) -> {
              change.before().flatMap(ServiceOutcome::name).ifPresent(names::add);
              change.after().flatMap(ServiceOutcome::name).ifPresent(names::add);
              names.addAll(published.getOrDefault(ref, Set.of()));
            });
    return names;
  }

  /**
   * Names left alone: those of services whose labels are invalid now. The names such a service
   * published are found from the registry (the resource its records are marked with) and, for a
   * backend whose marks carry no resource, from what this process saw it publish.
   *
   * @param hasRoute whether a valid service publishes a name (then it is not held)
   */
  Set<DnsName> held(
      Collection<ServiceProblem> problems,
      Collection<CurrentRecord> current,
      Predicate<DnsName> hasRoute) {
    Map<String, Set<DnsName>> byResource = byResource(current);
    Map<DnsName, Set<String>> resourcesAt = resourcesAt(current);
    Set<DnsName> held = new HashSet<>();
    for (ServiceProblem p : problems) {
      p.fqdn().ifPresent(held::add);
      if (holdsPublished(p)) {
        String resource = p.service().resource();
        for (DnsName name : published.getOrDefault(p.service(), Set.of())) {
          // what this process saw a service publish counts unless the registry names another
          // resource there: then a restarted process, which knows only the registry, agrees
          Set<String> marked = resourcesAt.get(name);
          if (marked == null || marked.contains("") || marked.contains(resource)) {
            held.add(name);
          }
        }
        held.addAll(byResource.getOrDefault(resource, Set.of()));
      }
    }
    held.removeIf(hasRoute);
    return held;
  }

  private static boolean holdsPublished(ServiceProblem p) {
    return p.reason() != ServiceProblem.Reason.DuplicateName
        && p.reason() != ServiceProblem.Reason.DomainNotManaged;
  }

  /** The resources our records at each name are marked with ("" for a mark without one). */
  private Map<DnsName, Set<String>> resourcesAt(Collection<CurrentRecord> current) {
    Map<DnsName, Set<String>> at = new HashMap<>();
    for (CurrentRecord c : current) {
      if (isOurs(c)) {
        at.computeIfAbsent(c.record().name(), k -> new HashSet<>())
            .add(c.ownership().resource().orElse(""));
      }
    }
    return at;
  }

  private Map<String, Set<DnsName>> byResource(Collection<CurrentRecord> current) {
    Map<String, Set<DnsName>> byResource = new HashMap<>();
    for (CurrentRecord c : current) {
      if (isOurs(c)) {
        c.ownership()
            .resource()
            .ifPresent(
                r -> byResource.computeIfAbsent(r, k -> new HashSet<>()).add(c.record().name()));
      }
    }
    return byResource;
  }

  /**
   * After a sync that planned every name: each route's name, and for a service with invalid labels
   * the names it held; services that are gone are forgotten.
   */
  void rememberAll(Collection<ServiceOutcome> outcomes, Collection<CurrentRecord> current) {
    Map<String, Set<DnsName>> byResource = byResource(current);
    Set<ServiceRef> seen = new HashSet<>();
    for (ServiceOutcome o : outcomes) {
      seen.add(o.service());
      remember(o, byResource);
    }
    published.keySet().retainAll(seen);
  }

  /** After an incremental sync: what the changed services publish or hold now. */
  void remember(RouteTable.Delta delta, Collection<CurrentRecord> current) {
    Map<String, Set<DnsName>> byResource = byResource(current);
    delta
        .services()
        .forEach(
            (ref, change) -> {
              Optional<ServiceOutcome> after = change.after();
              if (after.isEmpty()) {
                published.remove(ref);
              } else {
                remember(after.get(), byResource);
              }
            });
  }

  private void remember(ServiceOutcome o, Map<String, Set<DnsName>> byResource) {
    if (o instanceof Route r) {
      published.put(r.service(), Set.of(r.fqdn()));
    } else if (o instanceof ServiceProblem p && holdsPublished(p)) {
      Set<DnsName> names = byResource.get(p.service().resource());
      if (names != null) {
        Set<DnsName> all = new HashSet<>(published.getOrDefault(p.service(), Set.of()));
        all.addAll(names);
        published.put(p.service(), Set.copyOf(all));
      }
    }
  }

  /**
   * After a sync that read DNS as the leader: how many record sets we own now, the names to retry,
   * and whether the next sync may plan only what changes.
   */
  void written(
      int ownedNow,
      Set<DnsName> failedNames,
      boolean plannedAll,
      boolean heldBack,
      boolean readFailed) {
    owned = OptionalInt.of(ownedNow);
    refresh = false;
    if (plannedAll) {
      retry.clear();
    }
    retry.addAll(failedNames);
    planAll = heldBack || readFailed;
  }

  /** Whether names whose write failed wait for a retry. */
  boolean hasRetries() {
    return !retry.isEmpty();
  }

  /** After an incremental sync: its retried names were planned again. */
  void retried(Set<DnsName> planned) {
    retry.removeAll(planned);
  }
}
