package io.kuberoute.core.report;

import io.kuberoute.core.model.NodeInfo;
import io.kuberoute.core.model.Readiness;
import io.kuberoute.core.model.Scheduling;
import java.util.Objects;

/**
 * A node in the state report: its Ready condition and whether it is schedulable (not cordoned). The
 * two states are their own types, so they cannot be swapped.
 */
public record NodeStatus(Readiness readiness, Scheduling scheduling) {

  public NodeStatus {
    Objects.requireNonNull(readiness, "readiness");
    Objects.requireNonNull(scheduling, "scheduling");
  }

  /** The status of {@code node} as the report shows it. */
  public static NodeStatus of(NodeInfo node) {
    return new NodeStatus(node.readiness(), node.scheduling());
  }

  /** The report's {@code ready}: the node's Ready condition is True. */
  public boolean ready() {
    return readiness == Readiness.READY;
  }

  /** The report's {@code schedulable}: the node is not cordoned. */
  public boolean schedulable() {
    return scheduling == Scheduling.SCHEDULABLE;
  }
}
