package io.kuberoute.cli;

import io.kuberoute.core.ClusterUnavailableException;
import io.kuberoute.core.model.ClusterSnapshot;
import io.kuberoute.core.port.ClusterHealth;
import io.kuberoute.core.port.ClusterSource;
import io.kuberoute.testkit.fixtures.Fixtures;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A cluster view a test sets: its snapshot, whether it is synced, and change notifications. */
final class TestClusterSource implements ClusterSource {

  /** One service, {@code shop.example.com}, with one live pod on node n1 (10.0.0.1). */
  static final ClusterSnapshot SHOP =
      Fixtures.snapshot(
          List.of(Fixtures.routed("shop", "shop", "example.com")),
          List.of(Fixtures.pod("shop-1", "shop", "n1")),
          List.of(Fixtures.node("n1", "10.0.0.1")));

  private volatile ClusterSnapshot snapshot = ClusterSnapshot.empty();
  private volatile boolean synced = true;
  private volatile boolean unavailable;
  private volatile ClusterHealth health = ClusterHealth.available(java.time.Instant.EPOCH);
  private volatile boolean closed;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  /** Sets the view and tells the listeners. */
  void set(ClusterSnapshot s) {
    snapshot = s;
    listeners.forEach(Runnable::run);
  }

  void setSynced(boolean value) {
    synced = value;
  }

  void setHealth(ClusterHealth value) {
    health = value;
  }

  @Override
  public ClusterHealth health() {
    return health;
  }

  void setUnavailable(boolean value) {
    unavailable = value;
  }

  boolean closed() {
    return closed;
  }

  int listeners() {
    return listeners.size();
  }

  @Override
  public ClusterSnapshot snapshot() {
    if (unavailable) {
      throw new ClusterUnavailableException("test cluster is unreachable");
    }
    return snapshot;
  }

  @Override
  public void addChangeListener(Runnable listener) {
    listeners.add(listener);
  }

  @Override
  public boolean isSynced() {
    return synced;
  }

  @Override
  public void close() {
    closed = true;
  }
}
