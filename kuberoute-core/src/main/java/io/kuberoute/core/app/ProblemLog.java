package io.kuberoute.core.app;

import io.kuberoute.core.plan.Conflict;
import io.kuberoute.core.routing.ServiceProblem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each service problem and each plan conflict once, at WARN, when it appears (and again if it
 * goes away and comes back, or its message changes), so an operator sees it in the log and in
 * {@code --once}'s output, not only as an Event. Not thread-safe: used by the serialised sync.
 */
final class ProblemLog {

  private static final Logger log = LoggerFactory.getLogger(SyncService.class);

  private Map<String, String> services = new HashMap<>();
  private Map<String, String> conflicts = new HashMap<>();

  /** Logs the problems not logged in the last sync; forgets those that are gone. */
  void services(List<ServiceProblem> problems) {
    Map<String, String> now = new HashMap<>();
    for (ServiceProblem p : problems) {
      String key = p.service().toString();
      now.put(key, p.message());
      if (!p.message().equals(services.get(key))) {
        log.warn("service {}: {} ({})", p.service(), p.message(), p.reason());
      }
    }
    services = now;
  }

  /** Logs the conflicts not logged in the last sync; forgets those that are gone. */
  void conflicts(List<Conflict> found) {
    Map<String, String> now = new HashMap<>();
    for (Conflict c : found) {
      String key = c.name().value();
      now.put(key, c.message());
      if (!c.message().equals(conflicts.get(key))) {
        log.warn("conflict at {} (service {}): {}", c.name(), serviceOf(c.resource()), c.message());
      }
    }
    conflicts = now;
  }

  private static String serviceOf(String resource) {
    return resource.startsWith("service/") ? resource.substring("service/".length()) : resource;
  }
}
