package io.kuberoute.core.port;

import io.kuberoute.core.model.CurrentRecord;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.Ownership;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a backend read for a {@link ReadScope}.
 *
 * @param records the record sets in the scope, each once, with their ownership
 * @param failedDomains the domains or zones it could not read, with the reason (a missing hosted
 *     zone, a timeout); nothing is planned at or below a failed domain in this sync
 * @param loneMarks ownership marks found at names that hold no A, AAAA or CNAME record set (a TXT
 *     {@code _kuberoute.<name>} left alone); a mark of another owner there makes the name a
 *     conflict
 */
public record ZoneState(
    List<CurrentRecord> records,
    Map<DnsName, String> failedDomains,
    Map<DnsName, Ownership> loneMarks) {

  public ZoneState {
    records = List.copyOf(Objects.requireNonNull(records, "records"));
    failedDomains = Map.copyOf(Objects.requireNonNull(failedDomains, "failedDomains"));
    loneMarks = Map.copyOf(Objects.requireNonNull(loneMarks, "loneMarks"));
  }

  public ZoneState(List<CurrentRecord> records, Map<DnsName, String> failedDomains) {
    this(records, failedDomains, Map.of());
  }

  public static ZoneState of(List<CurrentRecord> records) {
    return new ZoneState(records, Map.of(), Map.of());
  }
}
