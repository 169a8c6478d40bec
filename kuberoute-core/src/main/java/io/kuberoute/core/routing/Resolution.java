package io.kuberoute.core.routing;

import io.kuberoute.core.model.DesiredRecord;
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
}
