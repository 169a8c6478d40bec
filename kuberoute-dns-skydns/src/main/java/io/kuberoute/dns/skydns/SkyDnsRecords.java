package io.kuberoute.dns.skydns;

import io.kuberoute.core.model.CurrentRecord;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.Ownership;
import io.kuberoute.core.model.RecordKey;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the keys read from etcd into record sets with their ownership. Pure.
 *
 * <p>The keys of one name and type form one record set: its targets are the keys' hosts, its TTL
 * the smallest of theirs. A name with several different CNAME hosts (kuberoute never writes that)
 * reads as a CNAME to the first in key order. Ownership of the set, first rule that applies:
 *
 * <ol>
 *   <li>another owner's if any key names an owner that is neither ours nor a previous id (the
 *       planner then leaves the name alone);
 *   <li>unowned if any key has no owner (the planner adopts or reports it);
 *   <li>the previous id's if any key names one (the planner takes it over: rewrites or deletes it);
 *   <li>ours.
 * </ol>
 *
 * <p>The set's resource is the first {@code resource} among the keys of the owner it reads as (none
 * for an unowned set, or when those keys carry none).
 *
 * <p>Keys outside the layout (see {@link SkyDnsLayout#parse}) and values that are not A, AAAA or
 * CNAME data (see {@link SkyDnsValue}) are skipped: they are never reported and never changed.
 */
final class SkyDnsRecords {

  private static final Logger log = LoggerFactory.getLogger(SkyDnsRecords.class);

  private final SkyDnsLayout layout;
  private final OwnerIds owners;

  SkyDnsRecords(SkyDnsLayout layout, OwnerIds owners) {
    this.layout = Objects.requireNonNull(layout, "layout");
    this.owners = Objects.requireNonNull(owners, "owners");
  }

  private static final class Builder {
    final Set<String> targets = new LinkedHashSet<>();
    long ttl = Long.MAX_VALUE;

    /**
     * The owners of the keys in key order, each with the first resource its keys name (or null).
     */
    final Map<String, String> resourceByOwner = new LinkedHashMap<>(2);

    boolean anyUnowned;
  }

  /** The record sets held by {@code entries} (in key order). */
  List<CurrentRecord> read(Iterable<EtcdEntry> entries) {
    Map<RecordKey, Builder> sets = new TreeMap<>();
    for (EtcdEntry e : entries) {
      Optional<SkyDnsLayout.KeyName> keyName = e.keyName(layout);
      if (keyName.isEmpty()) {
        log.debug(
            "ignoring etcd key {}: not in the SkyDNS layout under {}", e.key(), layout.prefix());
        continue;
      }
      SkyDnsValue.Parsed parsed = e.parsed();
      if (parsed.value().isEmpty()) {
        log.debug("ignoring etcd key {}: {}", e.key(), parsed.problem());
        continue;
      }
      SkyDnsValue v = parsed.value().get();
      RecordKey recordKey = new RecordKey(keyName.get().name(), v.type());
      Builder b = sets.computeIfAbsent(recordKey, k -> new Builder());
      b.targets.add(v.target());
      b.ttl = Math.min(b.ttl, v.ttl());
      if (v.owner().isEmpty()) {
        b.anyUnowned = true;
      } else if (b.resourceByOwner.get(v.owner().get()) == null) {
        b.resourceByOwner.put(v.owner().get(), v.resource().orElse(null));
      }
    }
    List<CurrentRecord> out = new ArrayList<>(sets.size());
    sets.forEach((key, b) -> out.add(new CurrentRecord(recordSet(key, b), ownership(b))));
    return out;
  }

  private static RecordSet recordSet(RecordKey key, Builder b) {
    List<String> targets = new ArrayList<>(b.targets);
    if (key.type() == RecordType.CNAME && targets.size() > 1) {
      targets = targets.subList(0, 1);
    }
    return RecordSet.of(key.name(), key.type(), b.ttl, targets);
  }

  private Ownership ownership(Builder b) {
    for (Map.Entry<String, String> e : b.resourceByOwner.entrySet()) {
      if (!owners.manages(e.getKey())) {
        return ownedBy(e);
      }
    }
    if (b.anyUnowned) {
      return Ownership.unowned();
    }
    for (Map.Entry<String, String> e : b.resourceByOwner.entrySet()) {
      if (owners.previous().contains(e.getKey())) {
        return ownedBy(e);
      }
    }
    return new Ownership(
        Optional.of(owners.own()), Optional.ofNullable(b.resourceByOwner.get(owners.own())));
  }

  private static Ownership ownedBy(Map.Entry<String, String> ownerAndResource) {
    return new Ownership(
        Optional.of(ownerAndResource.getKey()), Optional.ofNullable(ownerAndResource.getValue()));
  }

  /** The entries that are {@code name}'s own keys (direct children of its path). */
  static List<EtcdEntry> keysOf(SkyDnsLayout layout, DnsName name, Iterable<EtcdEntry> entries) {
    List<EtcdEntry> out = new ArrayList<>();
    for (EtcdEntry e : entries) {
      if (layout.isKeyOf(name, e.key())) {
        out.add(e);
      }
    }
    return out;
  }
}
