package io.kuberoute.core.model;

import java.util.List;
import java.util.Objects;

/**
 * What kuberoute needs of a Node: its name, its {@code InternalIP} and {@code ExternalIP}
 * addresses in the order the node reports them, whether it is cordoned ({@code
 * spec.unschedulable}) and whether its {@code Ready} condition is {@code True}.
 */
public record NodeInfo(
    String name,
    List<String> internalIps,
    List<String> externalIps,
    boolean unschedulable,
    boolean ready) {

  public NodeInfo {
    Objects.requireNonNull(name, "name");
    internalIps = List.copyOf(Objects.requireNonNull(internalIps, "internalIps"));
    externalIps = List.copyOf(Objects.requireNonNull(externalIps, "externalIps"));
  }

  /** Pods on this node count as serving: it is schedulable and Ready. */
  public boolean isServing() {
    return ready && !unschedulable;
  }
}
