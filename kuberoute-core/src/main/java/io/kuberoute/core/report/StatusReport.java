package io.kuberoute.core.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The state report: the original's {@code apiserver_available}, {@code nodes} and {@code services},
 * plus {@code last_sync} (when the last successful sync finished) and {@code errors} (what went
 * wrong in the last sync) and {@code deletions_held} (the names where the deletion guard keeps
 * records the cluster no longer wants). {@link StatusReportJson} renders it.
 */
public record StatusReport(
    boolean apiserverAvailable,
    SortedMap<String, NodeStatus> nodes,
    SortedMap<String, ServiceStatus> services,
    Optional<Instant> lastSync,
    List<String> errors,
    List<String> deletionsHeld) {

  public StatusReport {
    nodes = new TreeMap<>(Objects.requireNonNull(nodes, "nodes"));
    services = new TreeMap<>(Objects.requireNonNull(services, "services"));
    Objects.requireNonNull(lastSync, "lastSync");
    errors = List.copyOf(errors);
    deletionsHeld = List.copyOf(new java.util.TreeSet<>(deletionsHeld));
  }

  /** A report with no deletion held. */
  public StatusReport(
      boolean apiserverAvailable,
      SortedMap<String, NodeStatus> nodes,
      SortedMap<String, ServiceStatus> services,
      Optional<Instant> lastSync,
      List<String> errors) {
    this(apiserverAvailable, nodes, services, lastSync, errors, List.of());
  }

  /** A report with nothing known yet. */
  public static StatusReport empty(boolean apiserverAvailable) {
    return new StatusReport(
        apiserverAvailable, new TreeMap<>(), new TreeMap<>(), Optional.empty(), List.of());
  }

  /** The same state as known before, for when the Kubernetes API cannot be reached. */
  public StatusReport unavailable(List<String> newErrors) {
    return new StatusReport(false, nodes, services, lastSync, newErrors, deletionsHeld);
  }

  /** Same state apart from the time stamp: a report only needs writing when this differs. */
  public boolean sameStateAs(StatusReport other) {
    return other != null
        && apiserverAvailable == other.apiserverAvailable
        && nodes.equals(other.nodes)
        && services.equals(other.services)
        && errors.equals(other.errors)
        && deletionsHeld.equals(other.deletionsHeld);
  }

  @Override
  public SortedMap<String, NodeStatus> nodes() {
    return java.util.Collections.unmodifiableSortedMap(nodes);
  }

  @Override
  public SortedMap<String, ServiceStatus> services() {
    return java.util.Collections.unmodifiableSortedMap(services);
  }

  /** Convenience for tests and sinks: the JSON text. */
  public String toJson() {
    return StatusReportJson.render(this);
  }
}
