package io.kuberoute.dns.skydns;

import io.kuberoute.core.DnsBackendException;
import io.kuberoute.core.model.CurrentRecord;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.RecordKey;
import io.kuberoute.core.plan.ChangeSet;
import io.kuberoute.core.plan.NameChanges;
import io.kuberoute.core.port.ApplyResult;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.core.port.ReadScope;
import io.kuberoute.core.port.ZoneState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SkyDNS/CoreDNS records in etcd v3: one key per target under the reversed name, JSON values with
 * an {@code owner} field (see {@link SkyDnsLayout}, {@link SkyDnsValue}, {@link NameWrite}). The
 * etcd calls go through an {@link EtcdGateway} ({@link JetcdGateway} in production).
 *
 * <p><b>Reading</b> is one ranged read of {@code <prefix>/<reversed domain>/} per domain (paged for
 * large domains). What was read, and what this backend wrote since, is kept, so a read with {@code
 * refresh = false} is answered without etcd; {@code refresh = true} reads again. A write etcd
 * did not carry out (a key changed since it was read, an error) and any failure to reach etcd
 * drop the kept state, so the next read goes to etcd.
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
  private final SkyDnsLayout layout;
  private final SkyDnsRecords records;
  private final NameWrite writes;
  private final EtcdGateway etcd;

  /** Keys read from (or written to) etcd, by key. */
  private final NavigableMap<String, EtcdEntry> known = new TreeMap<>();

  /** Paths of the domains whose whole range {@link #known} holds. */
  private final Set<String> loaded = new HashSet<>();

  /**
   * The record sets in each domain's range of {@link #known}, by the domain's path, so that an
   * event sync does not rebuild every record set from its keys; dropped when a key in the range
   * changes ({@link #changed}).
   */
  private final Map<String, List<CurrentRecord>> recordsByDomain = new HashMap<>();

  private boolean closed;

  private SkyDnsDnsBackend(EtcdGateway etcd, String prefix, String ownerId, String description) {
    this.description = description;
    this.layout = new SkyDnsLayout(prefix);
    this.records = new SkyDnsRecords(layout, ownerId);
    this.writes = new NameWrite(layout, ownerId);
    this.etcd = etcd;
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
    Objects.requireNonNull(ownerId, "ownerId");
    if (ownerId.isBlank()) {
      throw new IllegalArgumentException("owner id must not be empty");
    }
  }

  @Override
  public synchronized ZoneState read(ReadScope scope, boolean refresh) {
    // TODO(registry): discovery of owned records outside scope.domains()
    ZoneState state = readDomains(scope.domains(), refresh);
    return new ZoneState(
        state.records().stream().filter(scope::wants).toList(), state.failedDomains(), state.loneMarks());
  }

  private ZoneState readDomains(Collection<DnsName> domains, boolean refresh) {
    ensureOpen();
    // parents first, so that a domain below another one read in this call is not read again
    List<DnsName> ordered = new ArrayList<>(new TreeSet<>(domains));
    ordered.sort(Comparator.comparingInt((DnsName d) -> d.labels().size()).thenComparing(d -> d));
    Set<String> readNow = new HashSet<>();
    Map<RecordKey, CurrentRecord> found = new TreeMap<>();
    Map<DnsName, String> failed = new LinkedHashMap<>();
    for (DnsName domain : ordered) {
      String path = layout.path(domain);
      if (!covered(refresh ? readNow : loaded, path)) {
        try {
          load(domain);
          readNow.add(path);
        } catch (EtcdFailure e) {
          if (e.kind().global()) {
            forget();
            throw new DnsBackendException(e.getMessage(), e.kind().isTransient(), e);
          }
          failed.put(domain, e.getMessage());
          continue;
        }
      }
      List<CurrentRecord> inRange =
          recordsByDomain.computeIfAbsent(path, p -> List.copyOf(records.read(range(domain).values())));
      for (CurrentRecord r : inRange) {
        found.putIfAbsent(r.key(), r);
      }
    }
    return new ZoneState(List.copyOf(found.values()), failed);
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
        remember(plan, outcome.revision());
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

  private void load(DnsName domain) {
    loaded.remove(layout.path(domain));
    List<EtcdEntry> entries = etcd.range(layout.rangeStart(domain), layout.rangeEnd(domain));
    changed(layout.path(domain));
    range(domain).clear();
    for (EtcdEntry e : entries) {
      known.put(e.key(), e);
    }
    loaded.add(layout.path(domain));
  }

  private NavigableMap<String, EtcdEntry> range(DnsName name) {
    return known.subMap(layout.rangeStart(name), true, layout.rangeEnd(name), false);
  }

  /** The name's own keys: from what is kept if its domain was read, else read now. */
  private List<EtcdEntry> keysOf(DnsName name) {
    Collection<EtcdEntry> entries =
        covered(loaded, layout.path(name))
            ? range(name).values()
            : etcd.range(layout.rangeStart(name), layout.rangeEnd(name));
    return SkyDnsRecords.keysOf(layout, name, entries);
  }

  private void remember(NameWrite.Result plan, long revision) {
    for (EtcdEntry e : plan.deletes()) {
      known.remove(e.key());
      changed(e.key());
    }
    for (NameWrite.Put p : plan.puts()) {
      known.put(p.key(), new EtcdEntry(p.key(), p.value(), revision));
      changed(p.key());
    }
  }

  /** Drops the record sets kept for the domains whose range holds, or is held by, {@code path}. */
  private void changed(String path) {
    recordsByDomain.keySet().removeIf(d -> path.startsWith(d + "/") || d.equals(path) || d.startsWith(path + "/"));
  }

  /** Drops what is kept: the next read goes to etcd. */
  private void forget() {
    if (!loaded.isEmpty() || !known.isEmpty()) {
      log.debug("dropping the kept etcd state; the next read goes to etcd");
    }
    known.clear();
    loaded.clear();
    recordsByDomain.clear();
  }

  private static boolean covered(Set<String> paths, String path) {
    for (String p : paths) {
      if (path.equals(p) || path.startsWith(p + "/")) {
        return true;
      }
    }
    return false;
  }
}
