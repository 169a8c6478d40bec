package io.kuberoute.core.port;

import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.plan.ChangeSet;
import java.util.Collection;
import java.util.Optional;

/**
 * A DNS service kuberoute writes to. Each backend marks every record set it writes as owned by the
 * configured owner id and reports that mark back on {@link #read}, so the planner can tell our
 * records from others'. The marks are the registry: a fresh backend over an existing DNS finds
 * every record set it owns again (see {@link ReadScope}), so a restart, {@code --once} or a new
 * leader forgets nothing.
 *
 * <p>A backend does not cache reads: every {@link #read} asks the DNS service. The one read cache
 * is {@link CachingDnsBackend}, which {@link io.kuberoute.core.app.SyncService} wraps around every
 * backend. Calls come from one sync at a time (never concurrently), but possibly from different
 * threads. Every backend passes {@code AbstractDnsBackendContractTest} of kuberoute-testkit.
 */
public interface DnsBackend extends AutoCloseable {

  /**
   * Reads the A, AAAA, CNAME (and, where the backend keeps them, TXT) record sets the scope asks
   * for, with their ownership: those at or below each of {@code scope.domains()}, and those marked
   * with one of {@code scope.ownerIds()} wherever they are, all within {@code scope.filter()}.
   *
   * @param refresh true on a full resync, false when {@link CachingDnsBackend} reads what it does
   *     not hold. Records are read from the service either way; a backend may use the flag only for
   *     what it keeps besides (a zone list read again on a full resync).
   * @throws io.kuberoute.core.DnsBackendException if the service cannot be reached at all
   */
  ZoneState read(ReadScope scope, boolean refresh);

  /** Reads only the record sets at or below {@code domains} (no discovery, no filter). */
  default ZoneState read(Collection<DnsName> domains, boolean refresh) {
    return read(ReadScope.domains(domains), refresh);
  }

  /**
   * Applies {@code changes}, all changes of one name together (never half a name), as few calls as
   * the service allows. A failure at one name does not stop the others.
   *
   * @throws io.kuberoute.core.DnsBackendException if the service cannot be reached at all
   */
  ApplyResult apply(ChangeSet changes);

  /**
   * The owner id this backend marks its records with, when it knows one. A sync service refuses to
   * be built over a backend whose id differs from its planner's (the records it wrote would read
   * back as someone else's); give both the same id, e.g. through {@code BackendContext}.
   */
  default Optional<String> ownerId() {
    return Optional.empty();
  }

  /**
   * Whether the backend itself shows each change to the operator (the printing backend writes them
   * to stdout). The sync then logs the changes at DEBUG, not at INFO, so that a pod's log holds
   * each change once.
   */
  default boolean showsChanges() {
    return false;
  }

  @Override
  default void close() {}
}
