package io.kuberoute.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeList;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServiceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.impl.DefaultSharedIndexInformer;
import io.fabric8.kubernetes.client.informers.impl.ListerWatcher;
import io.kuberoute.core.ClusterUnavailableException;
import io.kuberoute.core.model.ClusterSnapshot;
import io.kuberoute.core.model.NodeInfo;
import io.kuberoute.core.model.PodInfo;
import io.kuberoute.core.model.ServiceInfo;
import io.kuberoute.core.model.ServiceRef;
import io.kuberoute.core.port.ClusterChange;
import io.kuberoute.core.port.ClusterHealth;
import io.kuberoute.core.port.ClusterSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live cluster view: fabric8 informers (list, then watch) on
 *
 * <ul>
 *   <li>Services carrying the domain label (a server-side {@code labelSelector} on its presence),
 *       one informer per configured namespace, or one across all namespaces for {@code *};
 *   <li>all Pods of the same namespaces (their labels are matched against every Service's selector,
 *       which a server-side filter cannot express);
 *   <li>all Nodes.
 * </ul>
 *
 * Each informer keeps only the core's projection of its objects ({@link ProjectionStore}), listed
 * in pages of {@value #PAGE_SIZE}. Informers start asynchronously and retry forever with fabric8's
 * backoff (1 s doubling to 32 s), so an unreachable API server never stops the program.
 *
 * <p>{@link #snapshot()} throws {@link ClusterUnavailableException} until every informer has listed
 * once; afterwards it returns the cached view, {@code complete} only while every watch is open.
 * {@link #health()} says whether that view can be trusted ({@link ApiServerHealth}: starting, a
 * watch closed for longer than a grace, an API server that does not answer a probe after a
 * silence). Change listeners run when a projection changes (after the first complete listing), once
 * each time the view becomes synced, and once each time its health changes.
 */
final class InformerClusterSource implements ClusterSource {

  private static final Logger log = LoggerFactory.getLogger(InformerClusterSource.class);

  static final long PAGE_SIZE = 500;
  static final Duration MONITOR_PERIOD = Duration.ofMillis(250);

  /** The probe of a silent API server: non-resource, readable by every authenticated user. */
  static final String PROBE_PATH = "version";

  /** A Service's projection plus its uid (for the involvedObject of Events). */
  record ServiceEntry(ServiceInfo info, String uid) {}

  private final List<Watched> watched = new ArrayList<>();
  private final List<ProjectionStore<Service, ServiceEntry>> serviceStores = new ArrayList<>();
  private final List<ProjectionStore<Pod, PodInfo>> podStores = new ArrayList<>();
  private ProjectionStore<Node, NodeInfo> nodeStore;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private final List<ClusterChange.Listener> subscribers = new CopyOnWriteArrayList<>();
  private final ScheduledThreadPoolExecutor monitor;

  /** Reads list responses (one thread per list at a time: nodes, Services and pods in parallel). */
  private final ExecutorService listing =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "kuberoute-k8s-list");
            t.setDaemon(true);
            return t;
          });

  private final ApiServerHealth health;
  private final HttpClient http;
  private final String probeUrl;
  private volatile boolean closed;
  private volatile boolean allListed;
  // monitor thread only
  private boolean lastSynced;
  private boolean everSynced;
  private ClusterHealth lastHealth;

  private InformerClusterSource(KubernetesClient client, ApiServerHealth.Timings timings) {
    this.health = new ApiServerHealth(timings, System::nanoTime, Clock.systemUTC());
    this.lastHealth = health.current();
    this.http = client.getHttpClient();
    String master = client.getMasterUrl().toString();
    this.probeUrl = (master.endsWith("/") ? master : master + "/") + PROBE_PATH;
    monitor =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "kuberoute-k8s-monitor");
              t.setDaemon(true);
              return t;
            });
    monitor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /** Creates the informers and starts them; returns at once, without waiting for any list. */
  static InformerClusterSource start(KubernetesClient client, KubernetesOptions options) {
    return start(client, options, ApiServerHealth.Timings.fromSystemProperties());
  }

  /** As {@link #start(KubernetesClient, KubernetesOptions)}, with the bounds of its health. */
  static InformerClusterSource start(
      KubernetesClient client, KubernetesOptions options, ApiServerHealth.Timings timings) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(options, "options");
    InformerClusterSource source =
        new InformerClusterSource(client, Objects.requireNonNull(timings, "timings"));
    String label = options.domainLabel();
    Namespaces ns = options.namespaces();
    if (ns.allNamespaces()) {
      source.addServices(
          client,
          client.services().inAnyNamespace().withLabel(label),
          "api/v1/services",
          label,
          "services labelled " + label + " in all namespaces");
      source.addPods(
          client, client.pods().inAnyNamespace(), "api/v1/pods", "pods in all namespaces");
    } else {
      for (String namespace : new TreeSet<>(ns.names())) {
        source.addServices(
            client,
            client.services().inNamespace(namespace).withLabel(label),
            "api/v1/namespaces/" + namespace + "/services",
            label,
            "services labelled " + label + " in namespace " + namespace);
      }
      for (String namespace : new TreeSet<>(ns.names())) {
        source.addPods(
            client,
            client.pods().inNamespace(namespace),
            "api/v1/namespaces/" + namespace + "/pods",
            "pods in namespace " + namespace);
      }
    }
    source.nodeStore =
        new ProjectionStore<>(
                Fabric8Mapping::node,
                m -> new NodeBuilder().withMetadata(m).build(),
                (key, node) ->
                    source.projectionChanged(
                        node == null ? ClusterChange.nodeGone(key) : ClusterChange.node(node)))
            .onEvent(source.health::heard);
    source.watch(
        client,
        client.nodes(),
        Node.class,
        "api/v1/nodes",
        null,
        SlimObjects::node,
        NodeList::new,
        source.nodeStore,
        "nodes");
    for (Watched w : source.watched) {
      w.informer.start();
    }
    long period = MONITOR_PERIOD.toMillis();
    source.monitor.scheduleWithFixedDelay(source::checkSync, period, period, TimeUnit.MILLISECONDS);
    return source;
  }

  private void addServices(
      KubernetesClient client,
      Informable<Service> informable,
      String path,
      String label,
      String description) {
    ProjectionStore<Service, ServiceEntry> store =
        new ProjectionStore<>(
                s -> new ServiceEntry(Fabric8Mapping.service(s), s.getMetadata().getUid()),
                m -> new ServiceBuilder().withMetadata(m).build(),
                (key, entry) ->
                    projectionChanged(
                        entry == null ? serviceGone(key) : ClusterChange.service(entry.info())))
            .onEvent(health::heard);
    serviceStores.add(store);
    watch(
        client,
        informable,
        Service.class,
        path,
        label,
        SlimObjects::service,
        ServiceList::new,
        store,
        description);
  }

  private void addPods(
      KubernetesClient client, Informable<Pod> informable, String path, String description) {
    ProjectionStore<Pod, PodInfo> store =
        new ProjectionStore<>(
                p -> SharedStrings.pod(Fabric8Mapping.pod(p)),
                m -> new PodBuilder().withMetadata(m).build(),
                (key, pod) ->
                    projectionChanged(pod == null ? podGone(key) : ClusterChange.pod(pod)))
            .onEvent(health::heard);
    podStores.add(store);
    watch(
        client,
        informable,
        Pod.class,
        path,
        null,
        SlimObjects::pod,
        PodList::new,
        store,
        description);
  }

  /**
   * An informer whose lists are streamed ({@link StreamingLister}) and whose watches are fabric8's,
   * keeping projections only ({@link ProjectionStore}).
   */
  private <T extends HasMetadata, L extends KubernetesResourceList<T>> void watch(
      KubernetesClient client,
      Informable<T> informable,
      Class<T> type,
      String path,
      String labelSelector,
      Function<tools.jackson.core.JsonParser, T> reader,
      Supplier<L> newList,
      ProjectionStore<T, ?> store,
      String description) {
    @SuppressWarnings("unchecked")
    ListerWatcher<T, L> fabric8 = (ListerWatcher<T, L>) informable.withLimit(PAGE_SIZE);
    String master = client.getMasterUrl().toString();
    String url = (master.endsWith("/") ? master : master + "/") + path;
    StreamingLister<T, L> lister =
        new StreamingLister<>(
            fabric8,
            client.getHttpClient(),
            url,
            labelSelector,
            PAGE_SIZE,
            reader,
            newList,
            listing);
    // no resync: fabric8's resync only replays the cache; the core's periodic full sync covers it
    SharedIndexInformer<T> informer = new DefaultSharedIndexInformer<>(type, lister, 0, listing);
    informer.removeNamespaceIndex();
    informer.itemStore(store);
    Watched w = new Watched(description, informer);
    informer.exceptionHandler(w::onException);
    watched.add(w);
  }

  @Override
  public ClusterSnapshot snapshot() {
    if (closed) {
      throw new ClusterUnavailableException("the Kubernetes source is closed");
    }
    List<Watched> notListed = watched.stream().filter(w -> !w.listed()).toList();
    if (!notListed.isEmpty()) {
      throw new ClusterUnavailableException(
          "the Kubernetes API server has not been listed yet (waiting for %s)%s"
              .formatted(
                  notListed.stream().map(w -> w.description).collect(Collectors.joining(", ")),
                  lastError(notListed).map(e -> "; last error: " + e).orElse("")));
    }
    boolean complete = watched.stream().allMatch(Watched::watching);
    List<ServiceInfo> services = new ArrayList<>();
    for (ProjectionStore<Service, ServiceEntry> store : serviceStores) {
      for (ServiceEntry e : store.projections()) {
        services.add(e.info());
      }
    }
    List<PodInfo> pods = new ArrayList<>();
    for (ProjectionStore<Pod, PodInfo> store : podStores) {
      pods.addAll(store.projections());
    }
    return new ClusterSnapshot(services, pods, nodeStore.projections(), complete);
  }

  @Override
  public boolean isSynced() {
    return !closed && watched.stream().allMatch(w -> w.listed() && w.watching());
  }

  /** As of now (the informers' states now; the last probe's answer). */
  @Override
  public ClusterHealth health() {
    return closed ? health.current() : health.update(views());
  }

  private List<ApiServerHealth.Watch> views() {
    return watched.stream()
        .map(w -> new ApiServerHealth.Watch(w.description, w.listed(), w.watching(), w.lastError))
        .toList();
  }

  @Override
  public void addChangeListener(Runnable listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Each projection that changes, appears or disappears, and a re-read when the view is synced
   * again.
   */
  @Override
  public boolean subscribe(ClusterChange.Listener listener) {
    subscribers.add(Objects.requireNonNull(listener, "listener"));
    return true;
  }

  private static ClusterChange podGone(String key) {
    int slash = key.indexOf('/');
    return ClusterChange.podGone(key.substring(0, slash), key.substring(slash + 1));
  }

  private static ClusterChange serviceGone(String key) {
    int slash = key.indexOf('/');
    return ClusterChange.serviceGone(key.substring(0, slash), key.substring(slash + 1));
  }

  /** The uid of a Service in the view, if it is there. */
  Optional<String> uid(ServiceRef ref) {
    String key = ref.namespace() + "/" + ref.name();
    for (ProjectionStore<Service, ServiceEntry> store : serviceStores) {
      ServiceEntry e = store.projection(key);
      if (e != null) {
        return Optional.ofNullable(e.uid());
      }
    }
    return Optional.empty();
  }

  /** Tells the change listeners that anything may have changed (e.g. leadership was gained). */
  void notifyListeners() {
    notifyListeners(ClusterChange.RESYNC);
  }

  private void notifyListeners(ClusterChange change) {
    for (ClusterChange.Listener subscriber : subscribers) {
      try {
        subscriber.changed(change);
      } catch (RuntimeException e) {
        log.warn("cluster change subscriber failed: {}", e.toString());
      }
    }
    for (Runnable listener : listeners) {
      try {
        listener.run();
      } catch (RuntimeException e) {
        log.warn("cluster change listener failed: {}", e.toString());
      }
    }
  }

  private void projectionChanged(ClusterChange change) {
    // during the first listing the view is unusable anyway; checkSync announces it once complete
    if (!closed && allListed) {
      notifyListeners(change);
    } else if (!closed && watched.stream().allMatch(Watched::listed)) {
      allListed = true;
      notifyListeners(change);
    }
  }

  /**
   * Runs on the monitor thread: decides the health of the view (and probes a silent API server),
   * announces each return to a synced view and each change of health to the change listeners (so
   * deletions held back while it was incomplete happen at once, and the report says at once what
   * the view is), and logs each change of health.
   */
  private void checkSync() {
    try {
      for (Watched w : watched) {
        w.checkRecovered();
      }
      ClusterHealth before = lastHealth;
      ClusterHealth now = health.update(views());
      lastHealth = now;
      if (health.probeDue()) {
        probe();
      }
      boolean changed = now.state() != before.state();
      if (changed) {
        logChange(before, now);
      }
      boolean synced = isSynced();
      if (synced && !lastSynced && !everSynced) {
        everSynced = true;
        log.info(
            "Kubernetes view synced: {} services, {} pods, {} nodes",
            serviceStores.stream().mapToInt(ProjectionStore::size).sum(),
            podStores.stream().mapToInt(ProjectionStore::size).sum(),
            nodeStore.size());
      }
      boolean resynced = synced && !lastSynced;
      lastSynced = synced;
      // the end of the start-up is announced once, by the view becoming synced
      boolean announce = changed && !(before.isStarting() && now.isAvailable());
      if ((resynced || announce) && !closed) {
        notifyListeners();
      }
    } catch (RuntimeException e) {
      log.warn("Kubernetes sync monitor failed: {}", e.toString());
    }
  }

  private static void logChange(ClusterHealth before, ClusterHealth now) {
    switch (now.state()) {
      case UNAVAILABLE ->
          log.warn(
              "Kubernetes view unavailable: {}; no DNS change until it is available again",
              now.reason());
      case AVAILABLE -> {
        if (before.isUnavailable()) {
          log.info(
              "Kubernetes view available again after {} s",
              Duration.between(before.since(), now.since()).toSeconds());
        }
      }
      case STARTING -> log.info("Kubernetes view starting: {}", now.reason());
    }
  }

  /**
   * {@code GET /version} with the client (its interceptor counts it) and a timeout of {@link
   * ApiServerHealth.Timings#probeTimeout}; the answer goes to {@link #health}.
   */
  private void probe() {
    ApiServerHealth.Timings t = health.timings();
    long timeoutMs = t.probeTimeout().toMillis();
    String silence = health.silenceDescribed();
    health.probeStarted();
    CompletableFuture<HttpResponse<String>> call;
    try {
      HttpRequest request =
          http.newHttpRequestBuilder()
              .uri(probeUrl)
              .timeout(timeoutMs, TimeUnit.MILLISECONDS)
              .build();
      call = http.sendAsync(request, String.class);
    } catch (RuntimeException e) {
      health.probeFailed(
          "the Kubernetes API server did not answer GET /%s: %s (%s)"
              .formatted(PROBE_PATH, Fabric8ClientFactory.errorMessage(e), silence));
      return;
    }
    call.orTimeout(timeoutMs, TimeUnit.MILLISECONDS)
        .whenComplete(
            (response, error) -> {
              if (error == null && response.code() < 500) {
                health.probeAnswered();
                return;
              }
              String reason;
              if (error == null) {
                reason =
                    "the Kubernetes API server answered GET /%s with HTTP %d (%s)"
                        .formatted(PROBE_PATH, response.code(), silence);
              } else if (unwrap(error) instanceof TimeoutException) {
                reason =
                    "the Kubernetes API server did not answer GET /%s within %s (%s)"
                        .formatted(PROBE_PATH, ApiServerHealth.seconds(t.probeTimeout()), silence);
              } else {
                reason =
                    "the Kubernetes API server did not answer GET /%s: %s (%s)"
                        .formatted(
                            PROBE_PATH, Fabric8ClientFactory.errorMessage(unwrap(error)), silence);
              }
              call.cancel(true);
              log.debug("probe failed: {}", reason);
              health.probeFailed(reason);
            });
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof java.util.concurrent.CompletionException
            || t instanceof java.util.concurrent.ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static Optional<String> lastError(List<Watched> ws) {
    return ws.stream().map(w -> w.lastError).filter(Objects::nonNull).findFirst();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    health.close();
    monitor.shutdownNow();
    listing.shutdownNow();
    for (Watched w : watched) {
      try {
        w.informer.stop();
      } catch (RuntimeException e) {
        log.debug("stopping the informer for {} failed: {}", w.description, e.toString());
      }
    }
  }

  /** One informer and what we know of its health. */
  private static final class Watched {
    final String description;
    final SharedIndexInformer<?> informer;
    volatile String lastError;
    private volatile boolean failing;

    Watched(String description, SharedIndexInformer<?> informer) {
      this.description = description;
      this.informer = informer;
    }

    boolean listed() {
      return informer.hasSynced();
    }

    boolean watching() {
      try {
        return informer.isWatching();
      } catch (RuntimeException e) {
        return false; // fabric8 can throw while a watch is being replaced
      }
    }

    /**
     * fabric8's exception handler: always retry (with its backoff); log once per failure streak.
     */
    boolean onException(boolean started, Throwable t) {
      lastError = Fabric8ClientFactory.errorMessage(t);
      if (!failing) {
        failing = true;
        log.warn("cannot list or watch {} (retrying with backoff): {}", description, lastError);
      } else {
        log.debug("still cannot list or watch {}: {}", description, lastError);
      }
      return true;
    }

    void checkRecovered() {
      if (failing && listed() && watching()) {
        failing = false;
        lastError = null;
        log.info("watching {} again", description);
      }
    }
  }
}
