package io.kuberoute.core.app;

import io.kuberoute.core.internal.routing.RouteTable;
import io.kuberoute.core.internal.routing.ServiceProblem;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.plan.Conflict;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each service problem and each plan conflict once, at WARN, when it appears (and again if it
 * goes away and comes back, or its message changes), so an operator sees it in the log and in
 * {@code --once}'s output, not only as an Event. Keeps the conflicts standing at every name, so an
 * incremental sync, which plans only some names, still reports all of them. Not thread-safe: used
 * by the serialised sync.
 */
final class ProblemLog {

  private static final Logger log = LoggerFactory.getLogger(SyncService.class);

  private Map<String, String> services = new HashMap<>();
  private final TreeMap<DnsName, Conflict> conflicts = new TreeMap<>();

  /** Logs the problems not logged in the last sync; forgets those that are gone. */
  void services(Collection<ServiceProblem> problems) {
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

  /** Logs the new problems among the services that changed; forgets those that went away. */
  void services(RouteTable.Delta delta) {
    delta
        .services()
        .forEach(
            (ref, change) -> {
              String key = ref.toString();
              if (change.after().orElse(null) instanceof ServiceProblem p) {
                if (!p.message().equals(services.get(key))) {
                  log.warn("service {}: {} ({})", p.service(), p.message(), p.reason());
                }
                services.put(key, p.message());
              } else {
                services.remove(key);
              }
            });
  }

  /**
   * Logs the conflicts found at the names planned ({@code planned}; null: every name) that were not
   * logged before; forgets those that are gone there.
   */
  void conflicts(List<Conflict> found, Set<DnsName> planned) {
    Map<DnsName, Conflict> before = new HashMap<>(conflicts);
    if (planned == null) {
      conflicts.clear();
    } else {
      conflicts.keySet().removeAll(planned);
    }
    for (Conflict c : found) {
      conflicts.put(c.name(), c);
      Conflict old = before.get(c.name());
      if (old == null || !old.message().equals(c.message())) {
        log.warn("conflict at {} (service {}): {}", c.name(), serviceOf(c.resource()), c.message());
      }
    }
  }

  /** The conflicts standing, by name. */
  Collection<Conflict> standingConflicts() {
    return conflicts.values();
  }

  private static String serviceOf(String resource) {
    return resource.startsWith("service/") ? resource.substring("service/".length()) : resource;
  }
}
