package io.kuberoute.core.app;

import io.kuberoute.core.internal.routing.Route;
import io.kuberoute.core.internal.routing.RouteTable;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.NodeInfo;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.port.StatusSink;
import io.kuberoute.core.report.NodeStatus;
import io.kuberoute.core.report.ServiceStatus;
import io.kuberoute.core.report.StatusReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state report: kept entry by entry as services and nodes change (a change costs its own
 * entries), built as a {@link StatusReport} only when someone reads it, and written to the sinks by
 * every full sync (the periodic one runs every interval, so an idle report is rewritten once per
 * interval), and by any other sync that changed the state or finds the last write an interval old.
 *
 * <p>A full sync writes whatever its age: "older than an interval" alone would race with the loop,
 * whose full syncs are an interval apart give or take a few milliseconds, and skip every other one.
 *
 * <p>{@link #last()} may be called from any thread; the rest by the serialised sync.
 */
final class ReportPublisher {

  private static final Logger log = LoggerFactory.getLogger(SyncService.class);

  private final List<StatusSink> sinks;
  private final Duration interval;
  private final Clock clock;

  private final Object lock = new Object();
  // guarded by lock
  private final TreeMap<String, NodeStatus> nodes = new TreeMap<>();
  private final TreeMap<String, ServiceStatus> services = new TreeMap<>();
  private boolean available;
  private Optional<Instant> lastSync = Optional.empty();
  private List<String> errors = List.of();
  private boolean exists;
  private StatusReport built;
  private final TreeMap<String, List<RecordSet>> held = new TreeMap<>();

  // sync thread only
  private boolean changedSincePublished = true;
  private boolean publishedAvailable;
  private List<String> publishedErrors;
  private Instant publishedAt;

  ReportPublisher(List<StatusSink> sinks, Duration interval, Clock clock) {
    this.sinks = List.copyOf(sinks);
    this.interval = Objects.requireNonNull(interval, "interval");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Every entry anew from {@code table}. */
  void reload(RouteTable table) {
    TreeMap<String, NodeStatus> n = new TreeMap<>();
    for (NodeInfo node : table.nodes()) {
      n.put(node.name(), status(node));
    }
    TreeMap<String, ServiceStatus> s = new TreeMap<>();
    for (Route route : table.routes()) {
      s.put(route.fqdn().value(), status(route));
    }
    synchronized (lock) {
      if (!n.equals(nodes) || !s.equals(services)) {
        changedSincePublished = true;
        built = null;
        nodes.clear();
        nodes.putAll(n);
        services.clear();
        services.putAll(s);
      }
    }
  }

  /** The entries of what {@code delta} changed. */
  void apply(RouteTable.Delta delta, RouteTable table) {
    synchronized (lock) {
      for (String name : delta.nodes()) {
        Optional<NodeInfo> node = table.node(name);
        changed(
            node.isPresent() ? nodes.put(name, status(node.get())) : nodes.remove(name),
            node.map(ReportPublisher::status).orElse(null));
      }
      delta
          .services()
          .forEach(
              (ref, change) -> {
                if (change.before().orElse(null) instanceof Route r) {
                  String key = r.fqdn().value();
                  ServiceStatus now =
                      table.routeAt(r.fqdn()).map(ReportPublisher::status).orElse(null);
                  changed(now == null ? services.remove(key) : services.put(key, now), now);
                }
                if (change.after().orElse(null) instanceof Route r) {
                  String key = r.fqdn().value();
                  ServiceStatus now =
                      table.routeAt(r.fqdn()).map(ReportPublisher::status).orElse(null);
                  changed(now == null ? services.remove(key) : services.put(key, now), now);
                }
              });
    }
  }

  /**
   * After a plan: the record sets whose deletion the guard held back, by name, at the names planned
   * ({@code planned} null: every name). They are still in DNS, so the report shows them.
   */
  void held(List<RecordSet> withheld, Set<DnsName> planned) {
    TreeMap<String, List<RecordSet>> now = new TreeMap<>();
    if (planned != null) {
      synchronized (lock) {
        now.putAll(held);
      }
      planned.forEach(n -> now.remove(n.value()));
    }
    for (RecordSet r : withheld) {
      now.computeIfAbsent(r.name().value(), k -> new ArrayList<>()).add(r);
    }
    synchronized (lock) {
      if (!now.equals(held)) {
        changedSincePublished = true;
        built = null;
        held.clear();
        held.putAll(now);
      }
    }
  }

  private void changed(Object before, Object after) {
    if (!Objects.equals(before, after)) {
      changedSincePublished = true;
      built = null;
    }
  }

  /** What the report says besides its entries, after a sync. */
  void state(boolean apiserverAvailable, Optional<Instant> lastSuccess, List<String> messages) {
    synchronized (lock) {
      available = apiserverAvailable;
      lastSync = lastSuccess;
      errors = List.copyOf(messages);
      exists = true;
      built = null;
    }
  }

  /**
   * Writes the report to every sink after a full sync, or when it changed since it was last
   * written, or an interval has passed; returns the sinks' failures (retried next sync).
   *
   * @param fullSync whether a full sync (periodic, {@code --once} or on demand) wrote it
   */
  List<SyncError> publish(boolean fullSync) {
    List<SyncError> failures = new ArrayList<>();
    if (sinks.isEmpty()) {
      return failures;
    }
    Instant now = clock.instant();
    StatusReport report = last().orElseThrow();
    boolean due =
        publishedAt == null
            || fullSync
            || changedSincePublished
            || publishedAvailable != report.apiserverAvailable()
            || !report.errors().equals(publishedErrors)
            || !now.isBefore(publishedAt.plus(interval));
    if (!due) {
      return failures;
    }
    for (StatusSink sink : sinks) {
      try {
        sink.publish(report);
      } catch (RuntimeException e) {
        failures.add(
            new SyncError(
                SyncError.Cause.REPORT,
                sink.name(),
                "writing the state report to " + sink.name() + " failed: " + e.getMessage()));
        log.warn(
            "writing the state report to {} failed (retried next sync): {}",
            sink.name(),
            e.getMessage());
      }
    }
    if (failures.isEmpty()) {
      changedSincePublished = false;
      publishedAvailable = report.apiserverAvailable();
      publishedErrors = report.errors();
      publishedAt = now;
    }
    return failures;
  }

  /** The report of the last sync, if any sync ran; built on first read after a change. */
  Optional<StatusReport> last() {
    synchronized (lock) {
      if (!exists) {
        return Optional.empty();
      }
      if (built == null) {
        TreeMap<String, ServiceStatus> shown = new TreeMap<>(services);
        held.forEach(
            (name, kept) -> shown.computeIfPresent(name, (k, s) -> s.withDeletionHeld(kept)));
        built =
            new StatusReport(
                available, nodes, shown, lastSync, errors, new ArrayList<>(held.keySet()));
      }
      return Optional.of(built);
    }
  }

  private static NodeStatus status(NodeInfo node) {
    return NodeStatus.of(node);
  }

  private static ServiceStatus status(Route route) {
    return new ServiceStatus(
        (int) route.currentQuota(),
        route.endpoints(),
        route.quotaMet(),
        route.quota().percent(),
        route.service().toString(),
        route.failoverActive(),
        route.records());
  }
}
