package io.kuberoute.dns.route53;

import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * What kuberoute knows of one hosted zone: its plain A, AAAA, CNAME and TXT record sets exactly as
 * Route53 returned them (so a DELETE can repeat their values and TTL to the letter), updated after
 * each accepted change. Alias records, records with a routing policy ({@code SetIdentifier}) and
 * names kuberoute cannot represent (wildcards, escapes) are not kept: they are never read as ours
 * and never changed. Not thread-safe (the backend serialises access).
 */
final class ZoneRecords {

  /** The types kept. */
  static final Set<RecordType> KEPT =
      EnumSet.of(RecordType.A, RecordType.AAAA, RecordType.CNAME, RecordType.TXT);

  /** The types the planner sees. */
  static final Set<RecordType> PLANNED =
      EnumSet.of(RecordType.A, RecordType.AAAA, RecordType.CNAME);

  private record Key(DnsName name, RecordType type) {}

  /** One kept record set: its name and type parsed, the set as Route53 holds it. */
  record Entry(DnsName name, RecordType type, ResourceRecordSet raw) {}

  private final HostedZone zone;
  private final Map<Key, Entry> sets = new HashMap<>();
  private int listed;

  ZoneRecords(HostedZone zone) {
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /** The record sets of {@code zone}, from a complete listing. */
  static ZoneRecords of(HostedZone zone, Iterable<ResourceRecordSet> listing) {
    ZoneRecords records = new ZoneRecords(zone);
    for (ResourceRecordSet set : listing) {
      records.listed++;
      records.put(set);
    }
    return records;
  }

  HostedZone zone() {
    return zone;
  }

  /** How many record sets the listing returned (of every type). */
  int listedCount() {
    return listed;
  }

  Optional<Entry> get(DnsName name, RecordType type) {
    return Optional.ofNullable(sets.get(new Key(name, type)));
  }

  /** The kept record sets. */
  Collection<Entry> entries() {
    return sets.values();
  }

  /** The planned types present at {@code name}. */
  Set<RecordType> plannedTypesAt(DnsName name) {
    Set<RecordType> types = EnumSet.noneOf(RecordType.class);
    for (RecordType t : PLANNED) {
      if (sets.containsKey(new Key(name, t))) {
        types.add(t);
      }
    }
    return types;
  }

  /** Records an accepted change. */
  void apply(Change change) {
    ResourceRecordSet set = change.resourceRecordSet();
    if (change.action() == ChangeAction.DELETE) {
      parseKey(set).ifPresent(sets::remove);
    } else {
      put(set);
    }
  }

  private void put(ResourceRecordSet set) {
    if (set.aliasTarget() != null || set.setIdentifier() != null || !set.hasResourceRecords()) {
      return;
    }
    parseKey(set).ifPresent(k -> sets.put(k, new Entry(k.name(), k.type(), set)));
  }

  private static Optional<Key> parseKey(ResourceRecordSet set) {
    RecordType type;
    try {
      type = RecordType.valueOf(set.typeAsString());
    } catch (IllegalArgumentException | NullPointerException e) {
      return Optional.empty();
    }
    if (!KEPT.contains(type) || !DnsName.isValid(set.name())) {
      return Optional.empty();
    }
    return Optional.of(new Key(DnsName.of(set.name()), type));
  }

  /** The record set as the core models it, or empty if Route53 holds something it cannot model. */
  static Optional<RecordSet> toRecordSet(Entry e) {
    List<String> values = new ArrayList<>();
    for (ResourceRecord r : e.raw().resourceRecords()) {
      values.add(r.value());
    }
    Long ttl = e.raw().ttl();
    try {
      return Optional.of(RecordSet.of(e.name(), e.type(), ttl == null ? 0 : ttl, values));
    } catch (IllegalArgumentException ex) {
      return Optional.empty();
    }
  }

  /** The TXT values of a record set. */
  static List<String> values(ResourceRecordSet set) {
    return set.resourceRecords().stream().map(ResourceRecord::value).toList();
  }
}
