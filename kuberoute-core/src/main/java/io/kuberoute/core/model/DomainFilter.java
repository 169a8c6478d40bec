package io.kuberoute.core.model;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The domains kuberoute may read and write ({@code [kuberoute] domains}): a name is managed when it
 * is at or below one of them. The filter with no domains ({@link #ALL}) manages every name.
 */
public final class DomainFilter {

  /** Every name is managed. */
  public static final DomainFilter ALL = new DomainFilter(Set.of());

  private final List<DnsName> domains;

  private DomainFilter(Collection<DnsName> domains) {
    this.domains = List.copyOf(new TreeSet<>(domains));
  }

  /** A filter of {@code domains}; an empty collection gives {@link #ALL}. */
  public static DomainFilter of(Collection<DnsName> domains) {
    Objects.requireNonNull(domains, "domains");
    domains.forEach(d -> Objects.requireNonNull(d, "domain"));
    return domains.isEmpty() ? ALL : new DomainFilter(domains);
  }

  public static DomainFilter of(String... domains) {
    return of(java.util.Arrays.stream(domains).map(DnsName::of).toList());
  }

  /** The domains, sorted; empty for {@link #ALL}. */
  public List<DnsName> domains() {
    return domains;
  }

  public boolean isAll() {
    return domains.isEmpty();
  }

  /** Whether {@code name} is at or below one of the domains. */
  public boolean matches(DnsName name) {
    if (domains.isEmpty()) {
      return true;
    }
    for (DnsName d : domains) {
      if (name.isWithin(d)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a zone (or any subtree) rooted at {@code apex} may hold managed names: the apex is
   * managed, or one of the domains lies below it.
   */
  public boolean overlaps(DnsName apex) {
    if (matches(apex)) {
      return true;
    }
    for (DnsName d : domains) {
      if (d.isWithin(apex)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DomainFilter f && f.domains.equals(domains);
  }

  @Override
  public int hashCode() {
    return domains.hashCode();
  }

  @Override
  public String toString() {
    return domains.isEmpty()
        ? "*"
        : String.join(",", domains.stream().map(DnsName::value).toList());
  }
}
