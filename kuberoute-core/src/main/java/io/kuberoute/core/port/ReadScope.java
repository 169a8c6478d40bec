package io.kuberoute.core.port;

import io.kuberoute.core.model.CurrentRecord;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.DomainFilter;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one sync asks a {@link DnsBackend} to read. The DNS is the registry: nothing about ownership
 * is kept in memory between syncs or runs, so every read finds our records again.
 *
 * <ul>
 *   <li>{@code domains}: read every record set at or below each of them (the domains of the current
 *       routes), whatever its owner, so that a wanted name held by someone else is seen;
 *   <li>{@code ownerIds}: also find, <em>wherever they are</em> (every hosted zone the credentials
 *       see, the whole etcd prefix, every zone of the server), the record sets whose ownership mark
 *       names one of these ids (ours and the {@code previous_owner_ids}). The backend is not told
 *       the domains of these: finding them is its job ("discovery");
 *   <li>{@code filter}: nothing outside it is returned, and a backend reads nothing outside it
 *       where it can avoid it ({@code [kuberoute] domains}).
 * </ul>
 *
 * @param domains the subtrees to read whole
 * @param ownerIds the owner ids whose records are discovered everywhere; empty: no discovery
 * @param filter the names that may be read at all
 */
public record ReadScope(Set<DnsName> domains, Set<String> ownerIds, DomainFilter filter) {

  public ReadScope {
    domains = Set.copyOf(new TreeSet<>(Objects.requireNonNull(domains, "domains")));
    ownerIds = Set.copyOf(Objects.requireNonNull(ownerIds, "ownerIds"));
    Objects.requireNonNull(filter, "filter");
  }

  /** Only {@code domains}, with no discovery and no filter. */
  public static ReadScope domains(Collection<DnsName> domains) {
    return new ReadScope(Set.copyOf(domains), Set.of(), DomainFilter.ALL);
  }

  /** {@code domains}, plus the records of {@code ownerIds} wherever they are. */
  public static ReadScope of(
      Collection<DnsName> domains, Set<String> ownerIds, DomainFilter filter) {
    return new ReadScope(Set.copyOf(domains), ownerIds, filter);
  }

  /**
   * Whether a record belongs in the answer: within the filter and within a domain or owned by one
   * of the ids.
   */
  public boolean wants(CurrentRecord record) {
    return wants(record.record().name(), record.ownership().owner().orElse(null));
  }

  /** As {@link #wants(CurrentRecord)}, for a name and its owner id (null when unmarked). */
  public boolean wants(DnsName name, String owner) {
    if (!filter.matches(name)) {
      return false;
    }
    if (owner != null && ownerIds.contains(owner)) {
      return true;
    }
    for (DnsName d : domains) {
      if (name.isWithin(d)) {
        return true;
      }
    }
    return false;
  }

  /** Whether discovery is asked for (any owner ids). */
  public boolean discovers() {
    return !ownerIds.isEmpty();
  }
}
