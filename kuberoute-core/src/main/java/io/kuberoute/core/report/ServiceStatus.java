package io.kuberoute.core.report;

import io.kuberoute.core.model.RecordSet;
import java.util.List;
import java.util.Objects;

/**
 * A service in the state report, keyed by its name. The first four fields are the original's
 * schema; the others are additions.
 *
 * @param currentQuota {@code 100 × serving nodes ÷ all nodes}, truncated
 * @param endpoints the live addresses under {@code node_address}, sorted
 * @param healthy the quota is met
 * @param quota the quota label, 0 when absent
 * @param service {@code namespace/name} of the Service
 * @param failoverActive the failover is published
 * @param published the record sets in DNS at the name: what the decision publishes (empty: the name
 *     is removed), plus any the deletion guard kept there
 * @param deletionHeld the deletion guard held back deletions at this name, so {@code published}
 *     still holds record sets the decision no longer wants
 */
public record ServiceStatus(
    int currentQuota,
    List<String> endpoints,
    boolean healthy,
    int quota,
    String service,
    boolean failoverActive,
    List<RecordSet> published,
    boolean deletionHeld) {

  public ServiceStatus {
    endpoints = List.copyOf(endpoints);
    Objects.requireNonNull(service, "service");
    published = List.copyOf(published);
  }

  /** A status with no deletion held. */
  public ServiceStatus(
      int currentQuota,
      List<String> endpoints,
      boolean healthy,
      int quota,
      String service,
      boolean failoverActive,
      List<RecordSet> published) {
    this(currentQuota, endpoints, healthy, quota, service, failoverActive, published, false);
  }

  /**
   * This status with {@code kept}, the record sets whose deletion the guard held back at the name,
   * still published.
   */
  public ServiceStatus withDeletionHeld(List<RecordSet> kept) {
    List<RecordSet> inDns = new java.util.ArrayList<>(published);
    for (RecordSet r : kept) {
      if (!inDns.contains(r)) {
        inDns.add(r);
      }
    }
    return new ServiceStatus(
        currentQuota, endpoints, healthy, quota, service, failoverActive, inDns, true);
  }
}
