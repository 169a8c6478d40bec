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

  /**
   * The defaults of the README's labels, NodePort only, auto addresses, TTL 60, no replacements.
   */
  public static RouteSettings defaults() {
    return builder().build();
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.labels = labels;
    b.serviceTypes = serviceTypes;
    b.nodeAddress = nodeAddress;
    b.ttl = ttl;
    b.replacements = replacements;
    return b;
  }

  /** Builds {@link RouteSettings}; see {@link RouteSettings#builder()}. */
  public static final class Builder {
    private LabelKeys labels = LabelKeys.DEFAULT;
    private Set<String> serviceTypes = DEFAULT_SERVICE_TYPES;
    private NodeAddressMode nodeAddress = NodeAddressMode.AUTO;
    private long ttl = DEFAULT_TTL;
    private Map<String, String> replacements = Map.of();

    private Builder() {}

    /** The label keys read from Services (default: the README's {@code kuberoute_*}). */
    public Builder labels(LabelKeys value) {
      this.labels = Objects.requireNonNull(value, "labels");
      return this;
    }

    /** The Service types that qualify, such as {@code NodePort} ({@code service_types}). */
    public Builder serviceTypes(Set<String> values) {
      this.serviceTypes = Set.copyOf(values);
      return this;
    }

    /** Which node address is published ({@code node_address}). */
    public Builder nodeAddress(NodeAddressMode value) {
      this.nodeAddress = Objects.requireNonNull(value, "nodeAddress");
      return this;
    }

    /** The records' TTL in seconds ({@code ttl}). */
    public Builder ttl(long value) {
      this.ttl = value;
      return this;
    }

    /** The {@code [replacements]} that label templates may use. */
    public Builder replacements(Map<String, String> values) {
      this.replacements = Map.copyOf(values);
      return this;
    }

    /**
     * The settings.
     *
     * @throws IllegalArgumentException saying which value breaks which rule
     */
    public RouteSettings build() {
      return new RouteSettings(labels, serviceTypes, nodeAddress, ttl, replacements);
    }
  }
}
