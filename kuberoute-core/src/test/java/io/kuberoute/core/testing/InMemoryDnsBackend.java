package io.kuberoute.core.testing;

import io.kuberoute.core.DnsBackendException;
import io.kuberoute.core.model.CurrentRecord;
import io.kuberoute.core.model.DesiredRecord;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.Ownership;
import io.kuberoute.core.model.RecordKey;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.plan.ChangeSet;
import io.kuberoute.core.plan.NameChanges;
import io.kuberoute.core.plan.RecordUpdate;
import io.kuberoute.core.port.ApplyResult;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.core.port.ReadScope;
import io.kuberoute.core.port.ZoneState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A DNS backend in memory that records every change set it receives, like external-dns's mock
 * provider. It checks what a real DNS service would check (an update's "before" must match,
 * a create must not exist) and can be told to fail a name, a domain, or everything.
 */
public final class InMemoryDnsBackend implements DnsBackend {

  private final String ownerId;
  private final Map<RecordKey, CurrentRecord> records;
  private final List<ChangeSet> applied = new ArrayList<>();
  private final Set<DnsName> failingNames = new HashSet<>();
  private final Map<DnsName, String> failingDomains = new HashMap<>();
  private final Map<DnsName, Ownership> loneMarks;
  private volatile boolean unreachable;
  private int reads;

  public InMemoryDnsBackend(String ownerId) {
    this(ownerId, new TreeMap<>(), new HashMap<>());
  }

  private InMemoryDnsBackend(
      String ownerId, Map<RecordKey, CurrentRecord> records, Map<DnsName, Ownership> loneMarks) {
    this.ownerId = ownerId;
    this.records = records;
    this.loneMarks = loneMarks;
  }

  /**
   * Another backend over the same store, writing as {@code otherOwner}: a second kuberoute (another
   * cluster) writing into the same zone. Calls on the two are not synchronised with each other; use
   * them from one thread.
   */
  public InMemoryDnsBackend sharedWith(String otherOwner) {
    return new InMemoryDnsBackend(otherOwner, records, loneMarks);
  }

  /** Puts a record directly into the store (someone else's, or ours from an earlier run). */
  public synchronized InMemoryDnsBackend seed(RecordSet record, Ownership ownership) {
    records.put(record.key(), new CurrentRecord(record, ownership));
    return this;
  }

  public synchronized void failName(DnsName name) {
    failingNames.add(name);
  }

  /** Stops failing writes at {@code name} (see {@link #failName}). */
  public synchronized void healName(DnsName name) {
    failingNames.remove(name);
  }

  public synchronized void failDomain(DnsName domain, String message) {
    failingDomains.put(domain, message);
  }

  public void setUnreachable(boolean value) {
    unreachable = value;
  }

  public synchronized List<ChangeSet> appliedChangeSets() {
    return List.copyOf(applied);
  }

  public synchronized List<CurrentRecord> all() {
    return List.copyOf(records.values());
  }

  public synchronized int reads() {
    return reads;
  }

  @Override
  public Optional<String> ownerId() {
    return Optional.of(ownerId);
  }

  @Override
  public synchronized ZoneState read(ReadScope scope, boolean refresh) {
    if (unreachable) {
      throw new DnsBackendException("in-memory DNS is unreachable", true);
    }
    reads++;
    List<CurrentRecord> out = new ArrayList<>();
    Map<DnsName, String> failed = new HashMap<>();
    failingDomains.forEach(
        (domain, message) -> {
          if (scope.filter().overlaps(domain)) {
            failed.put(domain, message);
          }
        });
    for (CurrentRecord r : records.values()) {
      if (scope.wants(r) && !withinAny(r.record().name(), failed.keySet())) {
        out.add(r);
      }
    }
    Map<DnsName, Ownership> marks = new HashMap<>();
    loneMarks.forEach(
        (name, mark) -> {
          if (scope.filter().matches(name)) {
            marks.put(name, mark);
          }
        });
    return new ZoneState(out, failed, marks);
  }

  private static boolean withinAny(DnsName name, Set<DnsName> domains) {
    return domains.stream().anyMatch(name::isWithin);
  }

  /** Puts an ownership mark with no records at {@code name} (a TXT mark left alone). */
  public synchronized InMemoryDnsBackend seedLoneMark(DnsName name, Ownership mark) {
    loneMarks.put(name, mark);
    return this;
  }

  @Override
  public synchronized ApplyResult apply(ChangeSet changes) {
    if (unreachable) {
      throw new DnsBackendException("in-memory DNS is unreachable", true);
    }
    applied.add(changes);
    Map<DnsName, String> failures = new HashMap<>();
    for (NameChanges name : changes.byName().values()) {
      if (failingNames.contains(name.name())) {
        failures.put(name.name(), "injected failure");
        continue;
      }
      String problem = check(name);
      if (problem != null) {
        failures.put(name.name(), problem);
        continue;
      }
      for (RecordSet d : name.deletes()) {
        records.remove(d.key());
      }
      for (RecordUpdate u : name.updates()) {
        records.put(u.after().key(), new CurrentRecord(u.after(), Ownership.ownedBy(ownerId, u.resource())));
      }
      for (DesiredRecord c : name.creates()) {
        records.put(c.key(), new CurrentRecord(c.record(), Ownership.ownedBy(ownerId, c.resource())));
      }
      loneMarks.remove(name.name());
    }
    return new ApplyResult(failures);
  }

  private String check(NameChanges name) {
    for (RecordSet d : name.deletes()) {
      CurrentRecord c = records.get(d.key());
      if (c == null || !c.record().equals(d)) {
        return "delete of " + d.key() + " does not match what exists";
      }
    }
    for (RecordUpdate u : name.updates()) {
      CurrentRecord c = records.get(u.before().key());
      if (c == null || !c.record().equals(u.before())) {
        return "update of " + u.before().key() + " does not match what exists";
      }
    }
    for (DesiredRecord c : name.creates()) {
      if (records.containsKey(c.key())) {
        return "create of " + c.key() + ": it already exists";
      }
    }
    Ownership mark = loneMarks.get(name.name());
    if (mark != null && !mark.isOwnedBy(ownerId)) {
      return "the ownership mark at " + name.name() + " belongs to " + mark.owner().orElse("nobody");
    }
    return null;
  }
}
