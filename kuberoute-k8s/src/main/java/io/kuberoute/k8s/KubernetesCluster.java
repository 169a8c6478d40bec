package io.kuberoute.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kuberoute.core.ConfigurationException;
import io.kuberoute.core.port.ClusterSource;
import io.kuberoute.core.port.EventSink;
import io.kuberoute.core.port.Leadership;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live Kubernetes cluster: the informer-backed {@link ClusterSource}, an {@link EventSink} that
 * records Events on Services, and the {@link Leadership} from leader election (always the leader
 * when it is off).
 *
 * <p>{@link #connect} builds the client and starts the informers (and the leader election) in the
 * background: it never waits for the API server, so the program starts, and serves its health
 * endpoints, while the API server is unreachable. Until the informers have listed everything,
 * {@code source().snapshot()} throws {@code ClusterUnavailableException} and {@code
 * source().isSynced()} is false.
 *
 * <p>{@link #using(KubernetesClient, KubernetesOptions)} starts the same on a client the caller
 * built and keeps: closing the cluster then leaves that client open.
 *
 * <p>Change listeners registered on {@link #source()} also run when this instance becomes the
 * leader, so a new leader syncs at once rather than at the next interval.
 */
public final class KubernetesCluster implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(KubernetesCluster.class);

  private final KubernetesClient client;
  private final InformerClusterSource source;
  private final KubernetesEventSink events;
  private final Leadership leadership;
  private final Optional<LeaseLeadership> lease;
  private final boolean ownsClient;
  private volatile boolean closed;

  private KubernetesCluster(
      KubernetesClient client,
      InformerClusterSource source,
      KubernetesEventSink events,
      Leadership leadership,
      Optional<LeaseLeadership> lease,
      boolean ownsClient) {
    this.client = client;
    this.source = source;
    this.events = events;
    this.leadership = leadership;
    this.lease = lease;
    this.ownsClient = ownsClient;
  }

  /**
   * Builds the client from {@code auth} and starts the informers (and leader election); returns
   * without contacting the API server.
   *
   * @throws ConfigurationException naming the key when the credentials cannot be used: a kubeconfig
   *     file that is not one or has no current context, a CA file that is not a certificate,
   *     serviceaccount mode outside a pod (no KUBERNETES_SERVICE_HOST, no token)
   */
  public static KubernetesCluster connect(KubernetesAuth auth, KubernetesOptions options) {
    return connect(auth, options, ApiCallListener.NONE);
  }

  /**
   * As {@link #connect(KubernetesAuth, KubernetesOptions)}, telling {@code apiCalls} about every
   * request the client makes to the API server and every watch it opens again.
   */
  public static KubernetesCluster connect(
      KubernetesAuth auth, KubernetesOptions options, ApiCallListener apiCalls) {
    Objects.requireNonNull(options, "options");
    KubernetesClient client = Fabric8ClientFactory.create(auth, apiCalls);
    try {
      return start(client, options, LeaseLeadership.Timings.DEFAULT);
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }

  /**
   * Starts the informers (and leader election) on the caller's {@code client}, which stays the
   * caller's: {@link #close()} stops what this cluster started and leaves the client open, so the
   * caller closes it, after this cluster. Returns without contacting the API server, as {@link
   * #connect} does.
   *
   * <p>The client is used as it is configured (its timeouts, authentication and retries). The
   * clients {@link #connect} builds also read Pods, Services and Nodes into slim objects; on
   * another client the informers' watch events hold whole objects, the view the same.
   */
  public static KubernetesCluster using(KubernetesClient client, KubernetesOptions options) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(options, "options");
    return start(client, options, LeaseLeadership.Timings.DEFAULT, false);
  }

  /** Starts everything on an existing client, which the cluster then owns and closes. */
  static KubernetesCluster start(
      KubernetesClient client, KubernetesOptions options, LeaseLeadership.Timings timings) {
    return start(client, options, timings, true);
  }

  private static KubernetesCluster start(
      KubernetesClient client,
      KubernetesOptions options,
      LeaseLeadership.Timings timings,
      boolean ownsClient) {
    InformerClusterSource source = InformerClusterSource.start(client, options);
    String instance =
        options
            .leaderElection()
            .map(KubernetesOptions.LeaseSettings::identity)
            .orElseGet(
                () ->
                    Optional.ofNullable(System.getenv("HOSTNAME"))
                        .filter(h -> !h.isBlank())
                        .orElse("kuberoute"));
    KubernetesEventSink events =
        new KubernetesEventSink(client, source::uid, instance, Clock.systemUTC());
    Optional<LeaseLeadership> lease =
        options
            .leaderElection()
            .map(l -> LeaseLeadership.start(client, l, timings, source::notifyListeners));
    Leadership leadership = lease.<Leadership>map(l -> l).orElse(Leadership.always());
    return new KubernetesCluster(client, source, events, leadership, lease, ownsClient);
  }

  /** The cluster view; see {@link KubernetesCluster} for when it is available and complete. */
  public ClusterSource source() {
    return source;
  }

  /** Records service events as Kubernetes Events on the Service; never blocks, never throws. */
  public EventSink events() {
    return events;
  }

  /** Whether this instance may write DNS: always, unless leader election is on. */
  public Leadership leadership() {
    return leadership;
  }

  /**
   * Releases the lease (if held), stops the informers and closes the client, unless it is the
   * caller's ({@link #using}). Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    lease.ifPresent(LeaseLeadership::close);
    events.close();
    source.close();
    if (!ownsClient) {
      return;
    }
    try {
      client.close();
    } catch (RuntimeException e) {
      log.debug("closing the Kubernetes client failed: {}", e.toString());
    }
  }
}
