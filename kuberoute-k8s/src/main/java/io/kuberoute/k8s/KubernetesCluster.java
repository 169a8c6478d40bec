package io.kuberoute.k8s;

import io.kuberoute.core.port.ClusterSource;
import io.kuberoute.core.port.EventSink;
import io.kuberoute.core.port.Leadership;

/**
 * A live Kubernetes cluster: the informer-backed {@link ClusterSource}, an {@link EventSink} that
 * records Events on Services, and the {@link Leadership} from leader election (always the leader
 * when it is off).
 *
 * <p>TODO(issue 4): implemented by the Kubernetes issue; this is the seam the CLI wires against.
 */
public final class KubernetesCluster implements AutoCloseable {

  private KubernetesCluster() {}

  /** Builds the client from {@code auth} and starts the informers (and leader election). */
  public static KubernetesCluster connect(KubernetesAuth auth, KubernetesOptions options) {
    throw new UnsupportedOperationException("the live Kubernetes source is not implemented yet (issue 4)");
  }

  public ClusterSource source() {
    throw new UnsupportedOperationException();
  }

  public EventSink events() {
    throw new UnsupportedOperationException();
  }

  public Leadership leadership() {
    throw new UnsupportedOperationException();
  }

  @Override
  public void close() {}
}
