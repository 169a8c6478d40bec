package io.kuberoute.dns.route53;

import io.kuberoute.core.DnsBackendException;
import io.kuberoute.core.model.CurrentRecord;
import io.kuberoute.core.model.DesiredRecord;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.Ownership;
import io.kuberoute.core.model.RecordKey;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import io.kuberoute.core.plan.ChangeSet;
import io.kuberoute.core.plan.NameChanges;
import io.kuberoute.core.plan.RecordUpdate;
import io.kuberoute.core.port.ApplyResult;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.core.port.ReadScope;
import io.kuberoute.core.port.ZoneState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.Route53ClientBuilder;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * AWS Route53 through the AWS SDK v2.
 *
 * <p><b>Zones.</b> A name lives in the hosted zone whose name is its longest suffix (public and
 * private zones alike), or in the pinned {@code hosted_zone_id}; see {@link ZoneIndex}. The zone
 * list is read once and kept; it is read again on a full sync while a requested domain has no
 * zone, and after Route53 answers NoSuchHostedZone.
 *
 * <p><b>Reading.</b> A full read ({@code refresh = true}) lists each needed zone once, all pages
 * of 300. Otherwise a zone is answered from what was read and written before, unless a write to
 * it was refused (then it is listed again).
 *
 * <p><b>Ownership.</b> A TXT record {@code _kuberoute.<name>} ({@link OwnershipMark}) marks the A,
 * AAAA and CNAME sets at a name as ours. It is created in the same request as the first record at
 * the name, rewritten when another resource claims the name, and deleted in the same request as
 * the last record. A mark of another owner id makes the name foreign; a TXT at the mark's name
 * that kuberoute did not write makes the name untouchable (the write is refused with a message).
 * A mark of ours whose records are gone (deleted by hand) is left in place and reused when the
 * name is published again.
 *
 * <p><b>Writing.</b> An update is DELETE (the old values and TTL exactly as Route53 holds them)
 * plus CREATE, never UPSERT: if the record changed behind kuberoute's back, Route53 refuses the
 * change instead of kuberoute overwriting it blindly. Names are packed into requests by {@link
 * ChangeBatcher}. A request Route53 refuses (InvalidChangeBatch, InvalidInput) is retried one
 * name at a time; a name refused alone is reported with Route53's message. Throttling and server
 * errors are retried by the SDK's standard retry strategy (exponential backoff with jitter, {@code
 * max_retries} retries). The backend does not wait for changes to reach INSYNC.
 *
 * <p>Construction makes no network call. Thread-safe (methods are synchronized).
 */
public final class Route53DnsBackend implements DnsBackend {

  private static final Logger log = LoggerFactory.getLogger(Route53DnsBackend.class);

  /** Route53's largest page of ListResourceRecordSets. */
  static final int LIST_PAGE_SIZE = 300;

  private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** Route53's limit for a change batch's comment. */
  private static final int MAX_COMMENT = 256;

  private final Route53Client client;
  private final List<SdkAutoCloseable> owned;
  private final Route53Settings settings;
  private final String ownerId;
  private final ChangeBatcher batcher;
  private final String batchComment;

  private ZoneIndex zoneIndex;
  private final Map<String, ZoneRecords> zoneCache = new HashMap<>();
  private final Set<String> staleZones = new HashSet<>();
  private final Set<DnsName> reportedOrphanMarks = new HashSet<>();

  private Route53DnsBackend(
      Route53Client client, List<SdkAutoCloseable> owned, Route53Settings settings, String ownerId) {
    this.client = client;
    this.owned = owned;
    this.settings = settings;
    this.ownerId = ownerId;
    this.batcher = new ChangeBatcher(settings.batchSize());
    String comment = "kuberoute owner " + ownerId;
    this.batchComment = comment.length() <= MAX_COMMENT ? comment : comment.substring(0, MAX_COMMENT);
  }

