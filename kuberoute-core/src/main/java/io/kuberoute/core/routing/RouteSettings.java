package io.kuberoute.core.routing;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How services become records: which labels to read, which service types qualify ({@code
 * service_types}, default NodePort), which node address to publish ({@code node_address}), the TTL
 * ({@code ttl}, default 60) and the {@code [replacements]} for label templates.
 */
public record RouteSettings(
    LabelKeys labels,
    Set<String> serviceTypes,
    NodeAddressMode nodeAddress,
    long ttl,
    Map<String, String> replacements) {

  public static final long DEFAULT_TTL = 60;
  public static final Set<String> DEFAULT_SERVICE_TYPES = Set.of("NodePort");

  public RouteSettings {
    Objects.requireNonNull(labels, "labels");
    serviceTypes = Set.copyOf(Objects.requireNonNull(serviceTypes, "serviceTypes"));
    if (serviceTypes.isEmpty()) {
      throw new IllegalArgumentException("at least one service type is required");
    }
    Objects.requireNonNull(nodeAddress, "nodeAddress");
    if (ttl < 0 || ttl > 2147483647L) {
      throw new IllegalArgumentException("ttl must be 0..2147483647 but was " + ttl);
    }
    replacements = Map.copyOf(Objects.requireNonNull(replacements, "replacements"));
  }

  /** The defaults of the README's labels, NodePort only, auto addresses, TTL 60, no replacements. */
  public static RouteSettings defaults() {
    return new RouteSettings(
        LabelKeys.DEFAULT, DEFAULT_SERVICE_TYPES, NodeAddressMode.AUTO, DEFAULT_TTL, Map.of());
  }
}
