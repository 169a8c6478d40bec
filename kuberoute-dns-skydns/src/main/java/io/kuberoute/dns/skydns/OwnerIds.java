package io.kuberoute.dns.skydns;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The owner ids whose keys this backend may change: its own, which it writes, and the previous ones
 * ({@code previous_owner_ids}) whose keys it takes over, rewriting them with its own.
 *
 * @param own the owner id written into every value
 * @param previous the previous ids ({@code own} among them is dropped)
 */
record OwnerIds(String own, Set<String> previous) {

  OwnerIds {
    Objects.requireNonNull(own, "own");
    TreeSet<String> p = new TreeSet<>(previous);
    p.remove(own);
    previous = Set.copyOf(p);
  }

  /** Only {@code own}. */
  static OwnerIds of(String own) {
    return new OwnerIds(own, Set.of());
  }

  /** Whether a key marked with {@code owner} may be changed: ours or a previous id's. */
  boolean manages(String owner) {
    return own.equals(owner) || previous.contains(owner);
  }
}
