package io.kuberoute.dns.skydns;

import io.kuberoute.core.model.CurrentRecord;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.Ownership;
import io.kuberoute.core.model.RecordKey;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import java.util.ArrayList;
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
 * reads as a CNAME to the first in key order. Ownership of the set: another owner if any key names
 * one (the planner then leaves the name alone), else unowned if any key has no owner (the planner
 * adopts or reports it), else ours.
 *
 * <p>Keys outside the layout (see {@link SkyDnsLayout#parse}) and values that are not A, AAAA or
 * CNAME data (see {@link SkyDnsValue}) are skipped: they are never reported and never changed.
 */
final class SkyDnsRecords {

  private static final Logger log = LoggerFactory.getLogger(SkyDnsRecords.class);

  private final SkyDnsLayout layout;
  private final String ownerId;

  SkyDnsRecords(SkyDnsLayout layout, String ownerId) {
    this.layout = Objects.requireNonNull(layout, "layout");
    this.ownerId = Objects.requireNonNull(ownerId, "ownerId");
  }

  private static final class Builder {
    final Set<String> targets = new LinkedHashSet<>();
    long ttl = Long.MAX_VALUE;
    Optional<String> foreignOwner = Optional.empty();
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
      } else if (!v.owner().get().equals(ownerId) && b.foreignOwner.isEmpty()) {
        b.foreignOwner = v.owner();
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
    if (b.foreignOwner.isPresent()) {
      return Ownership.ownedBy(b.foreignOwner.get());
    }
    return b.anyUnowned ? Ownership.unowned() : Ownership.ownedBy(ownerId);
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
