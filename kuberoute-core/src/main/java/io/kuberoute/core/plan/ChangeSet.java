package io.kuberoute.core.plan;

import io.kuberoute.core.model.DesiredRecord;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.RecordSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What to change in DNS: record sets to create (with the resource that claims them), to update
 * (before and after) and to delete. Each list is sorted by name and type; immutable.
 */
public record ChangeSet(
    List<DesiredRecord> creates, List<RecordUpdate> updates, List<RecordSet> deletes) {

  public static final ChangeSet EMPTY = new ChangeSet(List.of(), List.of(), List.of());

  public ChangeSet {
    creates = creates.stream().sorted(Comparator.comparing(DesiredRecord::key)).toList();
    updates = updates.stream().sorted(Comparator.comparing(u -> u.after().key())).toList();
    deletes = deletes.stream().sorted(Comparator.comparing(RecordSet::key)).toList();
  }

  public boolean isEmpty() {
    return creates.isEmpty() && updates.isEmpty() && deletes.isEmpty();
  }

  public int size() {
    return creates.size() + updates.size() + deletes.size();
  }

  /** The names this change set touches. */
  public Set<DnsName> names() {
    return byName().keySet();
  }

  /** The changes grouped by name, names sorted. */
  public SortedMap<DnsName, NameChanges> byName() {
    Map<DnsName, List<RecordSet>> d = new TreeMap<>();
    Map<DnsName, List<RecordUpdate>> u = new TreeMap<>();
    Map<DnsName, List<DesiredRecord>> c = new TreeMap<>();
    for (RecordSet r : deletes) {
      d.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(r);
    }
    for (RecordUpdate r : updates) {
      u.computeIfAbsent(r.after().name(), k -> new ArrayList<>()).add(r);
    }
    for (DesiredRecord r : creates) {
      c.computeIfAbsent(r.record().name(), k -> new ArrayList<>()).add(r);
    }
    SortedMap<DnsName, NameChanges> out = new TreeMap<>();
    for (DnsName name : union(d.keySet(), u.keySet(), c.keySet())) {
      out.put(
          name,
          new NameChanges(
              name,
              d.getOrDefault(name, List.of()),
              u.getOrDefault(name, List.of()),
              c.getOrDefault(name, List.of())));
    }
    return out;
  }

  /** Only the changes at names that satisfy {@code keep}. */
  public ChangeSet filterNames(Predicate<DnsName> keep) {
    return new ChangeSet(
        creates.stream().filter(r -> keep.test(r.record().name())).toList(),
        updates.stream().filter(r -> keep.test(r.after().name())).toList(),
        deletes.stream().filter(r -> keep.test(r.name())).toList());
  }

  @SafeVarargs
  private static Set<DnsName> union(Set<DnsName>... sets) {
    Set<DnsName> all = new java.util.TreeSet<>();
    for (Set<DnsName> s : sets) {
      all.addAll(s);
    }
    return all;
  }
}
