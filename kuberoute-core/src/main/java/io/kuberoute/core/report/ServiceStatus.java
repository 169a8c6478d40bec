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
 * @param published the record sets the decision publishes (empty: the name is removed)
 */
public record ServiceStatus(
    int currentQuota,
    List<String> endpoints,
    boolean healthy,
    int quota,
    String service,
    boolean failoverActive,
    List<RecordSet> published) {

  public ServiceStatus {
    endpoints = List.copyOf(endpoints);
    Objects.requireNonNull(service, "service");
    published = List.copyOf(published);
  }
}
