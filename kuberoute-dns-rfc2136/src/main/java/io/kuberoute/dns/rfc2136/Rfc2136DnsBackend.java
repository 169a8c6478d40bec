package io.kuberoute.dns.rfc2136;

import io.kuberoute.core.DnsBackendException;
import io.kuberoute.core.model.CurrentRecord;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.Ownership;
import io.kuberoute.core.model.RecordKey;
import io.kuberoute.core.plan.ChangeSet;
import io.kuberoute.core.plan.NameChanges;
import io.kuberoute.core.plan.PlanSettings;
import io.kuberoute.core.port.ApplyResult;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.core.port.ReadScope;
import io.kuberoute.core.port.ZoneState;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;

/**
 * A DNS server that takes RFC 2136 dynamic updates (BIND, Knot, PowerDNS, Windows DNS...), through
 * dnsjava behind the {@link DnsClient} seam.
 *
 * <p><b>Zones.</b> {@code rfc2136.zones} when set (a name lives in the most specific one), else the
 * zone the server names in its answer to an SOA query ({@link SoaZoneLocator}).
 *
 * <p><b>Reading.</b> Each zone needed is read whole by AXFR ({@link ZoneTransferReader}), signed
 * with the key: the zones of the requested domains and, when the scope discovers owners, every
 * known zone (all of {@code rfc2136.zones}; without it, the zones found so far). The registry is
 * the zone itself: the TXT mark {@code _kuberoute.<name>} ({@link OwnershipMark}) says who owns a
 * name's A, AAAA and CNAME sets ({@link RegistryView}). Every read transfers each needed zone once:
 * the backend keeps no read cache (the core's {@link io.kuberoute.core.port.CachingDnsBackend}
 * answers event syncs). What was read, updated with the updates the server applied, is kept only as
 * the basis of writes (the prerequisites of an UPDATE); a zone whose write failed is transferred
 * again before its next write. A zone the server refuses is a failed domain of the read; a server
 * that cannot be reached at all fails the read with a {@link DnsBackendException}.
 *
 * <p><b>Writing.</b> Each name is one UPDATE message ({@link UpdateBuilder}) whose prerequisites
 * state the name and its mark as read, so a concurrent edit makes the server refuse the message
 * (NXRRSET/YXRRSET) instead of kuberoute overwriting it: the name is reported failed, its zone is
 * read again at the next sync, which then plans from what is really there. After REFUSED or NOTAUTH
 * from a zone, the zone's remaining names are reported with the same line and not sent. Nothing is
 * sent for an empty change set. If the server stops answering part-way, the names not yet sent are
 * reported failed without waiting for each (one timeout per apply at most).
 *
 * <p>Construction makes no network call. Thread-safe (methods are synchronized).
 */
public final class Rfc2136DnsBackend implements DnsBackend {

  private final String ownerId;

  private static final Logger log = LoggerFactory.getLogger(Rfc2136DnsBackend.class);

  private final DnsClient client;
  private final ServerErrors errors;
  private final ZoneLocator locator;
  private final ZoneTransferReader reader;
  private final UpdateBuilder builder;
  private final KeyCheck keyCheck;

  private final Map<DnsName, ZoneContent> zones = new HashMap<>();
  private final Set<DnsName> staleZones = new HashSet<>();

  Rfc2136DnsBackend(Rfc2136Settings settings, String ownerId, DnsClient client) {
    Objects.requireNonNull(settings, "settings");
    PlanSettings.checkOwnerId(Objects.requireNonNull(ownerId, "ownerId"));
    this.client = Objects.requireNonNull(client, "client");
    this.errors = new ServerErrors(settings);
    this.locator =
        settings.zones().isEmpty()
            ? new SoaZoneLocator(client, errors)
            : new ConfiguredZones(settings.zones());
    this.reader = new ZoneTransferReader(client, errors);
    this.builder = new UpdateBuilder(ownerId);
    this.ownerId = ownerId;
    this.keyCheck = new KeyCheck(client);
  }

  /**
   * A backend writing records owned by {@code ownerId}. Makes no DNS request before the first read.
   */
  public static DnsBackend create(Rfc2136Settings settings, String ownerId) {
    return new Rfc2136DnsBackend(settings, ownerId, new DnsjavaClient(settings));
  }

  // ------------------------------------------------------------------------------------------
  // read

  /** The owner id its marks carry: a sync service checks it matches its planner's. */
  @Override
  public Optional<String> ownerId() {
    return Optional.of(ownerId);
  }

  @Override
  public synchronized ZoneState read(ReadScope scope, boolean refresh) {
    try {
      return readZones(scope);
    } catch (DnsFailure f) {
      throw new DnsBackendException(errors.unreachable(f), true, f);
    }
  }

