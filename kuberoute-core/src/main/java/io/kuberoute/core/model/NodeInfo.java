package io.kuberoute.core.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What kuberoute needs of a Node: its name, its {@code InternalIP} and {@code ExternalIP} addresses
 * in the order the node reports them, whether it is cordoned ({@code spec.unschedulable}) and
 * whether its {@code Ready} condition is {@code True}.
 *
 * <p>Build one with {@link #builder(String)}, which names every part:
 *
 * <pre>{@code
 * NodeInfo node = NodeInfo.builder("node-1")
 *     .internalIps("10.0.0.1")
 *     .externalIps("198.51.100.1")
 *     .readiness(Readiness.READY)
 *     .build();
 * }</pre>
 */
public record NodeInfo(
    String name,
    List<String> internalIps,
    List<String> externalIps,
    Scheduling scheduling,
    Readiness readiness) {

  public NodeInfo {
    Objects.requireNonNull(name, "name");
    internalIps = List.copyOf(Objects.requireNonNull(internalIps, "internalIps"));
    externalIps = List.copyOf(Objects.requireNonNull(externalIps, "externalIps"));
    Objects.requireNonNull(scheduling, "scheduling");
    Objects.requireNonNull(readiness, "readiness");
  }

  /**
   * A builder for the node {@code name}: no addresses, {@link Scheduling#SCHEDULABLE} and {@link
   * Readiness#NOT_READY} (as a node without conditions is) until told otherwise.
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Whether the node is cordoned ({@code spec.unschedulable}). */
  public boolean unschedulable() {
    return scheduling == Scheduling.CORDONED;
  }

  /** Whether the node's {@code Ready} condition is {@code True}. */
  public boolean ready() {
    return readiness == Readiness.READY;
  }

  /** Pods on this node count as serving: it is schedulable and Ready. */
  public boolean isServing() {
    return readiness == Readiness.READY && scheduling == Scheduling.SCHEDULABLE;
  }

  /** This node with {@code value} as its scheduling state. */
  public NodeInfo withScheduling(Scheduling value) {
    return new NodeInfo(name, internalIps, externalIps, value, readiness);
  }

  /** This node with {@code value} as its readiness. */
  public NodeInfo withReadiness(Readiness value) {
    return new NodeInfo(name, internalIps, externalIps, scheduling, value);
  }

  /** Builds a {@link NodeInfo}; see {@link NodeInfo#builder(String)} for the defaults. */
  public static final class Builder {
    private final String name;
    private List<String> internalIps = List.of();
    private List<String> externalIps = List.of();
    private Scheduling scheduling = Scheduling.SCHEDULABLE;
    private Readiness readiness = Readiness.NOT_READY;

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /** The {@code InternalIP} addresses, in the node's order. */
    public Builder internalIps(List<String> ips) {
      this.internalIps = List.copyOf(Objects.requireNonNull(ips, "internalIps"));
      return this;
    }

    public Builder internalIps(String... ips) {
      return internalIps(Arrays.asList(ips));
    }

    /** The {@code ExternalIP} addresses, in the node's order. */
    public Builder externalIps(List<String> ips) {
      this.externalIps = List.copyOf(Objects.requireNonNull(ips, "externalIps"));
      return this;
    }

    public Builder externalIps(String... ips) {
      return externalIps(Arrays.asList(ips));
    }

    public Builder scheduling(Scheduling value) {
      this.scheduling = Objects.requireNonNull(value, "scheduling");
      return this;
    }

    public Builder readiness(Readiness value) {
      this.readiness = Objects.requireNonNull(value, "readiness");
      return this;
    }

    public NodeInfo build() {
      return new NodeInfo(name, internalIps, externalIps, scheduling, readiness);
    }
  }
}
