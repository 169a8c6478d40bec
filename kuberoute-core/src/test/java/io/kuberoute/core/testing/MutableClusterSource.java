package io.kuberoute.core.testing;

import io.kuberoute.core.ClusterUnavailableException;
import io.kuberoute.core.model.ClusterSnapshot;
import io.kuberoute.core.model.NodeInfo;
import io.kuberoute.core.model.PodInfo;
import io.kuberoute.core.model.ServiceInfo;
import io.kuberoute.core.port.ClusterChange;
import io.kuberoute.core.port.ClusterHealth;
import io.kuberoute.core.port.ClusterSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A cluster source a test changes at will; it can also fail like an unreachable API server. Like
 * the informer source, it reports each object that a new snapshot changed ({@link #subscribe}),
 * and a re-read when the snapshot's completeness changed, then runs its change listeners.
 */
public final class MutableClusterSource implements ClusterSource {

  private volatile ClusterSnapshot snapshot = ClusterSnapshot.empty();
  private volatile String unavailable;
  private volatile ClusterHealth health = ClusterHealth.available(java.time.Instant.EPOCH);
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private final List<ClusterChange.Listener> subscribers = new CopyOnWriteArrayList<>();

  public synchronized MutableClusterSource set(ClusterSnapshot s) {
    List<ClusterChange> changes = changes(snapshot, s);
    snapshot = s;
    unavailable = null;
    for (ClusterChange c : changes) {
      subscribers.forEach(l -> l.changed(c));
    }
    listeners.forEach(Runnable::run);
    return this;
  }

  /** From now on, {@link #snapshot()} throws {@link ClusterUnavailableException} with this message. */
  public void fail(String message) {
    unavailable = message;
  }

  /** From now on, {@link #health()} says {@code h} (the snapshot is still served). */
  public void health(ClusterHealth h) {
    health = java.util.Objects.requireNonNull(h, "health");
  }

  @Override
  public ClusterHealth health() {
    return health;
  }

  @Override
  public ClusterSnapshot snapshot() {
    String u = unavailable;
    if (u != null) {
      throw new ClusterUnavailableException(u);
    }
    return snapshot;
  }

  @Override
  public boolean isSynced() {
    return snapshot.complete();
  }

  @Override
  public void addChangeListener(Runnable listener) {
    listeners.add(listener);
  }

  @Override
  public boolean subscribe(ClusterChange.Listener listener) {
    subscribers.add(listener);
    return true;
  }

  /** What changed from {@code a} to {@code b}, object by object. */
  public static List<ClusterChange> changes(ClusterSnapshot a, ClusterSnapshot b) {
    List<ClusterChange> out = new ArrayList<>();
    Map<String, NodeInfo> nodes = new HashMap<>();
    a.nodes().forEach(n -> nodes.put(n.name(), n));
    for (NodeInfo n : b.nodes()) {
      if (!n.equals(nodes.remove(n.name()))) {
        out.add(ClusterChange.node(n));
      }
    }
    nodes.keySet().forEach(name -> out.add(ClusterChange.nodeGone(name)));
    Map<String, ServiceInfo> services = new HashMap<>();
    a.services().forEach(s -> services.put(s.namespace() + "/" + s.name(), s));
    for (ServiceInfo s : b.services()) {
      if (!s.equals(services.remove(s.namespace() + "/" + s.name()))) {
        out.add(ClusterChange.service(s));
      }
    }
    services.values().forEach(s -> out.add(ClusterChange.serviceGone(s.namespace(), s.name())));
    Map<String, PodInfo> pods = new HashMap<>();
    a.pods().forEach(p -> pods.put(p.namespace() + "/" + p.name(), p));
    for (PodInfo p : b.pods()) {
      if (!p.equals(pods.remove(p.namespace() + "/" + p.name()))) {
        out.add(ClusterChange.pod(p));
      }
    }
    pods.values().forEach(p -> out.add(ClusterChange.podGone(p.namespace(), p.name())));
    if (a.complete() != b.complete()) {
      out.add(ClusterChange.RESYNC);
    }
    return out;
  }

}
