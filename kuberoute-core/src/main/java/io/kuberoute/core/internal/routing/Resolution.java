package io.kuberoute.core.internal.routing;

import io.kuberoute.core.model.ClusterSnapshot;
import io.kuberoute.core.model.DesiredRecord;
import io.kuberoute.core.model.DomainFilter;
import io.kuberoute.core.model.NodeInfo;
import io.kuberoute.core.report.NodeStatus;
import io.kuberoute.core.report.ServiceStatus;
import io.kuberoute.core.report.StatusReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** The routes of all qualifying services, and the problems of those that could not be routed. */
public record Resolution(List<Route> routes, List<ServiceProblem> problems) {

  public Resolution {
    routes = List.copyOf(routes);
    problems = List.copyOf(problems);
  }

  /** The state report of one sync: the nodes of {@code snapshot} and these routes. */
  public StatusReport report(
      ClusterSnapshot snapshot, Optional<Instant> lastSync, List<String> errors) {
    SortedMap<String, NodeStatus> nodes = new TreeMap<>();
    for (NodeInfo node : snapshot.nodes()) {
      nodes.put(node.name(), NodeStatus.of(node));
    }
    SortedMap<String, ServiceStatus> services = new TreeMap<>();
    for (Route route : routes) {
      services.put(
          route.fqdn().value(),
          new ServiceStatus(
              (int) route.currentQuota(),
              route.endpoints(),
              route.quotaMet(),
              route.quota().percent(),
              route.service().toString(),
              route.failoverActive(),
              route.records()));
    }
    return new StatusReport(true, nodes, services, lastSync, errors);
  }

  /** Every record set the routes publish, claimed by its service. */
  public List<DesiredRecord> desiredRecords() {
    List<DesiredRecord> desired = new ArrayList<>();
    for (Route route : routes) {
      for (var record : route.records()) {
        desired.add(new DesiredRecord(record, route.service().resource()));
      }
    }
    return desired;
  }

  /**
   * Routes whose name lies outside {@code filter} become a {@link
   * ServiceProblem.Reason#DomainNotManaged} problem of their service (appended to the problems):
   * nothing is read or written for them. They still claimed their name.
   */
  public Resolution within(DomainFilter filter) {
    if (filter.isAll()) {
      return this;
    }
    List<Route> kept = new ArrayList<>();
    List<ServiceProblem> all = new ArrayList<>(problems);
    for (Route route : routes) {
      if (filter.matches(route.fqdn())) {
        kept.add(route);
      } else {
        all.add(ServiceLabels.notManaged(route, filter));
      }
    }
    return new Resolution(kept, all);
  }
}
