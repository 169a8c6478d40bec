package io.kuberoute.core.port;

import io.kuberoute.core.model.CurrentRecord;
import io.kuberoute.core.model.DesiredRecord;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.DomainFilter;
import io.kuberoute.core.model.Ownership;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.plan.ChangeSet;
import io.kuberoute.core.plan.NameChanges;
import io.kuberoute.core.plan.RecordUpdate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The one read cache of every {@link DnsBackend}: a backend reads the DNS service on every call,
 * this wrapper decides when a call is needed. {@link io.kuberoute.core.app.SyncService} wraps the
 * backend it is built with in one, so an embedder gets it without doing anything.
 *
 * <ul>
 *   <li>A read with {@code refresh} (a full sync) goes to the backend with the whole scope, and
 *       what it returns replaces everything held.
 *   <li>A read without {@code refresh} (an event sync) is answered from what the reads before saw,
 *       as changed by the writes through this wrapper since. What is not held goes to the backend,
 *       and only that: the scope's domains that no read covered, the owner ids no read discovered,
 *       the names whose write failed since, and the domains whose read failed. A filter other than
 *       the held one reads the whole scope (and starts over with it).
 *   <li>A write changes what is held exactly as far as it applied: each name the {@link
 *       ApplyResult} reports applied takes its deletes, updates and creates (owned by the owner id,
 *       claimed by the change's resource; a lone mark there is gone), each name it reports failed
 *       is read from the backend again when a read next needs it, and a write that throws leaves
 *       every name of its change set to be read again.
 * </ul>
 *
 * <p>Nothing is kept across processes: a fresh wrapper (a restart, a new leader) holds nothing, so
 * its first read goes to the backend whatever {@code refresh} says. Thread-safe (synchronized).
 */
public final class CachingDnsBackend implements DnsBackend {

  private final DnsBackend backend;
  private final String ownerId;

  /** The filter of what is held; null: nothing is held. */
  private DomainFilter filter;

  /** The subtrees held whole (within the filter). */
  private final Set<DnsName> domains = new TreeSet<>();

  /** The owner ids whose records are held wherever they are (within the filter). */
  private final Set<String> ownerIds = new HashSet<>();

  private final HeldRecords records = new HeldRecords();
  private final Map<DnsName, Ownership> loneMarks = new TreeMap<>();

  /** Domains or zones a read could not read, not read again since: holes in what is held. */
  private final Set<DnsName> failedDomains = new TreeSet<>();

  /** Names whose write failed: what is held of them may be wrong. */
  private final Set<DnsName> staleNames = new TreeSet<>();

  private CachingDnsBackend(DnsBackend backend, String ownerId) {
    this.backend = Objects.requireNonNull(backend, "backend");
    this.ownerId = Objects.requireNonNull(ownerId, "ownerId");
  }

  /**
   * {@code backend} behind a read cache; {@code backend} itself if it is one already.
   *
   * @param ownerId the owner id the backend marks its writes with (the backend's {@link
   *     DnsBackend#ownerId()} wins when it names one)
   */
  public static DnsBackend wrap(DnsBackend backend, String ownerId) {
    Objects.requireNonNull(backend, "backend");
    if (backend instanceof CachingDnsBackend) {
      return backend;
    }
    return new CachingDnsBackend(
        backend, backend.ownerId().orElse(Objects.requireNonNull(ownerId, "ownerId")));
  }

  /** The backend this wrapper reads and writes through. */
  public DnsBackend backend() {
    return backend;
  }

  @Override
  public synchronized ZoneState read(ReadScope scope, boolean refresh) {
    Objects.requireNonNull(scope, "scope");
    if (refresh || filter == null || !filter.equals(scope.filter())) {
      ZoneState state = backend.read(scope, refresh);
      clear();
      filter = scope.filter();
      take(scope, state);
      return state;
    }
    Optional<ReadScope> missing = missing(scope);
    Map<DnsName, String> failed = Map.of();
    if (missing.isPresent()) {
      ZoneState state = backend.read(missing.get(), false);
      take(missing.get(), state);
      failed = state.failedDomains();
    }
    return answer(scope, failed);
  }

  @Override
  public synchronized ApplyResult apply(ChangeSet changes) {
    ApplyResult result;
    try {
      result = backend.apply(changes);
    } catch (RuntimeException e) {
      staleNames.addAll(changes.names());
      throw e;
    }
    for (NameChanges name : changes.byName().values()) {
      if (result.failedNames().containsKey(name.name())) {
        staleNames.add(name.name());
      } else {
        applied(name);
      }
    }
    return result;
  }

  @Override
  public Optional<String> ownerId() {
    return backend.ownerId();
  }

  @Override
  public boolean showsChanges() {
    return backend.showsChanges();
  }

  /** Forgets what is held and closes the backend. */
  @Override
  public synchronized void close() {
    clear();
    backend.close();
  }

  @Override
  public String toString() {
    return backend.toString();
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * What of {@code scope} is not held: its domains no read covered, the owner ids no read
   * discovered, and the failed domains and stale names it may want. Empty when all is held.
   */
  private Optional<ReadScope> missing(ReadScope scope) {
    Set<DnsName> toRead = new TreeSet<>();
    for (DnsName d : scope.domains()) {
      if (filter.overlaps(d) && !withinAny(d, domains)) {
        toRead.add(d);
      }
    }
    for (DnsName failed : failedDomains) {
      if (scope.discovers() || overlapsAny(failed, scope.domains())) {
        toRead.add(failed);
      }
    }
    for (DnsName stale : staleNames) {
      if (filter.matches(stale) && (scope.discovers() || withinAny(stale, scope.domains()))) {
        toRead.add(stale);
      }
    }
    Set<String> owners = new HashSet<>(scope.ownerIds());
    owners.removeAll(ownerIds);
    if (toRead.isEmpty() && owners.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ReadScope(toRead, owners, filter));
  }

  /**
   * Takes what the backend returned for {@code read}: it replaces everything held that {@code read}
   * wants.
   */
  private void take(ReadScope read, ZoneState state) {
    records.removeWanted(read);
    loneMarks.entrySet().removeIf(e -> read.wants(e.getKey(), e.getValue().owner().orElse(null)));
    for (CurrentRecord r : state.records()) {
      records.put(r);
    }
    loneMarks.putAll(state.loneMarks());
    for (DnsName d : read.domains()) {
      if (filter.overlaps(d)) {
        domains.removeIf(held -> held.isWithin(d));
        if (!withinAny(d, domains)) {
          domains.add(d);
        }
      }
    }
    ownerIds.addAll(read.ownerIds());
    failedDomains.removeIf(f -> withinAny(f, read.domains()));
    staleNames.removeIf(n -> withinAny(n, read.domains()));
    Set<DnsName> failed = state.failedDomains().keySet();
    failedDomains.addAll(failed);
    if (!failed.isEmpty()) {
      records.removeWithin(failed);
      loneMarks.keySet().removeIf(n -> withinAny(n, failed));
    }
  }

  /** What {@code scope} wants of what is held; nothing at or below {@code failed}. */
  private ZoneState answer(ReadScope scope, Map<DnsName, String> failed) {
    List<CurrentRecord> out = new ArrayList<>();
    for (CurrentRecord r : records.candidates(scope)) {
      if (scope.wants(r) && !withinAny(r.record().name(), failed.keySet())) {
        out.add(r);
      }
    }
    Map<DnsName, Ownership> marks = new TreeMap<>();
    loneMarks.forEach(
        (name, mark) -> {
          if (scope.wants(name, mark.owner().orElse(null)) && !withinAny(name, failed.keySet())) {
            marks.put(name, mark);
          }
        });
    return new ZoneState(out, failed, marks);
  }

  /** Takes the changes of a name the backend applied. */
  private void applied(NameChanges name) {
    if (filter == null || !filter.matches(name.name())) {
      return; // nothing held there: a read asks the backend
    }
    for (RecordSet d : name.deletes()) {
      records.remove(d.key());
    }
    for (RecordUpdate u : name.updates()) {
      records.put(new CurrentRecord(u.after(), Ownership.ownedBy(ownerId, u.resource())));
    }
    for (DesiredRecord c : name.creates()) {
      records.put(new CurrentRecord(c.record(), Ownership.ownedBy(ownerId, c.resource())));
    }
    loneMarks.remove(name.name());
  }

  private void clear() {
    filter = null;
    domains.clear();
    ownerIds.clear();
    records.clear();
    loneMarks.clear();
    failedDomains.clear();
    staleNames.clear();
  }

  private static boolean withinAny(DnsName name, Collection<DnsName> subtrees) {
    for (DnsName d : subtrees) {
      if (name.isWithin(d)) {
        return true;
      }
    }
    return false;
  }

  private static boolean overlapsAny(DnsName name, Collection<DnsName> subtrees) {
    for (DnsName d : subtrees) {
      if (name.isWithin(d) || d.isWithin(name)) {
        return true;
      }
    }
    return false;
  }
}
