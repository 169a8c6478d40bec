package io.kuberoute.dns.route53;

import io.kuberoute.core.plan.ChangeSet;
import io.kuberoute.core.plan.PlanSettings;
import io.kuberoute.core.port.ApplyResult;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.core.port.ReadScope;
import io.kuberoute.core.port.ZoneState;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * AWS Route53 through the AWS SDK v2. The DNS is the registry: what kuberoute owns is what its
 * ownership marks say, found again by every fresh backend.
 *
 * <p><b>Zones.</b> A name lives in the hosted zone whose name is its longest suffix (public and
 * private zones alike), or in the pinned {@code hosted_zone_id}; see {@link ZoneIndex}. The zone
 * list (ListHostedZones, all pages) is read at the first read or apply and kept; it is read again
 * on a full sync while a requested domain has no zone, and after Route53 answers NoSuchHostedZone
 * ({@link ZoneDirectory}).
 *
 * <p><b>Reading and discovery.</b> A read returns every record set at or below the scope's domains
 * and, when the scope names owner ids (ours and the {@code previous_owner_ids}), every record set
 * marked with one of them in <em>every</em> hosted zone the credentials see, all within the scope's
 * filter ({@code [kuberoute] domains}): with a filter only the zones that overlap it are read. Each
 * zone is read at most once per call ({@link ScopeReader}). Every read lists each zone it needs,
 * all pages of 300: the backend keeps no read cache (the core's {@code CachingDnsBackend} answers
 * event syncs). What it read, updated with the changes Route53 accepted, is kept only as the basis
 * of writes ({@link ZoneWriteBasis}). A zone that cannot be read fails its apex, a domain with no
 * zone fails the domain.
 *
 * <p><b>Ownership.</b> A TXT record {@code _kuberoute.<name>} ({@link OwnershipMark}) marks the A,
 * AAAA and CNAME sets at a name as owned by an owner id ({@link OwnershipMarks}). It is created in
 * the same request as the first record at the name, rewritten (in the same request as the records)
 * when another resource claims the name or the name is taken over from a previous owner id, and
 * deleted in the same request as the last record. A mark of another owner id makes the name
 * foreign: never rewritten, the name is refused; a TXT at the mark's name that kuberoute did not
 * write makes the name untouchable too. A mark at a name without records is a <em>lone mark</em>,
 * returned in {@link ZoneState#loneMarks()}: a foreign one makes the wanted name a conflict; one of
 * ours is reused when the name is published again, and kept (logged once) while nobody wants the
 * name.
 *
 * <p><b>Writing.</b> An update is DELETE (the old values and TTL exactly as Route53 holds them)
 * plus CREATE, never UPSERT ({@link NameChangeBuilder}): if the record changed behind kuberoute's
 * back, Route53 refuses the change instead of kuberoute overwriting it blindly. Names are packed
 * into requests by {@link ChangeBatcher}. A request Route53 refuses (InvalidChangeBatch,
 * InvalidInput) is retried one name at a time; a name refused alone is reported with Route53's
 * message ({@link ChangeSender}). Throttling and server errors are retried by the SDK's standard
 * retry strategy (exponential backoff with jitter, {@code max_retries} retries). The backend does
 * not wait for changes to reach INSYNC.
 *
 * <p><b>What a write may touch</b> is what the last read was told ({@link WriteScope}): marks of
 * its owner ids may be rewritten or deleted, and names outside its filter are refused unsent (the
 * planner never asks for them; a heartbeat of a parent domain could). Before any read: our own
 * marks, every name.
 *
 * <p><b>Permissions.</b> route53:ListHostedZones, and on every zone it may read or write
 * route53:ListResourceRecordSets and route53:ChangeResourceRecordSets.
 *
 * <p>Construction makes no network call. Thread-safe (methods are synchronized).
 */
public final class Route53DnsBackend implements DnsBackend {

  private static final Logger log = LoggerFactory.getLogger(Route53DnsBackend.class);

  private final Route53Client client;
  private final boolean closesClient;
  private final List<SdkAutoCloseable> owned;
  private final String ownerId;
  private final ScopeReader reader;
  private final ChangeApplier applier;

  /** What apply may touch: the owner ids and the filter the last read was given. */
  private WriteScope writeScope;

  private Route53DnsBackend(
      Route53Client client,
      boolean closesClient,
      List<SdkAutoCloseable> owned,
      Route53Settings settings,
      String ownerId) {
    this.client = client;
    this.closesClient = closesClient;
    this.owned = List.copyOf(owned);
    this.ownerId = ownerId;
    ZoneDirectory directory = new ZoneDirectory(client, settings.hostedZoneId());
    ZoneWriteBasis zones = new ZoneWriteBasis(new RecordSetReader(client), directory);
    this.reader = new ScopeReader(directory, zones, ownerId);
    this.applier =
        new ChangeApplier(
            client,
            directory,
            zones,
            new NameChangeBuilder(new OwnershipMarks(ownerId)),
            new ChangeBatcher(settings.batchSize()),
            ownerId);
    this.writeScope = WriteScope.initial(ownerId);
  }

  /**
   * A backend writing records owned by {@code ownerId}. Makes no AWS call before the first read.
   */
  public static DnsBackend create(Route53Settings settings, String ownerId) {
    return create(settings, ownerId, Optional.empty());
  }

  /**
   * As {@link #create(Route53Settings, String)}; {@code retryBaseDelay}, when given, replaces the
   * SDK's base delays of exponential backoff (tests use a few milliseconds).
   */
  static Route53DnsBackend create(
      Route53Settings settings, String ownerId, Optional<Duration> retryBaseDelay) {
    Objects.requireNonNull(settings, "settings");
    checkOwnerId(ownerId);
    Route53ClientFactory.Built built = Route53ClientFactory.build(settings, retryBaseDelay);
    return new Route53DnsBackend(built.client(), true, built.resources(), settings, ownerId);
  }

  /**
   * A backend over a client the caller built and keeps (a test double, a client with other SDK
   * settings): {@link #close()} does not close it. Of {@code settings} only {@code hosted_zone_id}
   * and {@code batch_size} apply; credentials, region, endpoint, retries and timeout are the
   * client's.
   */
  public static Route53DnsBackend withClient(
      Route53Client client, Route53Settings settings, String ownerId) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(settings, "settings");
    checkOwnerId(ownerId);
    return new Route53DnsBackend(client, false, List.of(), settings, ownerId);
  }

  private static void checkOwnerId(String ownerId) {
    Objects.requireNonNull(ownerId, "ownerId");
    PlanSettings.checkOwnerId(ownerId);
  }

  /** The owner id its marks carry: a sync service checks it matches its planner's. */
  @Override
  public Optional<String> ownerId() {
    return Optional.of(ownerId);
  }

  @Override
  public synchronized ZoneState read(ReadScope scope, boolean refresh) {
    writeScope = WriteScope.of(ownerId, scope);
    return reader.read(scope, refresh);
  }

  @Override
  public synchronized ApplyResult apply(ChangeSet changes) {
    return applier.apply(changes, writeScope);
  }

  @Override
  public synchronized void close() {
    if (closesClient) {
      client.close();
    }
    for (SdkAutoCloseable c : owned) {
      try {
        c.close();
      } catch (RuntimeException e) {
        log.debug("route53: closing {} failed: {}", c.getClass().getSimpleName(), e.toString());
      }
    }
  }

  /** Names it for logs: the owner id only. */
  @Override
  public String toString() {
    return "Route53DnsBackend[owner=" + ownerId + "]";
  }
}
