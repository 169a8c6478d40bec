package io.kuberoute.core.model;

import java.util.List;
import java.util.Objects;

/**
 * The cluster as the source sees it at one moment: the candidate Services (already limited to the
 * configured namespaces), their Pods, and all Nodes.
 *
 * <p>{@code complete} is false while the view may be missing objects (before every list and watch
 * has synced, or while a watch is broken). The planner deletes nothing from an incomplete view.
 */
public record ClusterSnapshot(
    List<ServiceInfo> services, List<PodInfo> pods, List<NodeInfo> nodes, boolean complete) {

  public ClusterSnapshot {
    services = List.copyOf(Objects.requireNonNull(services, "services"));
    pods = List.copyOf(Objects.requireNonNull(pods, "pods"));
    nodes = List.copyOf(Objects.requireNonNull(nodes, "nodes"));
  }

  /** An empty, complete snapshot. */
  public static ClusterSnapshot empty() {
    return new ClusterSnapshot(List.of(), List.of(), List.of(), true);
  }
}
