package io.kuberoute.k8s;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The namespaces whose Services kuberoute routes ({@code [kuberoute] namespaces}): a list, or
 * {@code *} for all namespaces.
 */
public record Namespaces(boolean allNamespaces, Set<String> names) {

  public Namespaces {
    names = Set.copyOf(Objects.requireNonNull(names, "names"));
    if (!allNamespaces && names.isEmpty()) {
      throw new IllegalArgumentException("at least one namespace, or '*' for all, is required");
    }
  }

  public static Namespaces any() {
    return new Namespaces(true, Set.of());
  }

  public static Namespaces of(String... names) {
    return new Namespaces(false, Set.of(names));
  }

  /** Parses the config entries: {@code *} anywhere means all. */
  public static Namespaces parse(List<String> entries) {
    if (entries.contains("*")) {
      return any();
    }
    return new Namespaces(false, Set.copyOf(entries));
  }

  public boolean contains(String namespace) {
    return allNamespaces || names.contains(namespace);
  }
}
