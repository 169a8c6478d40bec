package io.kuberoute.dns.rfc2136;

import io.kuberoute.core.model.DnsName;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * One zone as kuberoute last read it (by AXFR) and wrote it since: every RRset of class IN, by name
 * and type, exactly as the server sent it (so a prerequisite can repeat it to the letter), and the
 * zone's delegation points. Names the core cannot represent (wildcards, escaped labels) are not
 * kept: they are never read as records and never changed.
 *
 * <p>Not thread-safe: the backend serialises access.
 */
final class ZoneContent {

  private final DnsName apex;
  private final Map<DnsName, Map<Integer, List<Record>>> rrsets = new HashMap<>();
  private final Set<DnsName> cuts = new HashSet<>();
  private final int transferred;

  private ZoneContent(DnsName apex, int transferred) {
    this.apex = Objects.requireNonNull(apex, "apex");
    this.transferred = transferred;
  }

  /** The content of {@code apex} from a complete AXFR. */
  static ZoneContent of(DnsName apex, List<Record> transfer) {
    ZoneContent z = new ZoneContent(apex, transfer.size());
    Map<DnsName, Map<Integer, List<Record>>> grouped = new TreeMap<>();
    boolean soaSeen = false;
    for (Record r : transfer) {
      Optional<DnsName> name = RecordConverter.dnsName(r.getName());
      if (r.getDClass() != DClass.IN || name.isEmpty() || !name.get().isWithin(apex)) {
        continue;
      }
      if (r.getType() == Type.SOA) {
        if (soaSeen) {
          continue; // AXFR repeats the SOA at its end
        }
        soaSeen = true;
      }
      grouped
          .computeIfAbsent(name.get(), k -> new HashMap<>())
          .computeIfAbsent(r.getType(), k -> new ArrayList<>())
          .add(r);
      if (r.getType() == Type.NS && !name.get().equals(apex)) {
        z.cuts.add(name.get());
      }
    }
    grouped.forEach(
        (name, byType) -> byType.forEach((type, records) -> z.put(name, type, records)));
    return z;
  }

  DnsName apex() {
    return apex;
  }

  /** How many records the transfer held. */
  int transferredRecords() {
    return transferred;
  }

  /** The RRset of {@code type} at {@code name}; empty when there is none. */
  List<Record> rrset(DnsName name, int type) {
    Map<Integer, List<Record>> byType = rrsets.get(name);
    if (byType == null) {
      return List.of();
    }
    return byType.getOrDefault(type, List.of());
  }

  /** The types of the RRsets at {@code name}. */
  Set<Integer> typesAt(DnsName name) {
    Map<Integer, List<Record>> byType = rrsets.get(name);
    return byType == null ? Set.of() : Set.copyOf(byType.keySet());
  }

  /** Every name holding an RRset. */
  Collection<DnsName> names() {
    return List.copyOf(rrsets.keySet());
  }

  /**
   * Whether {@code name} is at or below a delegation point of this zone (a child zone's: its data
   * there is glue, not the zone's own).
   */
  boolean isDelegated(DnsName name) {
    for (DnsName cut : cuts) {
      if (name.isWithin(cut)) {
        return true;
      }
    }
    return false;
  }

  /** Replaces the RRset of {@code type} at {@code name}; an empty list removes it. */
  void put(DnsName name, int type, List<Record> records) {
    if (records.isEmpty()) {
      Map<Integer, List<Record>> byType = rrsets.get(name);
      if (byType != null) {
        byType.remove(type);
        if (byType.isEmpty()) {
          rrsets.remove(name);
        }
      }
      return;
    }
    rrsets.computeIfAbsent(name, k -> new HashMap<>()).put(type, List.copyOf(records));
  }

  @Override
  public String toString() {
    return "zone " + apex + " (" + rrsets.size() + " names)";
  }
}
