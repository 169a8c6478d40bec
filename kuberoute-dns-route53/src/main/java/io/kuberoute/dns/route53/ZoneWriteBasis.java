package io.kuberoute.dns.route53;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.route53.model.Change;

/**
 * The record sets of each hosted zone as last read, updated with every change Route53 accepted: the
 * basis of writes, whose DELETEs repeat values and TTL exactly as Route53 holds them. Not a read
 * cache: every {@link #read} lists the zone again (the core's {@code CachingDnsBackend} decides
 * when a read is needed). A write based on what is outdated is refused by Route53's own checks, and
 * the name is read again before it is planned again. When a zone is gone the {@link ZoneDirectory}
 * forgets the zone list too. Not thread-safe (the backend serialises access).
 */
final class ZoneWriteBasis {

  private final RecordSetReader reader;
  private final ZoneDirectory directory;
  private final Map<String, ZoneRecords> byZoneId = new HashMap<>();

  ZoneWriteBasis(RecordSetReader reader, ZoneDirectory directory) {
    this.reader = Objects.requireNonNull(reader, "reader");
    this.directory = Objects.requireNonNull(directory, "directory");
  }

  /**
   * The zone's record sets, listed now (and kept for writes).
   *
   * @throws ZoneUnreadable if the zone cannot be listed
   */
  ZoneRecords read(HostedZone zone) {
    try {
      ZoneRecords records = reader.read(zone);
      byZoneId.put(zone.id(), records);
      return records;
    } catch (RecordSetReader.ZoneGone e) {
      gone(zone);
      throw e;
    }
  }

  /** The zone's record sets for a write: as kept, listed only if never read. */
  ZoneRecords forWrite(HostedZone zone) {
    ZoneRecords kept = byZoneId.get(zone.id());
    return kept != null ? kept : read(zone);
  }

  /** Records changes Route53 accepted in {@code zone}. */
  void accepted(HostedZone zone, Collection<Change> changes) {
    Optional.ofNullable(byZoneId.get(zone.id())).ifPresent(r -> changes.forEach(r::apply));
  }

  /** The zone no longer exists: drop it, and list the zones again at the next use. */
  void gone(HostedZone zone) {
    byZoneId.remove(zone.id());
    directory.forget();
  }
}
