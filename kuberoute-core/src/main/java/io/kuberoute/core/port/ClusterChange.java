package io.kuberoute.core.port;

import io.kuberoute.core.model.NodeInfo;
import io.kuberoute.core.model.PodInfo;
import io.kuberoute.core.model.ServiceInfo;
import io.kuberoute.core.model.ServiceRef;
import java.util.Objects;
import java.util.Optional;

/**
 * One change of the cluster view, as a {@link ClusterSource} reports it: an object's projection as
 * it is now (empty once the object is gone), or {@link Resync} when the source cannot say what
 * changed (the view became complete again, leadership was gained).
 *
 * <p>A change states the object's whole new state, not a difference, so applying the last change of
 * an object is enough: changes of one object can be coalesced ({@link #key()}).
 */
public sealed interface ClusterChange {

  /** Identifies the object a change is about; two changes with equal keys coalesce. */
  Object key();

  /** Told about each change, on the source's thread: must be quick and must not throw. */
  @FunctionalInterface
  interface Listener {
    void changed(ClusterChange change);
  }

  /** A pod appeared, changed ({@code pod} present) or disappeared (empty). */
  record Pod(String namespace, String name, Optional<PodInfo> pod) implements ClusterChange {
    public Pod {
      Objects.requireNonNull(namespace, "namespace");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(pod, "pod");
    }

    @Override
    public Object key() {
      return new Key('p', namespace, name);
    }
  }

  /** A Service appeared, changed or disappeared (empty). */
  record Service(String namespace, String name, Optional<ServiceInfo> service)
      implements ClusterChange {
    public Service {
      Objects.requireNonNull(namespace, "namespace");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(service, "service");
    }

    public ServiceRef ref() {
      return new ServiceRef(namespace, name);
    }

    @Override
    public Object key() {
      return new Key('s', namespace, name);
    }
  }

  /** A node appeared, changed or disappeared (empty). */
  record Node(String name, Optional<NodeInfo> node) implements ClusterChange {
    public Node {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(node, "node");
    }

    @Override
    public Object key() {
      return new Key('n', "", name);
    }
  }

  /** Anything may have changed: re-read the whole view. */
  record Resync() implements ClusterChange {
    @Override
    public Object key() {
      return RESYNC;
    }
  }

  /** The one {@link Resync}. */
  Resync RESYNC = new Resync();

  static ClusterChange pod(PodInfo pod) {
    return new Pod(pod.namespace(), pod.name(), Optional.of(pod));
  }

  static ClusterChange podGone(String namespace, String name) {
    return new Pod(namespace, name, Optional.empty());
  }

  static ClusterChange service(ServiceInfo service) {
    return new Service(service.namespace(), service.name(), Optional.of(service));
  }

  static ClusterChange serviceGone(String namespace, String name) {
    return new Service(namespace, name, Optional.empty());
  }

  static ClusterChange node(NodeInfo node) {
    return new Node(node.name(), Optional.of(node));
  }

  static ClusterChange nodeGone(String name) {
    return new Node(name, Optional.empty());
  }

  /** The key of an object change: kind, namespace (empty for nodes), name. */
  record Key(char kind, String namespace, String name) {}
}
