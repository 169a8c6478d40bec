package io.kuberoute.dns.webhook;

import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.RecordKey;
import io.kuberoute.core.model.RecordType;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What kuberoute knows of the provider's records: its plain A, AAAA, CNAME and TXT endpoints
 * exactly as {@code GET /records} listed them (so a delete or an update's old half repeats them to
 * the letter), kept up to date with every change the provider accepted. Endpoints kuberoute cannot
 * address are not kept and never changed: other types, set identifiers (routing policies), names
 * that are not plain DNS names (wildcards), and a (name, type) listed more than once. Not
 * thread-safe (the backend serialises access).
 */
final class ProviderRecords {

  /** The types the planner sees. */
  static final Set<RecordType> PLANNED =
      EnumSet.of(RecordType.A, RecordType.AAAA, RecordType.CNAME);

  private final Map<RecordKey, Endpoint> endpoints = new TreeMap<>();
  private final Set<RecordKey> ambiguous = new HashSet<>();
  private final Map<DnsName, Set<RecordType>> typesByName = new HashMap<>();
  private final int listed;

  private ProviderRecords(int listed) {
    this.listed = listed;
  }

  /** The records of a complete listing. */
  static ProviderRecords of(List<Endpoint> listing) {
    ProviderRecords records = new ProviderRecords(listing.size());
    for (Endpoint e : listing) {
      Optional<RecordKey> key = RecordMapping.keyOf(e);
      if (key.isEmpty() || records.ambiguous.contains(key.get())) {
        continue;
      }
      if (records.endpoints.containsKey(key.get())) {
        records.remove(key.get());
        records.ambiguous.add(key.get());
        continue;
      }
      records.put(key.get(), e);
    }
    return records;
  }

  /** How many endpoints the listing held (of every kind). */
  int listedCount() {
    return listed;
  }

  Optional<Endpoint> get(DnsName name, RecordType type) {
    return Optional.ofNullable(endpoints.get(new RecordKey(name, type)));
  }

  /** The kept endpoints by key, sorted by name and type. */
  Collection<Map.Entry<RecordKey, Endpoint>> entries() {
    return Collections.unmodifiableMap(endpoints).entrySet();
  }

  /** The planned types (A, AAAA, CNAME) present at {@code name}. */
  Set<RecordType> plannedTypesAt(DnsName name) {
    Set<RecordType> types = EnumSet.noneOf(RecordType.class);
    for (RecordType t : typesByName.getOrDefault(name, Set.of())) {
      if (PLANNED.contains(t)) {
        types.add(t);
      }
    }
    return types;
  }

  /** Records changes the provider accepted (answered 204 to). */
  void accepted(WebhookChanges changes) {
    for (Endpoint e : changes.delete()) {
      RecordMapping.keyOf(e).ifPresent(this::remove);
    }
    for (Endpoint e : changes.updateOld()) {
      RecordMapping.keyOf(e).ifPresent(this::remove);
    }
    for (Endpoint e : changes.updateNew()) {
      RecordMapping.keyOf(e).ifPresent(k -> put(k, e));
    }
    for (Endpoint e : changes.create()) {
      RecordMapping.keyOf(e).ifPresent(k -> put(k, e));
    }
  }

  private void put(RecordKey key, Endpoint e) {
    endpoints.put(key, e);
    typesByName.computeIfAbsent(key.name(), n -> EnumSet.noneOf(RecordType.class)).add(key.type());
  }

  private void remove(RecordKey key) {
    endpoints.remove(key);
    Set<RecordType> types = typesByName.get(key.name());
    if (types != null) {
      types.remove(key.type());
      if (types.isEmpty()) {
        typesByName.remove(key.name());
      }
    }
  }
}
