package io.kuberoute.core.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What kuberoute needs of a Pod: its labels (for selector matching), its phase, whether its
 * {@code Ready} condition is {@code True}, whether it is being deleted, and where it runs ({@code
 * spec.nodeName}, and {@code status.hostIP} as a fallback to find the node).
 */
public record PodInfo(
    String namespace,
    String name,
    Map<String, String> labels,
    String phase,
    boolean ready,
    boolean terminating,
    Optional<String> nodeName,
    Optional<String> hostIp) {

  /** The phase of a pod whose containers run. */
  public static final String RUNNING = "Running";

  public PodInfo {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    labels = Map.copyOf(Objects.requireNonNull(labels, "labels"));
    Objects.requireNonNull(phase, "phase");
    nodeName = Objects.requireNonNull(nodeName, "nodeName").filter(n -> !n.isEmpty());
    hostIp = Objects.requireNonNull(hostIp, "hostIp").filter(h -> !h.isEmpty());
  }

  public boolean isRunning() {
    return RUNNING.equals(phase);
  }
}
