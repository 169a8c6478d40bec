package io.kuberoute.dns.rfc2136;

import io.kuberoute.core.model.DnsName;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Without {@code rfc2136.zones}: the zone of a name is what the server's authoritative answer to an
 * SOA query for it names (the SOA itself at a zone's apex, the zone's SOA in the authority section
 * below it). A name holding a CNAME is not an apex, so its parent is asked instead. Each answer is
 * kept for the life of the backend, until the server refuses that zone.
 *
 * <p>Discovery then knows only the zones of names and domains asked about in this run: a fresh
 * process finds the records it owns only in the zones of its current routes (documented; set {@code
 * rfc2136.zones} to cover every zone).
 */
final class SoaZoneLocator implements ZoneLocator {

  private static final Logger log = LoggerFactory.getLogger(SoaZoneLocator.class);

  private final DnsClient client;
  private final ServerErrors errors;
  private final Map<DnsName, DnsName> zoneByName = new HashMap<>();

  SoaZoneLocator(DnsClient client, ServerErrors errors) {
    this.client = Objects.requireNonNull(client, "client");
    this.errors = Objects.requireNonNull(errors, "errors");
  }

  @Override
  public Lookup zoneOf(DnsName name) throws DnsFailure {
    DnsName known = zoneByName.get(name);
    if (known != null) {
      return Lookup.found(known);
    }
    DnsName asked = name;
    while (true) {
      Message answer =
          client.send(
              Message.newQuery(Record.newRecord(RecordConverter.name(asked), Type.SOA, DClass.IN)));
      Optional<DnsName> zone = zoneIn(answer, asked);
      if (zone.isPresent()) {
        zoneByName.put(name, zone.get());
        log.debug("rfc2136: {} is in zone {} (SOA query)", name, zone.get());
        return Lookup.found(zone.get());
      }
      Optional<DnsName> parent = parent(asked);
      if (holdsCname(answer, asked) && parent.isPresent()) {
        asked = parent.get();
        continue;
      }
      return Lookup.missing(errors.noZoneFound(name, answer));
    }
  }

  @Override
  public Zones zonesFor(DnsName domain) throws DnsFailure {
    Lookup own = zoneOf(domain);
    if (own.zone().isEmpty()) {
      return Zones.missing(own.error());
    }
    Set<DnsName> zones = new TreeSet<>();
    zones.add(own.zone().get());
    for (DnsName z : knownZones()) {
      if (z.isWithin(domain)) {
        zones.add(z);
      }
    }
    return Zones.of(zones);
  }

  @Override
  public Set<DnsName> knownZones() {
    return Set.copyOf(zoneByName.values());
  }

  @Override
  public void forget(DnsName zone) {
    zoneByName.values().removeIf(zone::equals);
  }

  /** The zone an authoritative answer's SOA names, if it holds {@code asked}. */
  private static Optional<DnsName> zoneIn(Message answer, DnsName asked) {
    int rcode = answer.getRcode();
    if ((rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN)
        || !answer.getHeader().getFlag(Flags.AA)) {
      return Optional.empty();
    }
    for (int section : new int[] {Section.ANSWER, Section.AUTHORITY}) {
      for (Record r : answer.getSection(section)) {
        if (r instanceof SOARecord) {
          Optional<DnsName> owner = RecordConverter.dnsName(r.getName());
          if (owner.isPresent() && asked.isWithin(owner.get())) {
            return owner;
          }
        }
      }
    }
    return Optional.empty();
  }

  private static boolean holdsCname(Message answer, DnsName asked) {
    for (Record r : answer.getSection(Section.ANSWER)) {
      if (r.getType() == Type.CNAME
          && RecordConverter.dnsName(r.getName()).map(asked::equals).orElse(false)) {
        return true;
      }
    }
    return false;
  }

  private static Optional<DnsName> parent(DnsName name) {
    int dot = name.value().indexOf('.');
    return dot < 0 ? Optional.empty() : Optional.of(DnsName.of(name.value().substring(dot + 1)));
  }
}