  private ZoneState readZones(ReadScope scope) throws DnsFailure {
    Map<DnsName, String> failed = new TreeMap<>();
    Set<DnsName> needed = new TreeSet<>();
    for (DnsName domain : scope.domains()) {
      if (!scope.filter().overlaps(domain)) {
        continue;
      }
      ZoneLocator.Zones z = locator.zonesFor(domain);
      if (z.zones().isEmpty()) {
        failed.put(domain, z.error());
      }
      z.zones().stream().filter(scope.filter()::overlaps).forEach(needed::add);
    }
    if (scope.discovers()) {
      locator.knownZones().stream().filter(scope.filter()::overlaps).forEach(needed::add);
    }

    Map<DnsName, ZoneContent> read = new TreeMap<>();
    for (DnsName zone : needed) {
      try {
        read.put(zone, transfer(zone));
      } catch (ZoneTransferReader.ZoneUnreadable e) {
        failed.put(zone, e.getMessage());
      }
    }

    Set<DnsName> allZones = new HashSet<>(locator.knownZones());
    allZones.addAll(read.keySet());
    Map<RecordKey, CurrentRecord> records = new LinkedHashMap<>();
    Map<DnsName, Ownership> loneMarks = new TreeMap<>();
    for (ZoneContent content : read.values()) {
      RegistryView.Entries entries =
          RegistryView.of(
              content,
              n -> ZoneLocator.mostSpecific(n, allZones).map(content.apex()::equals).orElse(false));
      for (CurrentRecord c : entries.records()) {
        if (scope.wants(c)) {
          records.putIfAbsent(c.key(), c);
        }
      }
      entries
          .loneMarks()
          .forEach(
              (name, ownership) -> {
                if (scope.wants(name, ownership.owner().orElse(null))) {
                  loneMarks.put(name, ownership);
                }
              });
    }
    return new ZoneState(List.copyOf(records.values()), failed, loneMarks);
  }

  /** The zone for a write: as last read and written, transferred first when unknown or stale. */
  private ZoneContent forWrite(DnsName zone) throws DnsFailure, ZoneTransferReader.ZoneUnreadable {
    ZoneContent known = zones.get(zone);
    if (known != null && !staleZones.contains(zone)) {
      return known;
    }
    return transfer(zone);
  }

  /** The zone transferred now, and kept as the basis of writes. */
  private ZoneContent transfer(DnsName zone) throws DnsFailure, ZoneTransferReader.ZoneUnreadable {
    try {
      ZoneContent fresh = reader.read(zone);
      zones.put(zone, fresh);
      staleZones.remove(zone);
      return fresh;
    } catch (ZoneTransferReader.ZoneUnreadable e) {
      zones.remove(zone);
      locator.forget(zone);
      throw e;
    }
  }

  // ------------------------------------------------------------------------------------------
  // apply

  @Override
  public synchronized ApplyResult apply(ChangeSet changes) {
    if (changes.isEmpty()) {
      return ApplyResult.OK;
    }
    Map<DnsName, String> failed = new TreeMap<>();
    Map<DnsName, String> refusedZones = new HashMap<>();
    List<NameChanges> names = new ArrayList<>(changes.byName().values());
    boolean answered = false;
    for (int i = 0; i < names.size(); i++) {
      NameChanges name = names.get(i);
      try {
        answered |= applyName(name, failed, refusedZones);
      } catch (DnsFailure f) {
        String message = errors.unreachable(f);
        staleZones.addAll(zones.keySet());
        if (!answered) {
          throw new DnsBackendException(message, true, f);
        }
        for (NameChanges rest : names.subList(i, names.size())) {
          failed.put(rest.name(), message);
        }
        break;
      }
    }
    return new ApplyResult(failed);
  }

  /**
   * Sends the one UPDATE of a name (transferring its zone first if it is not known) and records
   * what happened.
   *
   * @return whether the server answered anything
   */
  private boolean applyName(
      NameChanges name, Map<DnsName, String> failed, Map<DnsName, String> refusedZones)
      throws DnsFailure {
    ZoneLocator.Lookup lookup = locator.zoneOf(name.name());
    if (lookup.zone().isEmpty()) {
      failed.put(name.name(), lookup.error());
      return false;
    }
    DnsName zone = lookup.zone().get();
    if (refusedZones.containsKey(zone)) {
      failed.put(name.name(), refusedZones.get(zone));
      return false;
    }
    ZoneContent content;
    try {
      content = forWrite(zone);
    } catch (ZoneTransferReader.ZoneUnreadable e) {
      refusedZones.put(zone, e.getMessage());
      failed.put(name.name(), e.getMessage());
      return true;
    }
    UpdateBuilder.Built built = builder.build(content, name);
    if (built instanceof UpdateBuilder.Refused r) {
      failed.put(name.name(), r.reason());
      return false;
    }
    UpdateBuilder.Ready ready = (UpdateBuilder.Ready) built;
    Message answer = client.send(ready.message());
    ServerErrors.UpdateOutcome outcome = errors.update(zone, name.name(), answer, client.signs());
    log.debug("rfc2136: UPDATE of {} in zone {}: {}", name.name(), zone, outcome.kind());
    switch (outcome.kind()) {
      case APPLIED -> ready.writes().forEach(w -> content.put(w.name(), w.type(), w.records()));
      case CONFLICT, FAILED -> {
        staleZones.add(zone);
        failed.put(name.name(), outcome.message());
      }
      case REFUSED -> {
        String message = outcome.message();
        if (ServerErrors.tsigError(answer).orElse(Rcode.NOERROR) == Rcode.BADKEY) {
          // Knot answers BADKEY also for a key it knows but does not allow: ask which it is
          message = errors.updateRefused(zone, answer.getRcode(), keyCheck.tsigError(zone));
        }
        refusedZones.put(zone, message);
        failed.put(name.name(), message);
      }
    }
    return true;
  }

  @Override
  public synchronized void close() {
    zones.clear();
    staleZones.clear();
    client.close();
  }
}
