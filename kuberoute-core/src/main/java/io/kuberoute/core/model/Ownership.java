package io.kuberoute.core.model;

import java.util.Objects;
import java.util.Optional;

/**
 * Who owns a record set as the backend reports it: an owner id (ours, another instance's, or none)
 * and optionally the resource that claimed it ({@code service/<namespace>/<name>}).
 */
public record Ownership(Optional<String> owner, Optional<String> resource) {

  public Ownership {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(resource, "resource");
    owner = owner.filter(o -> !o.isBlank());
    resource = resource.filter(r -> !r.isBlank());
  }

  /** No owner mark: created by hand or by another tool. */
  public static Ownership unowned() {
    return new Ownership(Optional.empty(), Optional.empty());
  }

  /** Owned by {@code owner}. */
  public static Ownership ownedBy(String owner) {
    return new Ownership(Optional.of(owner), Optional.empty());
  }

  /** Owned by {@code owner}, claimed by {@code resource}. */
  public static Ownership ownedBy(String owner, String resource) {
    return new Ownership(Optional.of(owner), Optional.of(resource));
  }

  public boolean isOwnedBy(String ownerId) {
    return owner.map(ownerId::equals).orElse(false);
  }

  public boolean isUnowned() {
    return owner.isEmpty();
  }
}