  /** A backend writing records owned by {@code ownerId}. Makes no AWS call before the first read. */
  public static DnsBackend create(Route53Settings settings, String ownerId) {
    return create(settings, ownerId, Optional.empty());
  }

  /**
   * As {@link #create(Route53Settings, String)}; {@code retryBaseDelay}, when given, replaces the
   * SDK's base delays of exponential backoff (tests use a few milliseconds).
   */
  static Route53DnsBackend create(Route53Settings settings, String ownerId, Optional<Duration> retryBaseDelay) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(ownerId, "ownerId");
    if (!ownerId.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException(
          "owner id '" + ownerId + "' may contain only letters, digits, '.', '_' and '-'");
    }
    SdkHttpClient http =
        UrlConnectionHttpClient.builder()
            .connectionTimeout(min(settings.timeout(), MAX_CONNECT_TIMEOUT))
            // the attempt timeout below is the deadline; the socket's is a second later, so that a
            // Route53 that does not answer always fails the same way
            .socketTimeout(settings.timeout().plusSeconds(1))
            .build();
    AwsCredentialsProvider credentials =
        settings.hasStaticCredentials()
            ? StaticCredentialsProvider.create(
                AwsBasicCredentials.create(
                    settings.accessKeyId().orElseThrow(), settings.secretAccessKey().orElseThrow().reveal()))
            : DefaultCredentialsProvider.builder().build();
    StandardRetryStrategy.Builder retry =
        AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(settings.maxRetries() + 1);
    retryBaseDelay.ifPresent(
        base -> {
          BackoffStrategy backoff = BackoffStrategy.exponentialDelay(base, base.multipliedBy(8));
          retry.backoffStrategy(backoff).throttlingBackoffStrategy(backoff);
        });
    Route53ClientBuilder builder =
        Route53Client.builder()
            .region(Region.of(settings.effectiveRegion()))
            .credentialsProvider(credentials)
            .httpClient(http)
            .overrideConfiguration(
                o -> o.retryStrategy(retry.build()).apiCallAttemptTimeout(settings.timeout()));
    settings.endpoint().ifPresent(builder::endpointOverride);
    List<SdkAutoCloseable> owned = new ArrayList<>();
    owned.add(http);
    if (credentials instanceof SdkAutoCloseable closeable) {
      owned.add(closeable);
    }
    try {
      return new Route53DnsBackend(builder.build(), owned, settings, ownerId);
    } catch (RuntimeException e) {
      owned.forEach(SdkAutoCloseable::close);
      throw e;
    }
  }

  // ------------------------------------------------------------------------------------------
  // read

  @Override
  public synchronized ZoneState read(ReadScope scope, boolean refresh) {
    // TODO(registry): discovery of owned records outside scope.domains()
    ZoneState state = readDomains(scope.domains(), refresh);
    return new ZoneState(
        state.records().stream().filter(scope::wants).toList(), state.failedDomains(), state.loneMarks());
  }

  private ZoneState readDomains(Collection<DnsName> domains, boolean refresh) {
    if (domains.isEmpty()) {
      return ZoneState.of(List.of());
    }
    boolean listedNow = zoneIndex == null;
    ZoneIndex index = zones();
    if (refresh && !listedNow && domains.stream().anyMatch(d -> !index.zonesFor(d).ok())) {
      zoneIndex = null;
      return readWith(zones(), domains, refresh);
    }
    return readWith(index, domains, refresh);
  }

  private ZoneState readWith(ZoneIndex index, Collection<DnsName> domains, boolean refresh) {
    Map<DnsName, String> failed = new TreeMap<>();
    Map<DnsName, List<HostedZone>> zonesByDomain = new LinkedHashMap<>();
    for (DnsName domain : domains) {
      ZoneIndex.ZonesForDomain z = index.zonesFor(domain);
      if (z.ok()) {
        zonesByDomain.put(domain, z.zones());
      } else {
        failed.put(domain, z.error());
      }
    }
    Map<String, String> zoneErrors = new HashMap<>();
    Set<String> listedThisRead = new HashSet<>();
    for (List<HostedZone> zones : zonesByDomain.values()) {
      for (HostedZone zone : zones) {
        if (listedThisRead.contains(zone.id()) || zoneErrors.containsKey(zone.id())) {
          continue;
        }
        if (refresh || !zoneCache.containsKey(zone.id()) || staleZones.contains(zone.id())) {
          try {
            listZone(zone);
            listedThisRead.add(zone.id());
          } catch (ZoneUnreadable e) {
            zoneErrors.put(zone.id(), e.getMessage());
          }
        }
      }
    }

    Map<RecordKey, CurrentRecord> records = new LinkedHashMap<>();
    for (Map.Entry<DnsName, List<HostedZone>> e : zonesByDomain.entrySet()) {
      DnsName domain = e.getKey();
      Optional<String> error =
          e.getValue().stream().map(z -> zoneErrors.get(z.id())).filter(Objects::nonNull).findFirst();
      if (error.isPresent()) {
        failed.put(domain, error.get());
        continue;
      }
      for (HostedZone zone : e.getValue()) {
        collect(index, zoneCache.get(zone.id()), domain, records);
      }
    }
    return new ZoneState(List.copyOf(records.values()), failed);
  }

  private void collect(ZoneIndex index, ZoneRecords zone, DnsName domain, Map<RecordKey, CurrentRecord> out) {
    for (ZoneRecords.Entry entry : zone.entries()) {
      if (!entry.name().isWithin(domain)) {
        continue;
      }
      if (entry.type() == RecordType.TXT) {
        noteOrphanMark(zone, entry);
        continue;
      }
      if (!index.zoneFor(entry.name()).zone().map(zone.zone()::equals).orElse(false)) {
        continue; // shadowed by a more specific zone: that zone is authoritative for the name
      }
      Optional<RecordSet> record = ZoneRecords.toRecordSet(entry);
      if (record.isEmpty()) {
        log.debug("route53: {} {} in zone {} cannot be represented; ignored", entry.name(), entry.type(), zone.zone());
        continue;
      }
      Ownership ownership =
          markOf(zone, entry.name()) instanceof MarkState.Owned o ? o.ownership() : Ownership.unowned();
      out.putIfAbsent(record.get().key(), new CurrentRecord(record.get(), ownership));
    }
  }

  private void noteOrphanMark(ZoneRecords zone, ZoneRecords.Entry entry) {
    Optional<DnsName> covered = OwnershipMark.coveredName(entry.name());
    if (covered.isEmpty() || !zone.plannedTypesAt(covered.get()).isEmpty()) {
      return;
    }
    boolean ours =
        OwnershipMark.parse(ZoneRecords.values(entry.raw())).map(o -> o.isOwnedBy(ownerId)).orElse(false);
    if (ours && reportedOrphanMarks.add(covered.get())) {
      log.info(
          "route53: ownership mark {} has no record left at {}; kept, and reused when {} is published again "
              + "(delete it by hand if the name is no longer used)",
          entry.name(), covered.get(), covered.get());
    }
  }

  /** The ownership mark at a name, as the zone holds it. */
  private sealed interface MarkState {
    record Absent() implements MarkState {}

    /** A TXT at the mark's name that kuberoute did not write. */
    record Alien(ResourceRecordSet raw) implements MarkState {}

    record Owned(Ownership ownership, ResourceRecordSet raw) implements MarkState {}
  }

  private static MarkState markOf(ZoneRecords zone, DnsName name) {
    Optional<DnsName> markName = OwnershipMark.nameFor(name);
    if (markName.isEmpty()) {
      return new MarkState.Absent();
    }
    Optional<ZoneRecords.Entry> txt = zone.get(markName.get(), RecordType.TXT);
    if (txt.isEmpty()) {
      return new MarkState.Absent();
    }
    Optional<Ownership> ownership = OwnershipMark.parse(ZoneRecords.values(txt.get().raw()));
    if (ownership.isEmpty() || ownership.get().isUnowned()) {
      return new MarkState.Alien(txt.get().raw());
    }
    return new MarkState.Owned(ownership.get(), txt.get().raw());
  }

  // ------------------------------------------------------------------------------------------
  // apply

  @Override
  public synchronized ApplyResult apply(ChangeSet changes) {
    if (changes.isEmpty()) {
      return ApplyResult.OK;
    }
    ZoneIndex index = zones();
    Map<DnsName, String> failed = new TreeMap<>();
    Map<HostedZone, List<ChangeBatcher.Group>> groupsByZone = new LinkedHashMap<>();
    Map<String, String> zoneErrors = new HashMap<>();
    for (NameChanges name : changes.byName().values()) {
      ZoneIndex.Lookup lookup = index.zoneFor(name.name());
      if (lookup.zone().isEmpty()) {
        failed.put(name.name(), lookup.error());
        continue;
      }
      HostedZone zone = lookup.zone().get();
      if (!zoneCache.containsKey(zone.id()) && !zoneErrors.containsKey(zone.id())) {
        try {
          listZone(zone);
        } catch (ZoneUnreadable e) {
          zoneErrors.put(zone.id(), e.getMessage());
        }
      }
      if (zoneErrors.containsKey(zone.id())) {
        failed.put(name.name(), zoneErrors.get(zone.id()));
        continue;
      }
      try {
        ChangeBatcher.Group group = groupFor(zoneCache.get(zone.id()), name);
        if (!group.changes().isEmpty()) {
          groupsByZone.computeIfAbsent(zone, z -> new ArrayList<>()).add(group);
        }
      } catch (NameRefused e) {
        failed.put(name.name(), e.getMessage());
      }
    }

    Sender sender = new Sender(failed);
    for (Map.Entry<HostedZone, List<ChangeBatcher.Group>> e : groupsByZone.entrySet()) {
      HostedZone zone = e.getKey();
      ChangeBatcher.Packing packing = batcher.pack(e.getValue());
      for (ChangeBatcher.Group g : packing.tooLarge()) {
        failed.put(
            g.name(),
            ("its %d change(s) hold %d values and %d characters, more than Route53 accepts in one request "
                    + "(%d values, %d characters); not sent")
                .formatted(g.changes().size(), g.values(), g.chars(), ChangeBatcher.MAX_VALUES, ChangeBatcher.MAX_CHARS));
      }
      for (List<ChangeBatcher.Group> batch : packing.batches()) {
        sender.sendBatch(zone, batch);
      }
    }
    if (sender.unreachable != null && !sender.anySent) {
      throw new DnsBackendException(sender.unreachable.getMessage(), true, sender.unreachable);
    }
    return new ApplyResult(failed);
  }

  /** Sends batches of one apply, falling back to one name per request, and tracks failures. */
  private final class Sender {
    private final Map<DnsName, String> failed;
    private boolean anySent;
    private DnsBackendException unreachable;
    private String stopReason;
    private final Set<String> deniedZones = new HashSet<>();

    Sender(Map<DnsName, String> failed) {
      this.failed = failed;
    }

    void sendBatch(HostedZone zone, List<ChangeBatcher.Group> batch) {
      if (skip(zone, batch)) {
        return;
      }
      Optional<AwsServiceException> refused = send(zone, batch);
      if (refused.isEmpty()) {
        return;
      }
      if (batch.size() == 1) {
        refuse(zone, batch.get(0), refused.get());
        return;
      }
      log.warn(
          "route53: zone {} refused a request of {} names ({}); sending them one name at a time",
          zone, batch.size(), describe(refused.get()));
      for (ChangeBatcher.Group group : batch) {
        if (skip(zone, List.of(group))) {
          continue;
        }
        send(zone, List.of(group)).ifPresent(e -> refuse(zone, group, e));
      }
    }

    private boolean skip(HostedZone zone, List<ChangeBatcher.Group> batch) {
      String reason = stopReason;
      if (reason == null && deniedZones.contains(zone.id())) {
        reason = "zone " + zone + " refused an earlier request";
      }
      if (reason == null) {
        return false;
      }
      for (ChangeBatcher.Group g : batch) {
        failed.put(g.name(), "not sent: " + reason);
      }
      return true;
    }

    private void refuse(HostedZone zone, ChangeBatcher.Group group, AwsServiceException e) {
      staleZones.add(zone.id());
      failed.put(group.name(), "Route53 refused the change in zone " + zone.name() + ": " + describe(e));
    }

    /**
     * Sends one request. Returns the refusal when Route53 refused the batch's content (the caller
     * may split it); records every other failure itself.
     */
    private Optional<AwsServiceException> send(HostedZone zone, List<ChangeBatcher.Group> batch) {
      List<Change> body = ChangeBatcher.changesOf(batch);
      try {
        client.changeResourceRecordSets(
            r -> r.hostedZoneId(zone.id()).changeBatch(b -> b.changes(body).comment(batchComment)));
        anySent = true;
        ZoneRecords records = zoneCache.get(zone.id());
        if (records != null) {
          body.forEach(records::apply);
        }
        log.debug("route53: zone {} accepted {} change(s) at {} name(s)", zone, body.size(), batch.size());
        return Optional.empty();
      } catch (AwsServiceException e) {
        String code = errorCode(e);
        if (code.equals("InvalidChangeBatch") || code.equals("InvalidInput")) {
          return Optional.of(e);
        }
        String message;
        if (code.equals("NoSuchHostedZone")) {
          forgetZone(zone);
          message = "hosted zone " + zone + " no longer exists (" + describe(e) + ")";
          deniedZones.add(zone.id());
        } else if (e.statusCode() == 403) {
          message =
              "Route53 denied ChangeResourceRecordSets on hosted zone %s: %s (the IAM policy must allow "
                  .formatted(zone, describe(e))
                  + "route53:ChangeResourceRecordSets on arn:aws:route53:::hostedzone/" + zone.id() + ")";
          deniedZones.add(zone.id());
        } else {
          int attempts = e.numAttempts() == null ? 1 : e.numAttempts();
          message = "Route53 failed after " + attempts + " attempt(s): " + describe(e);
          stopReason = message;
        }
        staleZones.add(zone.id());
        for (ChangeBatcher.Group g : batch) {
          failed.put(g.name(), message);
        }
        return Optional.empty();
      } catch (SdkClientException e) {
        String message = "Route53 is unreachable: " + clientMessage(e);
        unreachable = new DnsBackendException(message, true, e);
        stopReason = message;
        staleZones.add(zone.id());
        for (ChangeBatcher.Group g : batch) {
          failed.put(g.name(), message);
        }
        return Optional.empty();
      }
    }
  }

  /** The changes at one name: its record changes and what its ownership mark needs. */
  private ChangeBatcher.Group groupFor(ZoneRecords zone, NameChanges name) {
    List<Change> deletes = new ArrayList<>();
    List<Change> creates = new ArrayList<>();
    Set<RecordType> after = zone.plannedTypesAt(name.name());
    for (RecordSet d : name.deletes()) {
      deletes.add(deleteOf(zone, d));
      after.remove(d.type());
    }
    Optional<String> resource = Optional.empty();
    for (RecordUpdate u : name.updates()) {
      if (!u.before().equals(u.after())) {
        deletes.add(deleteOf(zone, u.before()));
        creates.add(change(ChangeAction.CREATE, toRoute53(u.after())));
      }
      after.add(u.after().type());
      resource = resource.or(() -> Optional.of(u.resource()));
    }
    for (DesiredRecord c : name.creates()) {
      creates.add(change(ChangeAction.CREATE, toRoute53(c.record())));
      after.add(c.record().type());
      resource = resource.or(() -> Optional.of(c.resource()));
    }

    MarkState mark = markOf(zone, name.name());
    if (after.isEmpty()) {
      if (mark instanceof MarkState.Owned o && o.ownership().isOwnedBy(ownerId)) {
        deletes.add(change(ChangeAction.DELETE, o.raw()));
      }
    } else if (resource.isPresent()) {
      String wanted = OwnershipMark.value(ownerId, resource.get());
      if (mark instanceof MarkState.Alien) {
        throw new NameRefused(
            ("%s holds a TXT record kuberoute did not write; %s is not changed (remove that TXT record "
                    + "to let kuberoute manage the name)")
                .formatted(OwnershipMark.nameFor(name.name()).orElseThrow(), name.name()));
      }
      if (mark instanceof MarkState.Owned o) {
        if (!o.ownership().isOwnedBy(ownerId)) {
          throw new NameRefused(
              "%s is owned by '%s'%s according to %s, not by '%s'; not changed"
                  .formatted(
                      name.name(),
                      o.ownership().owner().orElseThrow(),
                      o.ownership().resource().map(r -> " (" + r + ")").orElse(""),
                      OwnershipMark.nameFor(name.name()).orElseThrow(),
                      ownerId));
        }
        if (!ZoneRecords.values(o.raw()).equals(List.of(wanted))) {
          deletes.add(change(ChangeAction.DELETE, o.raw()));
          creates.add(change(ChangeAction.CREATE, markSet(name.name(), wanted)));
        }
      } else {
        creates.add(change(ChangeAction.CREATE, markSet(name.name(), wanted)));
      }
    }
    List<Change> all = new ArrayList<>(deletes);
    all.addAll(creates);
    return new ChangeBatcher.Group(name.name(), all);
  }

  /** A DELETE repeating the set exactly as Route53 holds it, when what we hold matches {@code d}. */
  private static Change deleteOf(ZoneRecords zone, RecordSet d) {
    Optional<ZoneRecords.Entry> held = zone.get(d.name(), d.type());
    if (held.isPresent() && ZoneRecords.toRecordSet(held.get()).map(d::equals).orElse(false)) {
      return change(ChangeAction.DELETE, held.get().raw());
    }
    return change(ChangeAction.DELETE, toRoute53(d));
  }

  private static ResourceRecordSet markSet(DnsName name, String value) {
    DnsName markName =
        OwnershipMark.nameFor(name)
            .orElseThrow(
                () ->
                    new NameRefused(
                        "%s is too long for its ownership record %s.%s (names may have at most %d characters); not changed"
                            .formatted(name, OwnershipMark.LABEL, name, DnsName.MAX_LENGTH - OwnershipMark.LABEL.length() - 1)));
    return ResourceRecordSet.builder()
        .name(markName.absolute())
        .type(RecordType.TXT.name())
        .ttl(OwnershipMark.TTL)
        .resourceRecords(ResourceRecord.builder().value(value).build())
        .build();
  }

  static ResourceRecordSet toRoute53(RecordSet r) {
    List<ResourceRecord> values = new ArrayList<>();
    for (String target : r.targets()) {
      String value = r.type() == RecordType.CNAME ? DnsName.of(target).absolute() : target;
      values.add(ResourceRecord.builder().value(value).build());
    }
    return ResourceRecordSet.builder()
        .name(r.name().absolute())
        .type(r.type().name())
        .ttl(r.ttl())
        .resourceRecords(values)
        .build();
  }

  private static Change change(ChangeAction action, ResourceRecordSet set) {
    return Change.builder().action(action).resourceRecordSet(set).build();
  }

  /** A name the backend will not write, with the reason. */
  private static final class NameRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NameRefused(String message) {
      super(message, null, false, false);
    }
  }

  // ------------------------------------------------------------------------------------------
  // zones and listings

  /** The zone index, listing the account's zones if not done yet. */
  private ZoneIndex zones() {
    if (zoneIndex != null) {
      return zoneIndex;
    }
    List<HostedZone> zones = new ArrayList<>();
    try {
      client
          .listHostedZonesPaginator(r -> {})
          .hostedZones()
          .forEach(
              z -> {
                if (DnsName.isValid(z.name())) {
                  boolean priv = z.config() != null && Boolean.TRUE.equals(z.config().privateZone());
                  zones.add(new HostedZone(HostedZone.plainId(z.id()), DnsName.of(z.name()), priv));
                }
              });
    } catch (AwsServiceException e) {
      if (e.statusCode() == 403) {
        throw new DnsBackendException(
            "Route53 denied ListHostedZones: " + describe(e) + " (the IAM policy must allow route53:ListHostedZones)",
            false, e);
      }
      throw new DnsBackendException("listing Route53 hosted zones failed: " + describe(e), true, e);
    } catch (SdkClientException e) {
      throw new DnsBackendException("Route53 is unreachable: " + clientMessage(e), true, e);
    }
    zoneIndex = new ZoneIndex(zones, settings.hostedZoneId());
    log.debug("route53: {} hosted zone(s) visible", zones.size());
    return zoneIndex;
  }

  /** Lists every record set of {@code zone} (all pages) into the cache. */
  private void listZone(HostedZone zone) {
    try {
      ZoneRecords records =
          ZoneRecords.of(
              zone,
              client
                  .listResourceRecordSetsPaginator(
                      r -> r.hostedZoneId(zone.id()).maxItems(Integer.toString(LIST_PAGE_SIZE)))
                  .resourceRecordSets());
      zoneCache.put(zone.id(), records);
      staleZones.remove(zone.id());
      log.debug("route53: read {} record set(s) of zone {}", records.listedCount(), zone);
    } catch (AwsServiceException e) {
      if (errorCode(e).equals("NoSuchHostedZone")) {
        forgetZone(zone);
        throw new ZoneUnreadable("hosted zone " + zone + " no longer exists (" + describe(e) + ")");
      }
      if (e.statusCode() == 403) {
        throw new ZoneUnreadable(
            "Route53 denied ListResourceRecordSets on hosted zone %s: %s (the IAM policy must allow "
                    .formatted(zone, describe(e))
                + "route53:ListResourceRecordSets on arn:aws:route53:::hostedzone/" + zone.id() + ")");
      }
      throw new ZoneUnreadable("reading hosted zone " + zone + " failed: " + describe(e));
    } catch (SdkClientException e) {
      throw new DnsBackendException("Route53 is unreachable: " + clientMessage(e), true, e);
    }
  }

  private void forgetZone(HostedZone zone) {
    zoneCache.remove(zone.id());
    zoneIndex = null;
  }

  /** A zone that could not be listed: an error for the domains that need it. */
  private static final class ZoneUnreadable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ZoneUnreadable(String message) {
      super(message, null, false, false);
    }
  }

  private static String errorCode(AwsServiceException e) {
    return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
        ? ""
        : e.awsErrorDetails().errorCode();
  }

  /** {@code Code: message (HTTP status)} of a Route53 error, without request ids. */
  static String describe(AwsServiceException e) {
    String message =
        e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
            ? e.awsErrorDetails().errorMessage()
            : e.getMessage();
    String code = errorCode(e);
    return (code.isEmpty() ? "" : code + ": ") + message + " (HTTP " + e.statusCode() + ")";
  }

  private static String clientMessage(SdkException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String rootText = root == e ? "" : " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    return e.getMessage() + rootText;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  @Override
  public synchronized void close() {
    client.close();
    for (SdkAutoCloseable c : owned) {
      try {
        c.close();
      } catch (RuntimeException e) {
        log.debug("route53: closing {} failed: {}", c.getClass().getSimpleName(), e.toString());
      }
    }
  }
}
