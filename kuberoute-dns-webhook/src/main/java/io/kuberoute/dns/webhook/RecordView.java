package io.kuberoute.dns.webhook;

import io.kuberoute.core.model.CurrentRecord;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.Ownership;
import io.kuberoute.core.model.RecordKey;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import io.kuberoute.core.port.ReadScope;
import io.kuberoute.core.port.ZoneState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The provider's records as the core sees them: the A, AAAA and CNAME record sets with the
 * ownership their {@link OwnershipMark} states (none, or a TXT kuberoute did not write: unowned),
 * each in the form kuberoute wanted when the provider holds its canonical form ({@link
 * CanonicalForms}), and the marks at names that hold no such record set. Names outside the
 * provider's domain filter are left out: the provider does not serve them, so kuberoute never
 * touches them. Pure apart from reading {@link CanonicalForms}.
 */
final class RecordView {

  private final CanonicalForms canonical;

  RecordView(CanonicalForms canonical) {
    this.canonical = Objects.requireNonNull(canonical, "canonical");
  }

  /** What {@code scope} asks for: {@link ReadScope#wants} decides, after the provider's filter. */
  ZoneState read(ProviderRecords held, ProviderDomainFilter filter, ReadScope scope) {
    List<CurrentRecord> records = new ArrayList<>();
    Map<DnsName, Ownership> loneMarks = new TreeMap<>();
    for (Map.Entry<RecordKey, Endpoint> e : held.entries()) {
      DnsName name = e.getKey().name();
      if (e.getKey().type() == RecordType.TXT) {
        OwnershipMark.coveredName(name)
            .filter(covered -> held.plannedTypesAt(covered).isEmpty())
            .filter(covered -> filter.matches(covered) && scope.filter().matches(covered))
            .ifPresent(
                covered ->
                    OwnershipMark.parse(e.getValue().targets())
                        .filter(o -> !o.isUnowned())
                        .ifPresent(o -> loneMarks.put(covered, o)));
        continue;
      }
      if (!filter.matches(name)) {
        continue;
      }
      Optional<RecordSet> record = reportedAs(e.getKey(), e.getValue());
      if (record.isEmpty()) {
        continue;
      }
      Ownership ownership = ownershipAt(held, name);
      if (scope.wants(name, ownership.owner().orElse(null))) {
        records.add(new CurrentRecord(record.get(), ownership));
      }
    }
    return new ZoneState(records, Map.of(), loneMarks);
  }

  /** The record set {@code held} is reported as, if it is one kuberoute can model. */
  Optional<RecordSet> reportedAs(RecordKey key, Endpoint held) {
    return canonical.reportedAs(key, held).or(() -> RecordMapping.toRecordSet(held));
  }

  /** As {@link #reportedAs(RecordKey, Endpoint)}, for an endpoint of the provider's records. */
  Optional<RecordSet> reportedAs(Endpoint held) {
    return RecordMapping.keyOf(held).flatMap(k -> reportedAs(k, held));
  }

  private static Ownership ownershipAt(ProviderRecords held, DnsName name) {
    return OwnershipMark.nameFor(name)
        .flatMap(m -> held.get(m, RecordType.TXT))
        .flatMap(mark -> OwnershipMark.parse(mark.targets()))
        .orElse(Ownership.unowned());
  }
}
