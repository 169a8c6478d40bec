package io.kuberoute.core.internal.routing;

import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/** Builds a service's route from its labels and the nodes that serve it (the decision table). */
final class RouteBuilder {
  private RouteBuilder() {}

  /**
   * @param servingNodes the distinct schedulable, Ready nodes that run a live pod of the service
   * @param addresses each serving node's addresses
   * @param totalNodes all nodes of the cluster
   */
  static Route build(
      ServiceLabels labels,
      Collection<String> servingNodes,
      Function<String, NodeAddresses> addresses,
      int totalNodes,
      long ttl) {
    List<String> v4 = new ArrayList<>(servingNodes.size());
    List<String> v6 = new ArrayList<>(0);
    for (String nodeName : servingNodes) {
      NodeAddresses a = addresses.apply(nodeName);
      v4.addAll(a.v4());
      v6.addAll(a.v6());
    }
    v4 = sortedDistinct(v4);
    v6 = sortedDistinct(v6);
    List<String> endpoints = new ArrayList<>(v4);
    endpoints.addAll(v6);

    boolean quotaMet = labels.quota().isMetBy(servingNodes.size(), totalNodes);
    Decision decision =
        Decision.decide(quotaMet, !endpoints.isEmpty(), labels.failover().isPresent());
    List<RecordSet> records = new ArrayList<>(2);
    switch (decision) {
      case ADDRESSES, REMAINING_ADDRESSES -> {
        if (!v4.isEmpty()) {
          records.add(RecordSet.of(labels.fqdn(), RecordType.A, ttl, v4));
        }
        if (!v6.isEmpty()) {
          records.add(RecordSet.of(labels.fqdn(), RecordType.AAAA, ttl, v6));
        }
      }
      case FAILOVER -> records.add(labels.failover().orElseThrow().recordAt(labels.fqdn(), ttl));
      case NONE -> {}
    }
    return new Route(
        labels.service(),
        labels.fqdn(),
        labels.domain(),
        labels.quota(),
        servingNodes.size(),
        totalNodes,
        List.copyOf(endpoints),
        labels.failover(),
        decision,
        records);
  }

  private static List<String> sortedDistinct(List<String> values) {
    if (values.size() < 2) {
      return values;
    }
    return values.stream().sorted().distinct().toList();
  }
}
