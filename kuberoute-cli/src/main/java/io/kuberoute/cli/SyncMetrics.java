package io.kuberoute.cli;

import io.kuberoute.core.app.SyncError;
import io.kuberoute.core.app.SyncResult;
import io.kuberoute.core.app.SyncTrigger;
import io.kuberoute.core.port.ClusterSource;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.core.port.Leadership;
import io.kuberoute.k8s.ApiCallListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Prometheus metrics of {@code GET /metrics}, fed with every sync result:
 *
 * <pre>
 * kuberoute_syncs_total{trigger, outcome}           syncs by trigger (full, event, heartbeat) and outcome (success, failed, standby, starting)
 * kuberoute_sync_duration_seconds{trigger}          how long syncs took: a histogram (buckets 5 ms to 60 s), count, sum, max
 * kuberoute_changes_total{action}                   record sets written: create, update, delete
 * kuberoute_sync_errors_total{cause}                problems by cause (cluster, dns_read, dns_apply, deletion_guard, heartbeat, service, conflict, report)
 * kuberoute_records_managed                         record sets kuberoute owns, as of the last successful sync
 * kuberoute_services_failover                       services publishing their failover, as of the last sync that read the cluster
 * kuberoute_service_failover{namespace, service}    per routed Service: 1 while it publishes its failover, else 0
 * kuberoute_last_successful_sync_timestamp_seconds  when the last successful sync finished (Unix time; 0 before the first)
 * kuberoute_cluster_synced                          1 when the cluster view is synced (every watch open now), else 0
 * kuberoute_cluster_available                       1 when the cluster view is available (listed, no watch closed for long, the API server answers), else 0
 * kuberoute_leader                                  1 when this instance may write, else 0
 * kuberoute_api_calls_total{verb, resource, outcome} HTTP requests to the Kubernetes API server ({@link ApiCalls})
 * kuberoute_watch_restarts_total{resource}          watches of services, pods, nodes opened again
 * </pre>
 *
 * Every series exists from the start (at 0), so a rate or an alert works before the first event.
 * Thread-safe.
 */
final class SyncMetrics {

  /** The content type of {@link #scrape()}. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /** The sync duration histogram's buckets. */
  static final Duration[] DURATION_BUCKETS = {
    Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
    Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
    Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
    Duration.ofSeconds(60)
  };

  private final PrometheusMeterRegistry registry;
  private final Map<String, Counter> syncs = new HashMap<>();
  private final Map<SyncTrigger, Timer> durations = new EnumMap<>(SyncTrigger.class);
  private final Map<String, Counter> changes = new HashMap<>();
  private final Map<SyncError.Cause, Counter> errors = new EnumMap<>(SyncError.Cause.class);
  private final AtomicLong managed = new AtomicLong();
  private final AtomicLong failover = new AtomicLong();

  /** Whether a sync read the cluster since the per-Service rows were last registered. */
  private final java.util.concurrent.atomic.AtomicBoolean failoverRowsStale =
      new java.util.concurrent.atomic.AtomicBoolean();

  private final AtomicLong lastSuccessMillis = new AtomicLong();
  private final Clock clock;
  private final MultiGauge perService;
  private volatile java.util.function.Supplier<Map<io.kuberoute.core.model.ServiceRef, Boolean>>
      failoverStates;

  SyncMetrics(ClusterSource source, Leadership leadership, Clock clock) {
    this(newRegistry(), source, leadership, clock);
  }

  /** The metrics on {@code registry}, which may already hold the {@link ApiCalls} counters. */
  SyncMetrics(
      PrometheusMeterRegistry registry, ClusterSource source, Leadership leadership, Clock clock) {
    this.registry = registry;
    this.clock = clock;
    new ApiCalls(registry); // the API series exist (at 0) in every mode
    // the JVM's own figures (memory pools, threads, classes, CPU, uptime), from its MXBeans
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    for (SyncTrigger trigger : SyncTrigger.values()) {
      for (SyncResult.Outcome outcome : SyncResult.Outcome.values()) {
        syncs.put(
            key(trigger, outcome),
            Counter.builder("kuberoute.syncs")
                .description("Syncs by trigger and outcome")
                .tag("trigger", label(trigger))
                .tag("outcome", label(outcome))
                .register(registry));
      }
      durations.put(
          trigger,
          Timer.builder("kuberoute.sync.duration")
              .description("How long syncs took")
              .tag("trigger", label(trigger))
              .serviceLevelObjectives(DURATION_BUCKETS)
              .register(registry));
    }
    for (String action : new String[] {"create", "update", "delete"}) {
      changes.put(
          action,
          Counter.builder("kuberoute.changes")
              .description("Record sets written, by action")
              .tag("action", action)
              .register(registry));
    }
    for (SyncError.Cause cause : SyncError.Cause.values()) {
      errors.put(
          cause,
          Counter.builder("kuberoute.sync.errors")
              .description("Problems found by syncs, by cause")
              .tag("cause", cause.label())
              .register(registry));
    }
    Gauge.builder("kuberoute.records.managed", managed, AtomicLong::get)
        .description("Record sets owned by kuberoute, as of the last successful sync")
        .register(registry);
    perService =
        MultiGauge.builder("kuberoute.service.failover")
            .description("1 while the Service publishes its failover, else 0")
            .register(registry);
    Gauge.builder("kuberoute.services.failover", failover, AtomicLong::get)
        .description("Services publishing their failover")
        .register(registry);
    Gauge.builder(
            "kuberoute.last.successful.sync.timestamp", lastSuccessMillis, m -> m.get() / 1000.0)
        .description("When the last successful sync finished, in seconds since the epoch")
        .baseUnit("seconds")
        .register(registry);
    Gauge.builder("kuberoute.cluster.synced", source, s -> s.isSynced() ? 1 : 0)
        .description("1 when the cluster view is synced")
        .register(registry);
    Gauge.builder("kuberoute.cluster.available", source, s -> s.health().isAvailable() ? 1 : 0)
        .description(
            "1 when the cluster view is available: listed, no watch closed for long, the API server answers")
        .register(registry);
    Gauge.builder("kuberoute.leader", leadership, l -> l.isLeader() ? 1 : 0)
        .description("1 when this instance may write to DNS")
        .register(registry);
  }

