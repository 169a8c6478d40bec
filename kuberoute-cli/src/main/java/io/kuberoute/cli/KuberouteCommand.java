package io.kuberoute.cli;

import io.kuberoute.cli.ConfigReader.Overrides;
import io.kuberoute.cli.KuberouteConfig.LogFormat;
import io.kuberoute.core.ConfigurationException;
import io.kuberoute.core.app.HeartbeatSettings;
import io.kuberoute.core.app.SyncLoop;
import io.kuberoute.core.app.SyncResult;
import io.kuberoute.core.app.SyncTrigger;
import io.kuberoute.core.port.ClusterHealth;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kuberoute}: publishes DNS records for Kubernetes Services. */
@Command(
    name = "kuberoute",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Publishes DNS records for labelled Kubernetes Services, with quota-based failover.",
      "",
      "Runs continuously: a sync every [kuberoute] interval seconds and soon after each change in"
          + " the cluster, with the HTTP endpoints on the port. Logs go to stderr; stdout carries"
          + " only the DNS change lines of dns_backend = fakedns and --dry-run.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success: --once synced, or stopped by SIGTERM/SIGINT",
      "1:the sync failed (--once), or kuberoute could not run",
      "2:configuration or usage error (one line on stderr;" + " nothing was contacted or written)"
    },
    footerHeading = "%n",
    footer = {
      "HTTP endpoints (GET only):",
      "  /          sync now: 'Updated record sets.', or 500 with the reason;",
      "             429 after 3 in a row until 10 s pass without one",
      "  /health    'I am healthy'        /healthz   alive",
      "  /readyz    ready, or 503 with the reason",
      "  /metrics   Prometheus text       /status    the state report JSON",
      "",
      "Configuration file, [kuberoute] section:",
      "  kubeconfig_kind     required: serviceaccount|kubeconfig|kubernetes_url|",
      "                      manifests",
      "  dns_backend         required: fakedns|route53|skydns (and that section)",
      "  namespaces          required: comma-separated, * for all (or: namespace)",
      "  port                required unless --port or --once",
      "  domain_label        default kuberoute_domain",
      "  name_label          default kuberoute_name",
      "  failover_label      default kuberoute_failover",
      "  quota_label         default kuberoute_quota",
      "  interval            seconds between full syncs, default 60",
      "  ttl                 default 60",
      "  service_types       NodePort (default), LoadBalancer, or both",
      "  node_address        auto (default), external, internal",
      "  owner_id            default kuberoute",
      "  policy              sync (default), upsert-only, create-only",
      "  max_delete_percent  default 30",
      "  adopt_existing      default true",
      "  leader_election     default false",
      "  lease_name          default kuberoute",
      "  lease_namespace     default: the pod's namespace",
      "  log_format          text (default), json",
      "  event_sync          sync soon after each cluster change, default true",
      "Other sections: [fakedns] [skydns] [route53] [serviceaccount] [kubeconfig]",
      "[kubernetes_url] [manifests] [replacements] [heartbeat] [s3report]: see the",
      "README."
    })
final class KuberouteCommand implements Callable<Integer> {

  static final int EXIT_OK = 0;
  static final int EXIT_FAILURE = 1;
  static final int EXIT_CONFIG = 2;

  /**
   * How long {@code --once} waits for the cluster view before its sync; if the API server could not
   * be read at all by then, the sync fails at once and one error line says so (exit 1).
   */
  static final Duration ONCE_CLUSTER_WAIT = Duration.ofSeconds(10);

  /** How long {@code GET /} waits for its sync before answering 503. */
  static final Duration HTTP_SYNC_WAIT = Duration.ofMinutes(2);

  /** On-demand syncs ({@code GET /}) that may start one after another. */
  static final int HTTP_SYNC_BURST = 3;

  /** The time without an on-demand sync after which {@code GET /} may start one more. */
  static final Duration HTTP_SYNC_REST = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(KuberouteCommand.class);

