package io.kuberoute.dns.route53;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.route53.model.Change;

/**
 * The record sets of each hosted zone as last read, updated with every change Route53 accepted,
 * so that a read without refresh follows the backend's own writes. A zone is {@linkplain
 * #markStale stale} once Route53 refused a write to it (what is kept may be wrong): it is read
 * again at its next use. When a zone is gone the {@link ZoneDirectory} forgets the zone list too.
 * Not thread-safe (the backend serialises access).
 */
final class ZoneCache {

  private final RecordSetReader reader;
  private final ZoneDirectory directory;
  private final Map<String, ZoneRecords> byZoneId = new HashMap<>();
  private final Set<String> stale = new HashSet<>();

  ZoneCache(RecordSetReader reader, ZoneDirectory directory) {
    this.reader = Objects.requireNonNull(reader, "reader");
    this.directory = Objects.requireNonNull(directory, "directory");
  }

  /**
   * The zone's record sets: read from Route53 when {@code refresh}, when never read, or when stale;
   * else as kept.
   *
   * @throws ZoneUnreadable if the zone cannot be listed
   */
  ZoneRecords records(HostedZone zone, boolean refresh) {
    ZoneRecords kept = byZoneId.get(zone.id());
    if (kept != null && !refresh && !stale.contains(zone.id())) {
      return kept;
    }
    return read(zone);
  }

  /**
   * The zone's record sets for a write: as kept (stale or not: Route53's own checks refuse a
   * change based on outdated values), read only if never read.
   */
  ZoneRecords forWrite(HostedZone zone) {
    ZoneRecords kept = byZoneId.get(zone.id());
    return kept != null ? kept : read(zone);
  }

  /** Records changes Route53 accepted in {@code zone}. */
  void accepted(HostedZone zone, Collection<Change> changes) {
    Optional.ofNullable(byZoneId.get(zone.id())).ifPresent(r -> changes.forEach(r::apply));
  }

  /** What is kept of {@code zone} may be wrong: read it again at its next use. */
  void markStale(HostedZone zone) {
    stale.add(zone.id());
  }

  /** The zone no longer exists: drop it, and list the zones again at the next use. */
  void gone(HostedZone zone) {
    byZoneId.remove(zone.id());
    stale.remove(zone.id());
    directory.forget();
  }

  private ZoneRecords read(HostedZone zone) {
    try {
      ZoneRecords records = reader.read(zone);
      byZoneId.put(zone.id(), records);
      stale.remove(zone.id());
      return records;
    } catch (RecordSetReader.ZoneGone e) {
      gone(zone);
      throw e;
    }
  }
}
