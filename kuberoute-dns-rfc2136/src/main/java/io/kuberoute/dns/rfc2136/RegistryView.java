package io.kuberoute.dns.rfc2136;

import io.kuberoute.core.model.CurrentRecord;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.Ownership;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A zone's content as the registry sees it: the A, AAAA, CNAME and TXT record sets, each A, AAAA
 * and CNAME set with the ownership its name's mark states (TXT sets are never marked), and the
 * marks whose names hold no A, AAAA or CNAME (lone marks). Marks themselves are not record sets.
 * Names below a delegation point and names another zone serves are left out. Pure.
 */
final class RegistryView {

  /** The record types a mark covers. */
  static final List<RecordType> MARKED = List.of(RecordType.A, RecordType.AAAA, RecordType.CNAME);

  /** What one zone holds for the registry. */
  record Entries(List<CurrentRecord> records, Map<DnsName, Ownership> loneMarks) {}

  private RegistryView() {}

  /**
   * The entries of {@code zone}.
   *
   * @param servedHere whether a name belongs to this zone (no more specific zone holds it)
   */
  static Entries of(ZoneContent zone, Predicate<DnsName> servedHere) {
    List<CurrentRecord> records = new ArrayList<>();
    Map<DnsName, Ownership> lone = new TreeMap<>();
    for (DnsName name : zone.names()) {
      if (zone.isDelegated(name) || !servedHere.test(name)) {
        continue;
      }
      Optional<DnsName> covered = OwnershipMark.coveredName(name);
      if (covered.isPresent()) {
        if (markedTypesAt(zone, covered.get()).isEmpty()
            && OwnershipMark.at(zone, covered.get()) instanceof OwnershipMark.State.Marked m) {
          lone.put(covered.get(), m.ownership());
        }
        continue;
      }
      Ownership ownership =
          OwnershipMark.at(zone, name) instanceof OwnershipMark.State.Marked m
              ? m.ownership()
              : Ownership.unowned();
      for (RecordType type : MARKED) {
        recordSet(zone, name, type).ifPresent(r -> records.add(new CurrentRecord(r, ownership)));
      }
      recordSet(zone, name, RecordType.TXT)
          .ifPresent(r -> records.add(new CurrentRecord(r, Ownership.unowned())));
    }
    return new Entries(records, lone);
  }

  /** The A, AAAA and CNAME record sets at {@code name}, by type. */
  static Map<RecordType, RecordSet> markedTypesAt(ZoneContent zone, DnsName name) {
    Map<RecordType, RecordSet> out = new TreeMap<>();
    for (RecordType type : MARKED) {
      recordSet(zone, name, type).ifPresent(r -> out.put(type, r));
    }
    return out;
  }

  private static Optional<RecordSet> recordSet(ZoneContent zone, DnsName name, RecordType type) {
    return RecordConverter.toRecordSet(name, type, zone.rrset(name, RecordConverter.type(type)));
  }
}