  /**
   * A registry for {@link ApiCalls} and then {@link #SyncMetrics(PrometheusMeterRegistry,
   * ClusterSource, Leadership, Clock)}.
   */
  static PrometheusMeterRegistry newRegistry() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  /**
   * {@code kuberoute_api_calls_total{verb, resource, outcome}} and {@code
   * kuberoute_watch_restarts_total{resource}}, fed by the Kubernetes client's interceptor (see
   * {@link ApiCallListener} for the label values). The series kuberoute always makes (list and
   * watch of services, pods and nodes, by outcome; restarts of those watches) exist from the start
   * at 0; the others appear with their first request. Created before the cluster is connected, on
   * the registry then given to {@link SyncMetrics}; registering the same series twice is harmless.
   */
  static final class ApiCalls implements ApiCallListener {
    private static final String[] WATCHED = {"services", "pods", "nodes"};
    private static final String[] OUTCOMES = {"2xx", "4xx", "5xx", "error"};

    private final MeterRegistry registry;
    private final Map<String, Counter> calls = new ConcurrentHashMap<>();
    private final Map<String, Counter> restarts = new ConcurrentHashMap<>();

    ApiCalls(MeterRegistry registry) {
      this.registry = registry;
      for (String resource : WATCHED) {
        for (String verb : new String[] {"list", "watch"}) {
          for (String outcome : OUTCOMES) {
            counter(verb, resource, outcome);
          }
        }
        restartCounter(resource);
      }
    }

    @Override
    public void call(String verb, String resource, String outcome) {
      counter(verb, resource, outcome).increment();
    }

    @Override
    public void watchRestarted(String resource) {
      restartCounter(resource).increment();
    }

    private Counter counter(String verb, String resource, String outcome) {
      return calls.computeIfAbsent(
          verb + "/" + resource + "/" + outcome,
          k ->
              Counter.builder("kuberoute.api.calls")
                  .description(
                      "HTTP requests to the Kubernetes API server, by verb, resource and outcome")
                  .tag("verb", verb)
                  .tag("resource", resource)
                  .tag("outcome", outcome)
                  .register(registry));
    }

    private Counter restartCounter(String resource) {
      return restarts.computeIfAbsent(
          resource,
          k ->
              Counter.builder("kuberoute.watch.restarts")
                  .description(
                      "Watches of services, pods and nodes opened again after one had been open")
                  .tag("resource", resource)
                  .register(registry));
    }
  }

  /** {@code backend} with every call counted and timed (kuberoute_dns_calls_total, ...). */
  DnsBackend metered(DnsBackend backend, String backendName) {
    return new MeteredDnsBackend(backend, backendName, registry);
  }

  /**
   * Keeps {@code kuberoute_service_failover{namespace, service}} in step with {@code states}: one
   * series per routed Service, gone with the Service. {@code states} is read when the metrics are
   * scraped after a sync that read the cluster, not after every sync: its rows cost a pass over
   * every Service, which an event sync must not pay (it cost 11–17 ms of each event sync at 1,000
   * Services). {@code states} must be safe to call from the scraping thread.
   */
  void trackFailover(
      java.util.function.Supplier<Map<io.kuberoute.core.model.ServiceRef, Boolean>> states) {
    this.failoverStates = states;
  }

  private synchronized void refreshFailover() {
    if (failoverStates == null) {
      return;
    }
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    failoverStates
        .get()
        .forEach(
            (ref, active) ->
                rows.add(
                    MultiGauge.Row.of(
                        Tags.of("namespace", ref.namespace(), "service", ref.name()),
                        active ? 1 : 0)));
    perService.register(rows, true);
  }

  /** Counts one sync. */
  void record(SyncResult result) {
    syncs.get(key(result.trigger(), result.outcome())).increment();
    durations.get(result.trigger()).record(result.duration());
    changes.get("create").increment(result.applied().creates().size());
    changes.get("update").increment(result.applied().updates().size());
    changes.get("delete").increment(result.applied().deletes().size());
    for (SyncError error : result.errors()) {
      errors.get(error.cause()).increment();
    }
    boolean clusterRead =
        result.outcome() != SyncResult.Outcome.STARTING
            && result.errors().stream().noneMatch(e -> e.cause() == SyncError.Cause.CLUSTER);
    if (clusterRead) {
      failover.set(result.servicesInFailover());
      failoverRowsStale.set(true);
    }
    if (result.outcome() == SyncResult.Outcome.SUCCESS) {
      managed.set(result.managedRecords());
      lastSuccessMillis.set(clock.millis());
    }
  }

  /** The Prometheus text exposition format, version 0.0.4. */
  String scrape() {
    if (failoverRowsStale.getAndSet(false)) {
      refreshFailover();
    }
    return registry.scrape();
  }

  private static String key(SyncTrigger trigger, SyncResult.Outcome outcome) {
    return trigger + "/" + outcome;
  }

  private static String label(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
