package io.kuberoute.core.plan;

import io.kuberoute.core.model.CurrentRecord;
import io.kuberoute.core.model.DesiredRecord;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.Ownership;
import io.kuberoute.core.model.RecordKey;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Compares what exists with what is wanted and returns the changes, name by name.
 *
 * <p>Only A, AAAA and CNAME record sets are planned; TXT and other types in the zone are never
 * touched. At each name the current record sets are ours (owner id equal), unowned (no mark) or
 * foreign (another owner id):
 *
 * <pre>
 * current at name            | wanted at name | action
 * ---------------------------+----------------+-------------------------------------------------
 * nothing                    | records        | CREATE each
 * ours                       | records        | per type: equal → nothing, differs → UPDATE,
 *                            |                | missing → CREATE, no longer wanted → DELETE
 * unowned (adopt_existing)   | records        | as ours, and an equal record is UPDATEd to mark it
 * a previous owner id's      | records        | as ours, and an equal record is UPDATEd to re-mark it
 * unowned (no adoption)      | records        | conflict, nothing written
 * any foreign record         | records        | conflict, nothing written
 * only a foreign lone mark   | records        | conflict, nothing written
 * ours or a previous id's    | nothing        | DELETE (an orphan: its service is gone)
 * unowned or foreign         | nothing        | nothing
 * </pre>
 *
 * <p>Then the policy filters: {@code upsert-only} drops orphan deletes, {@code create-only} only
 * creates names that have no A/AAAA/CNAME yet. Then the deletion guard: orphan deletes are held
 * back when the cluster view is incomplete, or when they exceed {@code max_delete_percent} of the
 * record sets we own (checked once we own at least {@link #GUARD_MINIMUM_OWNED}) unless forced.
 * Deletes that are part of a type change at a wanted name (A → CNAME) are replacements, not
 * removals, and are not held back. Names in {@code held} (a service with invalid labels still
 * claims them) are left exactly as they are.
 *
 * <p>Pure and thread-safe.
 */
public final class Planner {

  /** The deletion guard's percentage applies once at least this many record sets are ours. */
  public static final int GUARD_MINIMUM_OWNED = 10;

  private static final Set<RecordType> PLANNED =
      Set.of(RecordType.A, RecordType.AAAA, RecordType.CNAME);

  private final PlanSettings settings;

  public Planner(PlanSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  private boolean managed(CurrentRecord c) {
    return c.ownership().owner().map(settings::manages).orElse(false);
  }

  public PlanSettings settings() {
    return settings;
  }

  /**
   * Plans the changes.
   *
   * @param current what the backend holds under the managed domains
   * @param desired what the services (and the heartbeat) want
   * @param held names to leave alone
   * @param viewComplete false when the cluster view may be missing objects
   */
  public Plan plan(
      Collection<CurrentRecord> current,
      Collection<DesiredRecord> desired,
      Set<DnsName> held,
      boolean viewComplete) {
    return plan(current, desired, held, viewComplete, Map.of());
  }

  /**
   * Plans the changes, with the ownership marks found at names that hold no record set ({@code
   * loneMarks}): a wanted name marked by another owner is a conflict, never written.
   */
  public Plan plan(
      Collection<CurrentRecord> current,
      Collection<DesiredRecord> desired,
      Set<DnsName> held,
      boolean viewComplete,
      Map<DnsName, Ownership> loneMarks) {
    return plan(current, desired, held, viewComplete, loneMarks, 0, GuardHistory.NONE);
  }

  /**
   * Plans the changes at the names of {@code current} and {@code desired} only (an incremental
   * sync), where {@code ownedElsewhere} record sets we own lie at other names, the deletion guard
   * measuring this plan's orphans together with the incident {@code history} describes against the
   * most record sets owned in that time (everything we own, here and elsewhere).
   */
  public Plan plan(
      Collection<CurrentRecord> current,
      Collection<DesiredRecord> desired,
      Set<DnsName> held,
      boolean viewComplete,
      Map<DnsName, Ownership> loneMarks,
      int ownedElsewhere) {
    return plan(current, desired, held, viewComplete, loneMarks, ownedElsewhere, GuardHistory.NONE);
  }

  /** Plans every name (a full sync) with the deletion guard's memory of the incident so far. */
  public Plan plan(
      Collection<CurrentRecord> current,
      Collection<DesiredRecord> desired,
      Set<DnsName> held,
      boolean viewComplete,
      Map<DnsName, Ownership> loneMarks,
      GuardHistory history) {
    return plan(current, desired, held, viewComplete, loneMarks, 0, history);
  }

  /** As above, with the deletion guard's memory of the incident so far ({@code history}). */
  public Plan plan(
      Collection<CurrentRecord> current,
      Collection<DesiredRecord> desired,
      Set<DnsName> held,
      boolean viewComplete,
      Map<DnsName, Ownership> loneMarks,
      int ownedElsewhere,
      GuardHistory history) {
    Map<DnsName, Map<RecordType, CurrentRecord>> currentByName = new HashMap<>();
    for (CurrentRecord c : current) {
      if (PLANNED.contains(c.record().type())) {
        currentByName
            .computeIfAbsent(c.record().name(), n -> new EnumMap<>(RecordType.class))
            .put(c.record().type(), c);
      }
    }
    Map<DnsName, Map<RecordType, DesiredRecord>> desiredByName = new HashMap<>();
    for (DesiredRecord d : desired) {
      desiredByName
          .computeIfAbsent(d.record().name(), n -> new EnumMap<>(RecordType.class))
          .put(d.record().type(), d);
    }
    Set<DnsName> unique = new HashSet<>(currentByName.keySet());
    unique.addAll(desiredByName.keySet());
    List<DnsName> names = new ArrayList<>(unique);
    Collections.sort(names);

    String owner = settings.ownerId();
    List<DesiredRecord> creates = new ArrayList<>();
    List<RecordUpdate> updates = new ArrayList<>();
    List<RecordSet> replacedDeletes = new ArrayList<>();
    List<RecordSet> orphanDeletes = new ArrayList<>();
    List<Conflict> conflicts = new ArrayList<>();
    int owned = ownedElsewhere;
    for (Map<RecordType, CurrentRecord> atName : currentByName.values()) {
      for (CurrentRecord c : atName.values()) {
        if (managed(c)) {
          owned++;
        }
      }
    }

    for (DnsName name : names) {
      if (held.contains(name)) {
        continue;
      }
      Map<RecordType, CurrentRecord> cur = currentByName.getOrDefault(name, Map.of());
      Map<RecordType, DesiredRecord> want = desiredByName.getOrDefault(name, Map.of());
      if (want.isEmpty()) {
        for (CurrentRecord c : cur.values()) {
          if (managed(c)) {
            orphanDeletes.add(c.record());
          }
        }
        continue;
      }
      String resource = want.values().iterator().next().resource();
      Optional<CurrentRecord> foreign =
          cur.values().stream().filter(c -> !c.ownership().isUnowned() && !managed(c)).findFirst();
      Ownership loneMark = cur.isEmpty() ? loneMarks.get(name) : null;
      if (loneMark != null
          && !loneMark.isUnowned()
          && !settings.manages(loneMark.owner().orElseThrow())) {
        conflicts.add(
            new Conflict(
                name,
                resource,
                "%s is claimed by '%s'%s (an ownership mark with no records), not by '%s'; not created"
                    .formatted(
                        name,
                        loneMark.owner().orElseThrow(),
                        loneMark.resource().map(r -> " (" + r + ")").orElse(""),
                        owner)));
        continue;
      }
      if (foreign.isPresent()) {
        conflicts.add(
            new Conflict(
                name,
                resource,
                "%s is owned by '%s'%s, not by '%s'; not changed"
                    .formatted(
                        name,
                        foreign.get().ownership().owner().orElseThrow(),
                        foreign.get().ownership().resource().map(r -> " (" + r + ")").orElse(""),
                        owner)));
        continue;
      }
      boolean hasUnowned = cur.values().stream().anyMatch(c -> c.ownership().isUnowned());
      if (hasUnowned && !settings.adoptExisting()) {
        conflicts.add(
            new Conflict(
                name,
                resource,
                "%s already exists and is not owned by kuberoute; adopt_existing = false, not changed"
                    .formatted(name)));
        continue;
      }
      if (settings.policy() == Policy.CREATE_ONLY && !cur.isEmpty()) {
        continue;
      }
      for (DesiredRecord d : want.values()) {
        CurrentRecord c = cur.get(d.record().type());
        if (c == null) {
          creates.add(d);
        } else if (!c.record().equals(d.record())
            || !c.ownership().isOwnedBy(owner)
            || c.ownership().resource().filter(r -> !r.equals(d.resource())).isPresent()) {
          // a changed claim (another Service now wants the name) is re-marked too
          updates.add(new RecordUpdate(c.record(), d.record(), d.resource()));
        }
      }
      for (CurrentRecord c : cur.values()) {
        if (!want.containsKey(c.record().type())) {
          replacedDeletes.add(c.record());
        }
      }
    }

    if (settings.policy() == Policy.CREATE_ONLY) {
      updates.clear();
      replacedDeletes.clear();
      orphanDeletes.clear();
    } else if (settings.policy() == Policy.UPSERT_ONLY) {
      orphanDeletes.clear();
    }

    List<RecordSet> orphans = List.copyOf(orphanDeletes);
    List<RecordSet> withheld = List.of();
    Optional<DeletionGuard> guard = Optional.empty();
    if (!orphanDeletes.isEmpty()) {
      if (!viewComplete) {
        guard =
            Optional.of(
                new DeletionGuard(
                    DeletionGuard.Kind.INCOMPLETE_VIEW,
                    "the cluster view is incomplete; %d deletion(s) wait until it is synced"
                        .formatted(orphanDeletes.size())));
      } else if (!settings.force()) {
        guard = tooMany(orphanDeletes, owned, history);
      }
      if (guard.isPresent()) {
        withheld = List.copyOf(orphanDeletes);
        orphanDeletes.clear();
      }
    }
    List<RecordSet> deletes = new ArrayList<>(replacedDeletes);
    deletes.addAll(orphanDeletes);
    return new Plan(new ChangeSet(creates, updates, deletes), conflicts, withheld, guard, orphans);
  }

  /**
   * The max_delete_percent check: this plan's orphans together with those of the incident so far,
   * against the most record sets owned during it.
   */
  private Optional<DeletionGuard> tooMany(
      List<RecordSet> orphans, int owned, GuardHistory history) {
    Set<RecordKey> wanted = new HashSet<>(history.recentOrphans());
    for (RecordSet r : orphans) {
      wanted.add(r.key());
    }
    int base = Math.max(owned, history.peakOwned());
    if (base < GUARD_MINIMUM_OWNED
        || 100L * wanted.size() <= (long) settings.maxDeletePercent() * base) {
      return Optional.empty();
    }
    String message =
        wanted.size() == orphans.size() && base == owned
            ? ("deletion guard: the plan deletes %d of %d owned record sets (%d%%), more than "
                    + "max_delete_percent = %d; nothing was deleted (run with --force to allow it)")
                .formatted(
                    orphans.size(),
                    owned,
                    100 * orphans.size() / owned,
                    settings.maxDeletePercent())
            : ("deletion guard: %d of %d owned record sets were or would be deleted within the guard window"
                    + " (%d%%), more than max_delete_percent = %d; %d deletion(s) held (run with --force to allow"
                    + " them)")
                .formatted(
                    wanted.size(),
                    base,
                    100 * wanted.size() / base,
                    settings.maxDeletePercent(),
                    orphans.size());
    return Optional.of(new DeletionGuard(DeletionGuard.Kind.TOO_MANY_DELETES, message));
  }
}
