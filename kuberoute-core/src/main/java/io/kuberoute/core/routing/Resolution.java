package io.kuberoute.core.routing;

import io.kuberoute.core.model.DesiredRecord;
import io.kuberoute.core.model.DomainFilter;
import java.util.ArrayList;
import java.util.List;

/** The routes of all qualifying services, and the problems of those that could not be routed. */
public record Resolution(List<Route> routes, List<ServiceProblem> problems) {

  public Resolution {
    routes = List.copyOf(routes);
    problems = List.copyOf(problems);
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
