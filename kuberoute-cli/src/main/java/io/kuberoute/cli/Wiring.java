package io.kuberoute.cli;

import io.kuberoute.cli.KuberouteConfig.LiveCluster;
import io.kuberoute.cli.KuberouteConfig.ManifestsCluster;
import io.kuberoute.core.app.SyncService;
import io.kuberoute.core.port.ClusterSource;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.core.port.EventSink;
import io.kuberoute.core.port.Leadership;
import io.kuberoute.core.port.StatusSink;
import io.kuberoute.core.spi.BackendContext;
import io.kuberoute.k8s.KubernetesOptions;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds the running parts from a validated {@link KuberouteConfig}. The
 * manifests file is loaded first, then the backend and the state report sink (neither contacts its
 * service before the first sync), and the live Kubernetes source last: it starts the informers (and
 * leader election) without waiting for the API server.
 */
final class Wiring implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Wiring.class);

  private final KuberouteConfig config;
  private final ClusterSource source;
  private final SyncService service;
  private final SyncMetrics metrics;
  private final Readiness readiness;
  private final List<AutoCloseable> closeables;

  private Wiring(
      KuberouteConfig config,
      ClusterSource source,
      SyncService service,
      SyncMetrics metrics,
      Readiness readiness,
      List<AutoCloseable> closeables) {
    this.config = config;
    this.source = source;
    this.service = service;
    this.metrics = metrics;
    this.readiness = readiness;
    this.closeables = closeables;
  }

  /**
   * Builds everything; on failure closes what was built and rethrows.
   *
   * @param stdout where fakedns and {@code --dry-run} print the changes
   */
  static Wiring create(KuberouteConfig config, Adapters adapters, PrintStream stdout, Clock clock) {
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      Optional<ClusterSource> manifests =
          config.cluster() instanceof ManifestsCluster m
              ? Optional.of(adapters.manifests(m.path(), config.namespaces()))
              : Optional.empty();
      manifests.ifPresent(opened::add);
      String ownerId = config.sync().plan().ownerId();
      DnsBackend backend =
          adapters.backend(
              config.backend().name(),
              config.backend().spec(),
              new BackendContext(ownerId, stdout));
      opened.add(backend);
      Optional<StatusSink> sink = config.statusReport().map(adapters::s3);
      sink.filter(AutoCloseable.class::isInstance)
          .map(AutoCloseable.class::cast)
          .ifPresent(opened::add);
      PrometheusMeterRegistry registry = SyncMetrics.newRegistry();
      Adapters.Cluster cluster;
      if (manifests.isPresent()) {
        cluster =
            new Adapters.Cluster(
                manifests.get(), EventSink.none(), Leadership.always(), manifests.get());
      } else {
        LiveCluster live = (LiveCluster) config.cluster();
        cluster =
            adapters.connect(
                live.auth(), kubernetesOptions(config), new SyncMetrics.ApiCalls(registry));
        opened.add(cluster.closer());
      }
      ClusterSource source = cluster.source();
      SyncMetrics metrics = new SyncMetrics(registry, source, cluster.leadership(), clock);
      Readiness readiness = new Readiness(source, config.sync().interval(), clock);
      SyncService.Builder builder =
          SyncService.builder(
                  source, metrics.metered(backend, config.backend().name()), config.sync())
              .events(cluster.events())
              .leadership(cluster.leadership())
              .clock(clock)
              .dryRunOutput(
                  line -> {
                    stdout.println(line);
                    stdout.flush();
                  })
              .onResult(metrics::record)
              .onResult(readiness::record);
      sink.ifPresent(builder::statusSink);
      SyncService[] built = new SyncService[1];
      builder.onResult(
          new NothingToPublishNotice(
              () -> built[0] == null ? 1 : built[0].routedServices(), selection(config)));
      built[0] = builder.build();
      metrics.trackFailover(built[0]::failoverByService);
      Wiring wiring = new Wiring(config, source, built[0], metrics, readiness, opened);
      log.info("{}", wiring.summary());
      return wiring;
    } catch (RuntimeException | Error e) {
      closeAll(opened);
      throw e;
    }
  }

  /** The live source's options; no leader election in a dry run (it would write a Lease). */
  static KubernetesOptions kubernetesOptions(KuberouteConfig config) {
    return new KubernetesOptions(
        config.namespaces(),
        config.sync().route().labels().domain(),
        config.sync().interval(),
        config.sync().dryRun() ? Optional.empty() : config.leaderElection());
  }

  /** Which Services qualify, in words, for the "nothing to publish" notice. */
  static String selection(KuberouteConfig config) {
    var route = config.sync().route();
    String namespaces =
        config.namespaces().allNamespaces()
            ? "in all namespaces"
            : "in namespaces "
                + String.join(",", config.namespaces().names().stream().sorted().toList());
    return "%s (labels %s and %s, type %s)"
        .formatted(
            namespaces,
            route.labels().domain(),
            route.labels().name(),
            String.join(" or ", route.serviceTypes().stream().sorted().toList()));
  }

  /** One line for the log: what runs, never a secret. */
  String summary() {
    var sync = config.sync();
    String described = config.backend().spec().describe();
    return "config %s: cluster %s, backend %s%s, namespaces %s%s, interval %ds, ttl %d, policy %s, owner %s%s%s%s%s"
        .formatted(
            config.file(),
            config.cluster().kind(),
            config.backend().name(),
            described.isEmpty() ? "" : " (" + described + ")",
            config.namespaces().allNamespaces()
                ? "*"
                : String.join(",", config.namespaces().names().stream().sorted().toList()),
            sync.domains().isAll() ? "" : ", domains " + sync.domains(),
            sync.interval().toSeconds(),
            sync.route().ttl(),
            sync.plan().policy().configName(),
            sync.plan().ownerId(),
            sync.plan().previousOwnerIds().isEmpty()
                ? ""
                : " (taking over " + String.join(",", sync.plan().previousOwnerIds()) + ")",
            sync.heartbeat()
                .map(h -> ", heartbeat every " + h.interval().toSeconds() + "s")
                .orElse(""),
            config.statusReport().isPresent() ? ", state report to S3" : "",
            sync.dryRun() ? ", DRY RUN (nothing is written)" : "");
  }

  KuberouteConfig config() {
    return config;
  }

  ClusterSource source() {
    return source;
  }

  SyncService service() {
    return service;
  }

  SyncMetrics metrics() {
    return metrics;
  }

  Readiness readiness() {
    return readiness;
  }

  /** Closes the source, then the backend (the reverse of building). */
  @Override
  public void close() {
    closeAll(closeables);
  }

  private static void closeAll(List<AutoCloseable> opened) {
    for (int i = opened.size() - 1; i >= 0; i--) {
      try {
        opened.get(i).close();
      } catch (Exception e) {
        log.warn("closing {} failed: {}", opened.get(i).getClass().getSimpleName(), e.toString());
      }
    }
  }
}
