package io.kuberoute.core.port;

import io.kuberoute.core.model.CurrentRecord;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.RecordKey;
import io.kuberoute.core.model.RecordType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The record sets {@link CachingDnsBackend} holds, by key, and found by subtree without a pass over
 * all of them: an event sync asks for a few names of a zone that holds thousands, and must not pay
 * for the thousands. Not thread-safe (the cache synchronises).
 */
final class HeldRecords {

  private static final RecordType FIRST_TYPE = RecordType.values()[0];
  private static final RecordType LAST_TYPE = RecordType.values()[RecordType.values().length - 1];

  private final TreeMap<RecordKey, CurrentRecord> byKey = new TreeMap<>();

  /**
   * The name of every record held, by its labels in reverse order ({@code com.example.shop}), so
   * that the names at or below a name are one range of keys.
   */
  private final TreeMap<String, DnsName> names = new TreeMap<>();

  void put(CurrentRecord record) {
    byKey.put(record.key(), record);
    DnsName name = record.record().name();
    names.putIfAbsent(reversed(name), name);
  }

  void remove(RecordKey key) {
    if (byKey.remove(key) != null && at(key.name()).isEmpty()) {
      names.remove(reversed(key.name()));
    }
  }

  /** Every record held, in key order. */
  Collection<CurrentRecord> all() {
    return Collections.unmodifiableCollection(byKey.values());
  }

  /** The records at {@code subtree} or below it, in key order of each name. */
  List<CurrentRecord> within(DnsName subtree) {
    String top = reversed(subtree);
    List<CurrentRecord> out = new ArrayList<>();
    DnsName exact = names.get(top);
    if (exact != null) {
      out.addAll(at(exact).values());
    }
    // the names below: "com.example.shop." up to, not including, "com.example.shop/" ('.' + 1)
    for (DnsName below : names.subMap(top + ".", true, top + "/", false).values()) {
      out.addAll(at(below).values());
    }
    return out;
  }

  /**
   * The records {@code scope} may want, each once, in key order: every record held when it
   * discovers owner ids (they may be anywhere), else only those within its domains (an event sync's
   * few names are looked up, not found by a pass over everything).
   */
  Collection<CurrentRecord> candidates(ReadScope scope) {
    if (scope.discovers()) {
      return all();
    }
    TreeMap<RecordKey, CurrentRecord> within = new TreeMap<>();
    for (DnsName subtree : scope.domains()) {
      for (CurrentRecord r : within(subtree)) {
        within.put(r.key(), r);
      }
    }
    return within.values();
  }

  /** Removes the records {@code scope} wants (what a read of that scope replaces). */
  void removeWanted(ReadScope scope) {
    List<RecordKey> gone = new ArrayList<>();
    for (CurrentRecord r : candidates(scope)) {
      if (scope.wants(r)) {
        gone.add(r.key());
      }
    }
    gone.forEach(this::remove);
  }

  /** Removes every record at or below {@code subtrees}. */
  void removeWithin(Collection<DnsName> subtrees) {
    List<RecordKey> gone = new ArrayList<>();
    for (DnsName subtree : subtrees) {
      for (CurrentRecord r : within(subtree)) {
        gone.add(r.key());
      }
    }
    gone.forEach(this::remove);
  }

  void clear() {
    byKey.clear();
    names.clear();
  }

  private NavigableMap<RecordKey, CurrentRecord> at(DnsName name) {
    return byKey.subMap(
        new RecordKey(name, FIRST_TYPE), true, new RecordKey(name, LAST_TYPE), true);
  }

  /** {@code shop.example.com} as {@code com.example.shop}. */
  static String reversed(DnsName name) {
    String v = name.value();
    StringBuilder out = new StringBuilder(v.length());
    int end = v.length();
    for (int i = v.length() - 1; i >= -1; i--) {
      if (i == -1 || v.charAt(i) == '.') {
        if (out.length() > 0) {
          out.append('.');
        }
        out.append(v, i + 1, end);
        end = i;
      }
    }
    return out.toString();
  }
}
