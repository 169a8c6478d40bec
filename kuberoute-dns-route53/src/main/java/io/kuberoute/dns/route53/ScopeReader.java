package io.kuberoute.dns.route53;

import io.kuberoute.core.model.CurrentRecord;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.Ownership;
import io.kuberoute.core.model.RecordKey;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import io.kuberoute.core.port.ReadScope;
import io.kuberoute.core.port.ZoneState;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a {@link ReadScope} from the hosted zones ("discovery"): the zones of the requested
 * domains and, when the scope names owner ids, every zone the credentials can see, each read once
 * per call (listed every call), and only the zones that overlap the scope's filter. Of what they
 * hold it returns the A, AAAA and CNAME sets the scope {@linkplain ReadScope#wants wants}, with the
 * ownership their mark states, and the {@linkplain OwnershipMarks#lone lone marks} it wants.
 *
 * <p>Failures, in {@link ZoneState#failedDomains()}: a requested domain with no zone (keyed by the
 * domain), a zone that cannot be read (keyed by its apex), and a zone whose name two zones share (a
 * public and a private zone, no {@code hosted_zone_id}) where records of the scope's owner ids lie
 * (keyed by the apex). Nothing at or below a failed key is returned.
 *
 * <p>A record in a parent zone at a name that a more specific zone holds is not authoritative and
 * not returned. Not thread-safe (the backend serialises access).
 */
final class ScopeReader {

  private static final Logger log = LoggerFactory.getLogger(ScopeReader.class);

  private static final Comparator<HostedZone> BY_NAME =
      Comparator.comparing(HostedZone::name).thenComparing(HostedZone::id);

  private final ZoneDirectory directory;
  private final ZoneWriteBasis zones;
  private final String ownerId;
  private final Set<DnsName> reportedLoneMarks = new HashSet<>();

  ScopeReader(ZoneDirectory directory, ZoneWriteBasis zones, String ownerId) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.zones = Objects.requireNonNull(zones, "zones");
    this.ownerId = Objects.requireNonNull(ownerId, "ownerId");
  }

  /**
   * Lists every zone the scope needs (each once): a backend keeps no read cache.
   *
   * @param refresh a full sync: a requested domain with no zone lists the zones again first
   */
  ZoneState read(ReadScope scope, boolean refresh) {
    if (scope.domains().isEmpty() && !scope.discovers()) {
      return ZoneState.of(List.of());
    }
    boolean listedBefore = directory.isListed();
    ZoneIndex index = directory.index();
    if (refresh
        && listedBefore
        && scope.domains().stream()
            .anyMatch(d -> scope.filter().overlaps(d) && !index.zonesFor(d).ok())) {
      // a domain found no zone: perhaps the zone was created since the zones were listed
      directory.forget();
      return readWith(directory.index(), scope);
    }
    return readWith(index, scope);
  }

  private ZoneState readWith(ZoneIndex index, ReadScope scope) {
    Map<DnsName, String> failed = new TreeMap<>();
    Map<HostedZone, ZoneRecords> read = new LinkedHashMap<>();
    for (HostedZone zone : zonesToRead(index, scope, failed)) {
      try {
        read.put(zone, zones.read(zone));
      } catch (ZoneUnreadable e) {
        failed.put(zone.name(), e.getMessage());
      }
    }

    Map<RecordKey, CurrentRecord> records = new LinkedHashMap<>();
    Map<DnsName, Ownership> loneMarks = new TreeMap<>();
    for (Map.Entry<HostedZone, ZoneRecords> e : read.entrySet()) {
      HostedZone zone = e.getKey();
      ZoneRecords zoneRecords = e.getValue();
      for (ZoneRecords.Entry entry : zoneRecords.entries()) {
        if (entry.type() == RecordType.TXT) {
          OwnershipMarks.lone(zoneRecords, entry)
              .filter(m -> isAuthoritative(index, zone, m.name()))
              .filter(m -> scope.wants(m.name(), m.ownership().owner().orElse(null)))
              .ifPresent(m -> noteLoneMark(m, loneMarks));
          continue;
        }
        Ownership ownership = OwnershipMarks.ownershipAt(zoneRecords, entry.name());
        String owner = ownership.owner().orElse(null);
        if (!scope.wants(entry.name(), owner)) {
          continue;
        }
        ZoneIndex.Lookup lookup = index.zoneFor(entry.name());
        if (lookup.zone().isEmpty()) {
          // two zones hold the name and no hosted_zone_id picks one: nothing there can be written.
          // Ours there fail the zone, if this is one of the two (else it is shadowed by them)
          boolean twin = index.zoneFor(zone.name()).zone().isEmpty();
          if (twin && owner != null && scope.ownerIds().contains(owner)) {
            failed.putIfAbsent(zone.name(), lookup.error());
          }
          continue;
        }
        if (!lookup.zone().get().equals(zone)) {
          continue; // shadowed by a more specific zone: that zone is authoritative for the name
        }
        Optional<RecordSet> record = ZoneRecords.toRecordSet(entry);
        if (record.isEmpty()) {
          log.debug(
              "route53: {} {} in zone {} cannot be represented; ignored",
              entry.name(),
              entry.type(),
              zone);
          continue;
        }
        records.putIfAbsent(record.get().key(), new CurrentRecord(record.get(), ownership));
      }
    }
    if (!failed.isEmpty()) {
      records.values().removeIf(c -> withinAny(c.record().name(), failed.keySet()));
      loneMarks.keySet().removeIf(name -> withinAny(name, failed.keySet()));
    }
    return new ZoneState(List.copyOf(records.values()), failed, loneMarks);
  }

  /**
   * The zones of the requested domains and (discovery) every other zone, each once, all overlapping
   * the filter, in the order of their names (then ids). A requested domain with no zone goes into
   * {@code failed}.
   */
  private static Set<HostedZone> zonesToRead(
      ZoneIndex index, ReadScope scope, Map<DnsName, String> failed) {
    Set<HostedZone> zones = new TreeSet<>(BY_NAME);
    for (DnsName domain : new TreeSet<>(scope.domains())) {
      if (!scope.filter().overlaps(domain)) {
        continue;
      }
      ZoneIndex.ZonesForDomain z = index.zonesFor(domain);
      if (!z.ok()) {
        failed.put(domain, z.error());
        continue;
      }
      for (HostedZone zone : z.zones()) {
        if (scope.filter().overlaps(zone.name())) {
          zones.add(zone);
        }
      }
    }
    if (scope.discovers()) {
      for (HostedZone zone : index.zones()) {
        if (scope.filter().overlaps(zone.name())) {
          zones.add(zone);
        }
      }
    }
    return zones;
  }

  private static boolean isAuthoritative(ZoneIndex index, HostedZone zone, DnsName name) {
    return index.zoneFor(name).zone().map(zone::equals).orElse(false);
  }

  private void noteLoneMark(OwnershipMarks.LoneMark mark, Map<DnsName, Ownership> loneMarks) {
    loneMarks.put(mark.name(), mark.ownership());
    if (mark.ownership().isOwnedBy(ownerId) && reportedLoneMarks.add(mark.name())) {
      log.info(
          "route53: ownership mark {} has no record left at {}; kept, and reused when {} is published again "
              + "(delete it by hand if the name is no longer used)",
          mark.markName(),
          mark.name(),
          mark.name());
    }
  }

  private static boolean withinAny(DnsName name, Set<DnsName> domains) {
    for (DnsName d : domains) {
      if (name.isWithin(d)) {
        return true;
      }
    }
    return false;
  }
}
