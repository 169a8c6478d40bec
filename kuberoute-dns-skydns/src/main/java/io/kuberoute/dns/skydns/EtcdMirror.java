package io.kuberoute.dns.skydns;

import io.kuberoute.core.model.CurrentRecord;
import io.kuberoute.core.model.DnsName;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the SkyDNS backend keeps of etcd between calls, as the basis of its writes (not a read
 * cache: every read loads its ranges again): the keys of the ranges it read whole (a domain's
 * subtree, or the whole prefix), as changed by its own writes since, and the record sets they form,
 * name by name.
 *
 * <p>A range is given by a path ({@code /skydns/com/example}, or the prefix {@code /skydns}) and
 * holds the keys from {@code <path>/} up to {@code <path>0}. A write changes the keys and the
 * record sets of its own name only, so a read that follows it does not rebuild the record sets of
 * any other name, however many the range holds. What is kept holds nothing outside the ranges read.
 *
 * <p>Not thread-safe: the backend serialises its calls.
 */
final class EtcdMirror {

  private final SkyDnsLayout layout;
  private SkyDnsRecords records;

  /** The keys of the {@link #loaded} ranges, by key. */
  private final NavigableMap<String, EtcdEntry> keys = new TreeMap<>();

  /** The paths of the ranges {@link #keys} holds whole. */
  private final Set<String> loaded = new HashSet<>();

  /** The record sets at each name of the loaded ranges, by the name's path; no empty lists. */
  private final NavigableMap<String, List<CurrentRecord>> byName = new TreeMap<>();

  EtcdMirror(SkyDnsLayout layout, SkyDnsRecords records) {
    this.layout = Objects.requireNonNull(layout, "layout");
    this.records = Objects.requireNonNull(records, "records");
  }

  /** Whether the range of {@code path} is held whole (it, or a range above it, was loaded). */
  boolean holds(String path) {
    for (String p : loaded) {
      if (within(path, p)) {
        return true;
      }
    }
    return false;
  }

  /** Whether anything is held. */
  boolean isEmpty() {
    return loaded.isEmpty();
  }

  /** Replaces what is held of the range of {@code path} by {@code entries}, just read. */
  void load(String path, List<EtcdEntry> entries) {
    loaded.removeIf(p -> within(p, path));
    range(keys, path).clear();
    byName.remove(path);
    range(byName, path).clear();
    for (EtcdEntry e : entries) {
      keys.put(e.key(), e);
    }
    index(entries);
    loaded.add(path);
  }

  /** The record sets at and below the names of the range of {@code path}, which must be held. */
  List<CurrentRecord> records(String path) {
    List<CurrentRecord> out = new ArrayList<>();
    List<CurrentRecord> atPath = byName.get(path);
    if (atPath != null) {
      out.addAll(atPath);
    }
    for (List<CurrentRecord> atName : range(byName, path).values()) {
      out.addAll(atName);
    }
    return out;
  }

  /** {@code name}'s own keys (the direct children of its path); its range must be held. */
  List<EtcdEntry> keysOf(DnsName name) {
    return SkyDnsRecords.keysOf(layout, name, range(keys, layout.path(name)).values());
  }

  /**
   * Applies a write etcd carried out at {@code name} (at {@code revision}) to what is held, if the
   * name's range is held, and rebuilds the name's record sets.
   */
  void written(DnsName name, NameWrite.Result plan, long revision) {
    String path = layout.path(name);
    if (!holds(path)) {
      return;
    }
    for (EtcdEntry e : plan.deletes()) {
      keys.remove(e.key());
    }
    for (NameWrite.Put p : plan.puts()) {
      keys.put(p.key(), new EtcdEntry(p.key(), p.value(), revision));
    }
    List<CurrentRecord> now = records.read(keysOf(name));
    if (now.isEmpty()) {
      byName.remove(path);
    } else {
      byName.put(path, now);
    }
  }

  /**
   * Reads the record sets with other rules of ownership (other previous owner ids) from now on,
   * rebuilding those held.
   */
  void reclassify(SkyDnsRecords newRecords) {
    records = Objects.requireNonNull(newRecords, "records");
    byName.clear();
    index(keys.values());
  }

  /** Drops everything: the next read goes to etcd. */
  void forget() {
    keys.clear();
    loaded.clear();
    byName.clear();
  }

  /** Builds the record sets of the names that {@code entries} hold keys of. */
  private void index(Collection<EtcdEntry> entries) {
    Map<String, List<EtcdEntry>> byPath = new LinkedHashMap<>();
    for (EtcdEntry e : entries) {
      if (e.keyName(layout).isPresent()) {
        String namePath = e.key().substring(0, e.key().lastIndexOf('/'));
        byPath.computeIfAbsent(namePath, p -> new ArrayList<>(2)).add(e);
      }
    }
    byPath.forEach(
        (namePath, own) -> {
          List<CurrentRecord> sets = records.read(own);
          if (!sets.isEmpty()) {
            byName.put(namePath, sets);
          }
        });
  }

  /** The entries of {@code map} whose key lies in the range of {@code path}. */
  private static <V> NavigableMap<String, V> range(NavigableMap<String, V> map, String path) {
    return map.subMap(SkyDnsLayout.rangeStart(path), true, SkyDnsLayout.rangeEnd(path), false);
  }

  /** Whether {@code path} is {@code range} or lies below it. */
  private static boolean within(String path, String range) {
    return path.equals(range) || path.startsWith(range + "/");
  }
}
