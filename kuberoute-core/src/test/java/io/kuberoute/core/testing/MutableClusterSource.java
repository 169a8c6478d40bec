package io.kuberoute.core.testing;

import io.kuberoute.core.ClusterUnavailableException;
import io.kuberoute.core.model.ClusterSnapshot;
import io.kuberoute.core.port.ClusterSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A cluster source a test changes at will; it can also fail like an unreachable API server. */
public final class MutableClusterSource implements ClusterSource {

  private volatile ClusterSnapshot snapshot = ClusterSnapshot.empty();
  private volatile String unavailable;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  public MutableClusterSource set(ClusterSnapshot s) {
    snapshot = s;
    unavailable = null;
    listeners.forEach(Runnable::run);
    return this;
  }

  /** From now on, {@link #snapshot()} throws {@link ClusterUnavailableException} with this message. */
  public void fail(String message) {
    unavailable = message;
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
  public void addChangeListener(Runnable listener) {
    listeners.add(listener);
  }
}
