package io.kuberoute.dns.skydns;

import io.kuberoute.core.DnsBackendException;
import io.kuberoute.core.model.CurrentRecord;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.DomainFilter;
import io.kuberoute.core.plan.ChangeSet;
import io.kuberoute.core.plan.NameChanges;
import io.kuberoute.core.plan.PlanSettings;
import io.kuberoute.core.port.ApplyResult;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.core.port.ReadScope;
import io.kuberoute.core.port.ZoneState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SkyDNS/CoreDNS records in etcd v3: one key per target under the reversed name, JSON values with
 * an {@code owner} and a {@code resource} field (see {@link SkyDnsLayout}, {@link SkyDnsValue},
 * {@link NameWrite}). The etcd calls go through an {@link EtcdGateway} ({@link JetcdGateway} in
 * production).
 *
 * <p><b>Reading.</b> The keys are the registry. A read that discovers ({@link
 * ReadScope#discovers()}) reads the whole prefix, {@code [<prefix>/, <prefix>0)}, in pages of
 * {@link EtcdGateway#PAGE_SIZE} keys: one range call per page, ⌈keys ÷ 1000⌉ calls in all, however
 * many domains there are. It returns the record sets of the owner ids asked for wherever they are
 * and every record set at or below the scope's domains. With a domain filter it reads only the
 * filter's domains (one paged range each), and nothing outside them. A read that does not discover
 * reads each domain (a domain inside another is read with it). When the etcd user may not read the
 * whole prefix (etcd RBAC on a sub-prefix), a read without a filter falls back to reading the
 * scope's domains, and logs once that owned records elsewhere are not found; a domain that cannot
 * be read is a failed domain.
 *
 * <p>Every read goes to etcd: the backend keeps no read cache (the core's {@link
 * io.kuberoute.core.port.CachingDnsBackend} answers event syncs). What was read, and what this
 * backend wrote since, is kept ({@link EtcdMirror}) only as the basis of writes: the keys a name's
 * transaction deletes and the revisions that guard it. A write etcd did not carry out (a key
 * changed since it was read, an error) and any failure to reach etcd drop it, so the next write
 * reads the name's keys first. After the whole prefix could not be read, a read without {@code
 * refresh} reads the domains instead of trying the prefix again; the next full sync tries again.
 *
 * <p><b>Ownership.</b> A record set reads as owned by the owner id of its keys (see {@link
 * SkyDnsRecords}), with the {@code resource} the keys carry. The owner ids the last discovering
 * read was given besides the backend's own (the {@code previous_owner_ids}) are ids it takes over:
 * {@link #apply} may rewrite and delete their keys (writing its own id), and never those of any
 * other owner.
 *
 * <p><b>Writing</b> is one etcd transaction per name holding all its deletes and puts, guarded by
 * the revisions of the keys it read: if another writer changed one of them since, nothing is
 * written and the name is reported failed (the next sync reads again and converges). A name that
 * fails does not stop the others. When etcd cannot be reached, {@link #read} throws and {@link
 * #apply} throws if nothing was written yet, else reports the rest of the names failed.
 *
 * <p>Thread-safe (calls are serialised).
 */
public final class SkyDnsDnsBackend implements DnsBackend {

  private static final Logger log = LoggerFactory.getLogger(SkyDnsDnsBackend.class);

  private final String description;
  private final String ownerId;
  private final SkyDnsLayout layout;
  private final EtcdGateway etcd;
  private OwnerIds owners;
  private NameWrite writes;
  private final EtcdMirror mirror;

  /** Why the last attempt to read the whole prefix failed; null when it worked. */
  private String discoveryProblem;

  private boolean closed;

  private SkyDnsDnsBackend(EtcdGateway etcd, String prefix, String ownerId, String description) {
    this.description = description;
    this.ownerId = ownerId;
    this.layout = new SkyDnsLayout(prefix);
    this.etcd = etcd;
    this.owners = OwnerIds.of(ownerId);
    this.writes = new NameWrite(layout, owners);
    this.mirror = new EtcdMirror(layout, new SkyDnsRecords(layout, owners));
    this.etcd.prepare();
  }

  /**
   * A backend writing records owned by {@code ownerId}. Reads the TLS files and builds the etcd
   * client, but does not contact etcd (gRPC connects on the first call): if etcd is down at
   * start-up, the first read fails with an error naming the endpoint.
   *
   * @throws io.kuberoute.core.ConfigurationException if a TLS file is not usable
   */
  public static DnsBackend create(SkyDnsSettings settings, String ownerId) {
    Objects.requireNonNull(settings, "settings");
    checkOwnerId(ownerId);
    return new SkyDnsDnsBackend(
        new JetcdGateway(settings),
        settings.prefix(),
        ownerId,
        "SkyDNS in etcd at " + settings.endpointsText() + " under " + settings.prefix());
  }

  /**
   * A backend over any {@link EtcdGateway}, writing under {@code prefix} (as validated by {@link
   * SkyDnsSettings}: {@code /skydns}, no trailing slash) records owned by {@code ownerId}. The
   * backend closes the gateway when it is closed.
   */
  static SkyDnsDnsBackend create(EtcdGateway etcd, String prefix, String ownerId) {
    Objects.requireNonNull(etcd, "etcd");
    Objects.requireNonNull(prefix, "prefix");
    checkOwnerId(ownerId);
    return new SkyDnsDnsBackend(etcd, prefix, ownerId, "SkyDNS in " + etcd + " under " + prefix);
  }

  private static void checkOwnerId(String ownerId) {
    PlanSettings.checkOwnerId(ownerId); // the one owner id rule
  }

  /** The owner id its marks carry: a sync service checks it matches its planner's. */
  @Override
  public Optional<String> ownerId() {
    return Optional.of(ownerId);
  }

  @Override
  public synchronized ZoneState read(ReadScope scope, boolean refresh) {
    ensureOpen();
    if (scope.discovers()) {
      takeOver(scope.ownerIds());
    }
    if (scope.discovers() && scope.filter().isAll() && readEverything(refresh)) {
      return answer(scope, List.of(layout.prefix()), Map.of());
    }
    List<String> paths = new ArrayList<>();
    Map<DnsName, String> failed = new LinkedHashMap<>();
    for (DnsName subtree : subtrees(scope)) {
      String path = layout.path(subtree);
      try {
        load(path);
      } catch (EtcdFailure e) {
        failed.put(subtree, e.getMessage());
        continue;
      }
      paths.add(path);
    }
    return answer(scope, paths, failed);
  }

  /**
   * Reads the whole prefix. False when the prefix may not be read (then the caller reads the
   * domains instead); a read without refresh does not try again after such a failure, the next full
   * sync does.
   */
  private boolean readEverything(boolean refresh) {
    String prefix = layout.prefix();
    if (!refresh && discoveryProblem != null) {
      return false;
    }
    try {
      load(prefix);
    } catch (EtcdFailure e) {
      forget();
      if (!e.getMessage().equals(discoveryProblem)) {
        log.warn(
            "cannot read every key under {}: {}. Until it can, only the domains of the current"
                + " routes are read, so records kuberoute owns in other domains are neither found"
                + " nor cleaned up; let the etcd user read {}/, or set [kuberoute] domains to the"
                + " domains it may read",
            prefix,
            e.getMessage(),
            prefix);
      }
      discoveryProblem = e.getMessage();
      return false;
    }
    if (discoveryProblem != null) {
      log.info("all keys under {} can be read again; owned records are found everywhere", prefix);
      discoveryProblem = null;
    }
    return true;
  }

  /**
   * The subtrees to read whole, none inside another: the filter's domains for a read that discovers
   * within a filter, else the scope's domains within the filter (a domain the filter narrows is
   * read as the filter's domains below it).
   */
  private static List<DnsName> subtrees(ReadScope scope) {
    DomainFilter filter = scope.filter();
    Set<DnsName> wanted = new TreeSet<>();
    if (scope.discovers() && !filter.isAll()) {
      wanted.addAll(filter.domains());
    } else {
      for (DnsName d : scope.domains()) {
        if (filter.matches(d)) {
          wanted.add(d);
        } else {
          for (DnsName f : filter.domains()) {
            if (f.isWithin(d)) {
              wanted.add(f);
            }
          }
        }
      }
    }
    List<DnsName> parentsFirst = new ArrayList<>(wanted);
    parentsFirst.sort(
        Comparator.comparingInt((DnsName d) -> d.labels().size()).thenComparing(d -> d));
    List<DnsName> outermost = new ArrayList<>();
    for (DnsName d : parentsFirst) {
      if (outermost.stream().noneMatch(d::isWithin)) {
        outermost.add(d);
      }
    }
    return outermost;
  }

  /** The record sets the scope wants from the held ranges of {@code paths} (disjoint). */
  private ZoneState answer(ReadScope scope, List<String> paths, Map<DnsName, String> failed) {
    List<CurrentRecord> found = new ArrayList<>();
    for (String path : paths) {
      for (CurrentRecord r : mirror.records(path)) {
        if (scope.wants(r)) {
          found.add(r);
        }
      }
    }
    return new ZoneState(found, failed);
  }

  /**
   * From now on, the owner ids a discovering read is given besides ours are the previous ones:
   * their record sets read as theirs (so the planner takes them over) and their keys may be
   * rewritten. A read that does not discover leaves them as they are.
   */
  private void takeOver(Set<String> discovered) {
    OwnerIds now = new OwnerIds(ownerId, discovered);
    if (!now.equals(owners)) {
      owners = now;
      writes = new NameWrite(layout, now);
      mirror.reclassify(new SkyDnsRecords(layout, now));
    }
  }

  @Override
  public synchronized ApplyResult apply(ChangeSet changes) {
    ensureOpen();
    Map<DnsName, String> failures = new LinkedHashMap<>();
    List<NameChanges> names = List.copyOf(changes.byName().values());
    boolean written = false;
    for (int i = 0; i < names.size(); i++) {
      NameChanges change = names.get(i);
      DnsName name = change.name();
      try {
        NameWrite.Result plan = writes.plan(change, keysOf(name));
        if (plan.refusal().isPresent()) {
          failures.put(name, plan.refusal().get());
          continue;
        }
        if (plan.isNoOp()) {
          continue;
        }
        EtcdGateway.TxnOutcome outcome = etcd.commit(plan.txn(), name.value());
        if (!outcome.succeeded()) {
          forget();
          failures.put(
              name,
              "its keys changed in etcd since they were read (another writer?); nothing written,"
                  + " retried at the next sync");
          continue;
        }
        mirror.written(name, plan, outcome.revision());
        written = true;
      } catch (EtcdFailure e) {
        forget();
        if (e.kind().global()) {
          if (!written) {
            throw new DnsBackendException(e.getMessage(), e.kind().isTransient(), e);
          }
          for (int j = i; j < names.size(); j++) {
            failures.put(names.get(j).name(), e.getMessage());
          }
          break;
        }
        failures.put(name, e.getMessage());
      }
    }
    return new ApplyResult(failures);
  }

  @Override
  public synchronized void close() {
    closed = true;
    forget();
    etcd.close();
  }

  @Override
  public String toString() {
    return description;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the SkyDNS backend is closed");
    }
  }

  /**
   * Reads the range of {@code path} into what is kept. A failure that affects every call drops what
   * is kept and throws {@link DnsBackendException}; any other is thrown as it is.
   */
  private void load(String path) {
    List<EtcdEntry> entries;
    try {
      entries = etcd.range(SkyDnsLayout.rangeStart(path), SkyDnsLayout.rangeEnd(path));
    } catch (EtcdFailure e) {
      if (e.kind().global()) {
        forget();
        throw new DnsBackendException(e.getMessage(), e.kind().isTransient(), e);
      }
      throw e;
    }
    mirror.load(path, entries);
  }

  /** The name's own keys: from what is kept if its range is held, else read now. */
  private List<EtcdEntry> keysOf(DnsName name) {
    return mirror.holds(layout.path(name))
        ? mirror.keysOf(name)
        : SkyDnsRecords.keysOf(
            layout, name, etcd.range(layout.rangeStart(name), layout.rangeEnd(name)));
  }

  /** Drops what is kept: the next read goes to etcd. */
  private void forget() {
    if (!mirror.isEmpty()) {
      log.debug("dropping the kept etcd state; the next read goes to etcd");
    }
    mirror.forget();
  }
}
