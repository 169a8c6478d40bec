package io.kuberoute.core.internal.routing;

import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.ServiceRef;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome for one qualifying service: its name, its quota figures, its live addresses, the
 * decision and the record sets to publish (empty for {@link Decision#NONE}).
 *
 * @param servingNodes distinct schedulable, Ready nodes that run a live pod of the service
 * @param totalNodes all nodes of the cluster (the quota's denominator)
 * @param endpoints the live addresses as published under {@code node_address}, sorted
 */
public record Route(
    ServiceRef service,
    DnsName fqdn,
    DnsName domain,
    Quota quota,
    int servingNodes,
    int totalNodes,
    List<String> endpoints,
    Optional<Failover> failover,
    Decision decision,
    List<RecordSet> records)
    implements ServiceOutcome {

  public Route {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(fqdn, "fqdn");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(quota, "quota");
    endpoints = List.copyOf(endpoints);
    Objects.requireNonNull(failover, "failover");
    Objects.requireNonNull(decision, "decision");
    records = List.copyOf(records);
  }

  /** {@code 100 × servingNodes ÷ totalNodes}. */
  public double currentQuota() {
    return Quota.current(servingNodes, totalNodes);
  }

  /** The quota is met (the report's {@code healthy}). */
  public boolean quotaMet() {
    return quota.isMetBy(servingNodes, totalNodes);
  }

  public boolean failoverActive() {
    return decision == Decision.FAILOVER;
  }

  @Override
  public Optional<DnsName> name() {
    return Optional.of(fqdn);
  }
}