  @Option(
      names = "--config",
      paramLabel = "PATH",
      defaultValue = "/etc/kuberoute/config",
      description = "The INI configuration file (default: ${DEFAULT-VALUE}).")
  Path config;

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "The HTTP port; overrides [kuberoute] port. 0 picks a free port (logged).")
  Integer port;

  @Option(
      names = "--once",
      description = "Run one sync and exit: 0 on success, 1 on failure. No HTTP port.")
  boolean once;

  @Option(
      names = "--dry-run",
      description =
          "Print the planned changes to stdout in the fakedns line format and write nothing, with any backend.")
  boolean dryRun;

  @Option(names = "--debug", description = "Log at DEBUG level.")
  boolean debug;

  @Option(
      names = "--log-format",
      paramLabel = "FORMAT",
      description = "text or json; overrides [kuberoute] log_format.")
  String logFormat;

  @Option(
      names = "--force",
      description = "Let deletions through that the max_delete_percent guard would hold back.")
  boolean force;

  private final PrintStream out;
  private final PrintStream err;
  private final Adapters adapters;
  private final HostEnvironment host;
  private final Clock clock;
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final CompletableFuture<Integer> listening = new CompletableFuture<>();

  KuberouteCommand(
      PrintStream out, PrintStream err, Adapters adapters, HostEnvironment host, Clock clock) {
    this.out = Objects.requireNonNull(out, "out");
    this.err = Objects.requireNonNull(err, "err");
    this.adapters = Objects.requireNonNull(adapters, "adapters");
    this.host = Objects.requireNonNull(host, "host");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Integer call() {
    try {
      return run();
    } finally {
      listening.completeExceptionally(new IllegalStateException("kuberoute is not running"));
      stopped.countDown();
    }
  }

  /**
   * Asks a running kuberoute to stop: the sync in flight finishes, then {@link #call} returns 0.
   */
  void requestStop() {
    stopRequested.countDown();
  }

  /** Waits until {@link #call} has returned, at most {@code timeout}; true if it has. */
  boolean awaitStopped(Duration timeout) {
    try {
      return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Completes with the HTTP port once it is listening. */
  CompletableFuture<Integer> listening() {
    return listening;
  }

  private int run() {
    if (port != null && (port < 0 || port > 65535)) {
      return configError(
          "invalid value for --port: '" + port + "' (allowed: a whole number from 0 to 65535)");
    }
    KuberouteConfig cfg;
    if (logFormat != null
        && !List.of("text", "json").contains(logFormat.toLowerCase(Locale.ROOT))) {
      return configError(
          "invalid value for --log-format: '" + logFormat + "' (allowed: text, json)");
    }
    try {
      IniFile ini = IniFile.read(config);
      Overrides overrides =
          new Overrides(
              port == null ? OptionalInt.empty() : OptionalInt.of(port), !once, dryRun, force);
      cfg = new ConfigReader(adapters, host).read(ini, overrides);
    } catch (ConfigurationException e) {
      return configError(e.getMessage());
    } catch (RuntimeException e) {
      err.println("kuberoute cannot start: " + e);
      err.flush();
      return EXIT_FAILURE;
    }
    Logging.configure(
        logFormat == null ? cfg.logFormat() : LogFormat.valueOf(logFormat.toUpperCase(Locale.ROOT)),
        debug,
        err);
    cfg.warnings().forEach(w -> log.warn("{}", w));
    Wiring wiring;
    try {
      wiring = Wiring.create(cfg, adapters, out, clock);
    } catch (ConfigurationException e) {
      return configError(e.getMessage());
    } catch (RuntimeException e) {
      log.error("kuberoute cannot start: {}", e.toString());
      return EXIT_FAILURE;
    }
    try (wiring) {
      return once ? runOnce(wiring) : runContinuously(wiring, cfg.port().orElseThrow());
    }
  }

  private int configError(String message) {
    err.println(message);
    err.flush();
    return EXIT_CONFIG;
  }

  private int runOnce(Wiring wiring) {
    long deadline = System.nanoTime() + ONCE_CLUSTER_WAIT.toNanos();
    try {
      while (!wiring.source().isSynced() && System.nanoTime() < deadline) {
        if (stopRequested.await(50, TimeUnit.MILLISECONDS)) {
          log.warn("stopped before the sync");
          return EXIT_FAILURE;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return EXIT_FAILURE;
    }
    boolean synced = wiring.source().isSynced();
    if (!synced) {
      log.warn(
          "the cluster view did not sync within {} s; syncing anyway (nothing is deleted from an incomplete view)",
          ONCE_CLUSTER_WAIT.toSeconds());
    }
    SyncResult result = wiring.service().sync(SyncTrigger.FULL);
    ClusterHealth health = wiring.source().health();
    if (!synced && !health.isAvailable()) {
      // the verdict, once: the cluster could not be read (still starting, or unavailable), so the
      // sync wrote nothing to DNS; the health says why
      log.error(
          "--once: the Kubernetes API server could not be read within {} s; nothing was written to DNS: {}",
          ONCE_CLUSTER_WAIT.toSeconds(),
          health.reason());
    }
    return result.succeeded() ? EXIT_OK : EXIT_FAILURE;
  }

  private int runContinuously(Wiring wiring, int httpPort) {
    KuberouteConfig cfg = wiring.config();
    SyncLoop loop =
        new SyncLoop(
            wiring.service(),
            cfg.sync().interval(),
            cfg.sync().heartbeat().map(HeartbeatSettings::interval));
    HttpEndpoints http;
    try {
      OnDemandSync onDemand =
          new OnDemandSync(loop::syncNow, HTTP_SYNC_BURST, HTTP_SYNC_REST, System::nanoTime);
      http = HttpEndpoints.start(httpPort, wiring, onDemand, HTTP_SYNC_WAIT);
    } catch (IOException e) {
      log.error("cannot listen on port {}: {}", httpPort, e.getMessage());
      loop.close();
      return EXIT_FAILURE;
    }
    log.info("Running on port {}.", http.port());
    listening.complete(http.port());
    if (cfg.eventSync()) {
      wiring.source().addChangeListener(loop::onChange);
    }
    loop.start();
    try {
      stopRequested.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.info("shutting down: finishing the sync in flight");
    loop.close();
    http.close();
    log.info("stopped");
    return EXIT_OK;
  }
}
