package io.kuberoute.dns.route53;

import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.DomainFilter;
import io.kuberoute.core.port.ReadScope;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an apply may touch, as the last read was told: the owner ids whose marks may be rewritten or
 * deleted (ours and the previous ones) and the names that may be written at all ({@code [kuberoute]
 * domains}). Before any read: our own id, every name.
 */
record WriteScope(Set<String> managedOwners, DomainFilter filter) {

  WriteScope {
    managedOwners = Set.copyOf(managedOwners);
    Objects.requireNonNull(filter, "filter");
  }

  static WriteScope initial(String ownerId) {
    return new WriteScope(Set.of(ownerId), DomainFilter.ALL);
  }

  static WriteScope of(String ownerId, ReadScope read) {
    Set<String> managed = new TreeSet<>(read.ownerIds());
    managed.add(ownerId);
    return new WriteScope(managed, read.filter());
  }

  boolean mayWrite(DnsName name) {
    return filter.matches(name);
  }
}
