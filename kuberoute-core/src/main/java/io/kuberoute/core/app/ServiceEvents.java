package io.kuberoute.core.app;

import io.kuberoute.core.internal.routing.Route;
import io.kuberoute.core.internal.routing.RouteTable;
import io.kuberoute.core.internal.routing.ServiceOutcome;
import io.kuberoute.core.internal.routing.ServiceProblem;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.ServiceRef;
import io.kuberoute.core.port.EventSink;
import io.kuberoute.core.port.ServiceEvent;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a Service's owner, as Kubernetes Events, when its name switches to its failover and back
 * and when its labels become invalid. Keeps each service's last failover state and problem, so each
 * is told once; a service seen for the first time (after a restart, say) whose failover DNS already
 * published was not just switched, so it gets no FailoverActivated. Not thread-safe.
 */
final class ServiceEvents {

  private static final Logger log = LoggerFactory.getLogger(SyncService.class);

  private final EventSink sink;
  private final Map<ServiceRef, Boolean> failover = new HashMap<>();
  private final Map<ServiceRef, String> problem = new HashMap<>();

  ServiceEvents(EventSink sink) {
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  /**
   * After a sync that planned every name: events for every outcome; services not among them are
   * forgotten.
   *
   * @param publishedBefore the names whose wanted records were all in DNS before the sync
   */
  void all(Collection<ServiceOutcome> outcomes, Set<DnsName> publishedBefore) {
    Set<ServiceRef> seen = new HashSet<>();
    for (ServiceOutcome o : outcomes) {
      seen.add(o.service());
      tell(o, publishedBefore);
    }
    failover.keySet().retainAll(seen);
    problem.keySet().retainAll(seen);
  }

  /** After an incremental sync: events for the services whose outcome changed. */
  void changed(RouteTable.Delta delta, Set<DnsName> publishedBefore) {
    delta
        .services()
        .forEach(
            (ref, change) -> {
              if (change.after().isPresent()) {
                tell(change.after().get(), publishedBefore);
              } else {
                failover.remove(ref);
                problem.remove(ref);
              }
            });
  }

  private void tell(ServiceOutcome o, Set<DnsName> publishedBefore) {
    if (o instanceof Route route) {
      Boolean known = failover.get(route.service());
      boolean before =
          known != null ? known : route.failoverActive() && publishedBefore.contains(route.fqdn());
      boolean now = route.failoverActive();
      if (now && !before) {
        emit(
            new ServiceEvent(
                route.service(),
                ServiceEvent.Type.Warning,
                ServiceEvent.FAILOVER_ACTIVATED,
                "%s now points at its failover %s: %d of %d nodes serve it (%d%%), quota %d%%"
                    .formatted(
                        route.fqdn(),
                        route.failover().orElseThrow().target(),
                        route.servingNodes(),
                        route.totalNodes(),
                        (int) route.currentQuota(),
                        route.quota().percent())));
      } else if (!now && before) {
        emit(
            new ServiceEvent(
                route.service(),
                ServiceEvent.Type.Normal,
                ServiceEvent.FAILOVER_CLEARED,
                "%s points at its own nodes again: %d of %d nodes serve it (%d%%), quota %d%%"
                    .formatted(
                        route.fqdn(),
                        route.servingNodes(),
                        route.totalNodes(),
                        (int) route.currentQuota(),
                        route.quota().percent())));
      }
      failover.put(route.service(), now);
      problem.remove(route.service());
    } else {
      ServiceProblem p = (ServiceProblem) o;
      if (!p.message().equals(problem.get(p.service()))) {
        emit(
            new ServiceEvent(
                p.service(), ServiceEvent.Type.Warning, p.reason().name(), p.message()));
        problem.put(p.service(), p.message());
      }
    }
  }

  private void emit(ServiceEvent event) {
    try {
      sink.emit(event);
    } catch (RuntimeException e) {
      log.warn(
          "could not record event {} on {}: {}", event.reason(), event.service(), e.getMessage());
    }
  }
}
