package io.kuberoute.dns.rfc2136;

import io.kuberoute.core.model.DnsName;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The zones of {@code rfc2136.zones}: a name lives in the most specific one that holds it; a
 * domain's names live in its own zone and in the configured zones below it. Asks the server
 * nothing. Pure.
 */
final class ConfiguredZones implements ZoneLocator {

  private final List<DnsName> zones;

  ConfiguredZones(List<DnsName> zones) {
    this.zones = List.copyOf(Objects.requireNonNull(zones, "zones"));
    if (this.zones.isEmpty()) {
      throw new IllegalArgumentException("no zones configured");
    }
  }

  @Override
  public Lookup zoneOf(DnsName name) {
    return ZoneLocator.mostSpecific(name, zones)
        .map(Lookup::found)
        .orElseGet(() -> Lookup.missing(missing(name)));
  }

  @Override
  public Zones zonesFor(DnsName domain) {
    Set<DnsName> out = new TreeSet<>();
    ZoneLocator.mostSpecific(domain, zones).ifPresent(out::add);
    for (DnsName z : zones) {
      if (z.isWithin(domain)) {
        out.add(z);
      }
    }
    return out.isEmpty() ? Zones.missing(missing(domain)) : Zones.of(out);
  }

  @Override
  public Set<DnsName> knownZones() {
    return Set.copyOf(zones);
  }

  @Override
  public void forget(DnsName zone) {
    // configured zones stay
  }

  private String missing(DnsName name) {
    return "no zone of rfc2136.zones (%s) holds %s"
        .formatted(String.join(", ", zones.stream().map(DnsName::value).toList()), name);
  }
}
