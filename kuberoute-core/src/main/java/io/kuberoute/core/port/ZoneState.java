package io.kuberoute.core.port;

import io.kuberoute.core.model.CurrentRecord;
import io.kuberoute.core.model.DnsName;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a backend read: the record sets at or below the requested domains, and the domains it
 * could not read with the reason (a missing hosted zone, a timeout). Nothing is planned for a
 * failed domain in this sync.
 */
public record ZoneState(List<CurrentRecord> records, Map<DnsName, String> failedDomains) {

  public ZoneState {
    records = List.copyOf(Objects.requireNonNull(records, "records"));
    failedDomains = Map.copyOf(Objects.requireNonNull(failedDomains, "failedDomains"));
  }

  public static ZoneState of(List<CurrentRecord> records) {
    return new ZoneState(records, Map.of());
  }
}
