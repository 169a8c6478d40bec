package io.kuberoute.dns.rfc2136;

import io.kuberoute.core.model.DnsName;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which zone of the server holds a name: the configured {@code rfc2136.zones} ({@link
 * ConfiguredZones}) or, without them, what SOA queries to the server answer ({@link
 * SoaZoneLocator}). Not thread-safe: the backend serialises access.
 */
interface ZoneLocator {

  /** The zone holding a name, or why there is none. */
  record Lookup(Optional<DnsName> zone, String error) {
    static Lookup found(DnsName zone) {
      return new Lookup(Optional.of(zone), "");
    }

    static Lookup missing(String error) {
      return new Lookup(Optional.empty(), error);
    }
  }

  /** The zones holding names at or below a domain, or why there are none. */
  record Zones(List<DnsName> zones, String error) {
    static Zones of(Collection<DnsName> zones) {
      return new Zones(List.copyOf(zones), "");
    }

    static Zones missing(String error) {
      return new Zones(List.of(), error);
    }
  }

  /**
   * The zone that holds {@code name}.
   *
   * @throws DnsFailure if finding it needs the server and the server cannot be reached
   */
  Lookup zoneOf(DnsName name) throws DnsFailure;

  /**
   * The zones that hold names at or below {@code domain}: the domain's own zone and the zones known
   * below it.
   *
   * @throws DnsFailure if finding them needs the server and the server cannot be reached
   */
  Zones zonesFor(DnsName domain) throws DnsFailure;

  /** Every zone known now: the configured ones, or those the server named so far. */
  Set<DnsName> knownZones();

  /** Forgets what was learnt of {@code zone} (the server refused it: it may have moved). */
  void forget(DnsName zone);

  /** The most specific of {@code zones} that holds {@code name}. */
  static Optional<DnsName> mostSpecific(DnsName name, Collection<DnsName> zones) {
    DnsName best = null;
    for (DnsName z : zones) {
      if (name.isWithin(z) && (best == null || z.value().length() > best.value().length())) {
        best = z;
      }
    }
    return Optional.ofNullable(best);
  }
}
