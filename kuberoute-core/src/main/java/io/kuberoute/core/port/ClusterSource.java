package io.kuberoute.core.port;

import io.kuberoute.core.model.ClusterSnapshot;

/**
 * Where the cluster view comes from (Kubernetes informers, a manifests file, a test fixture).
 *
 * <p>Implementations are thread-safe. {@link #snapshot()} is cheap (it copies a cached view) and
 * may be called from any thread.
 */
public interface ClusterSource extends AutoCloseable {

  /**
   * The current view.
   *
   * @throws io.kuberoute.core.ClusterUnavailableException if there is no usable view (the API
   *     server cannot be reached and nothing was ever listed)
   */
  ClusterSnapshot snapshot();

  /**
   * Registers {@code listener} to be called (on any thread, possibly often) when something changed
   * that may alter a published name. The default source never changes.
   */
  default void addChangeListener(Runnable listener) {}

  /** Whether the view is synced (every list done and every watch open): used by readiness. */
  default boolean isSynced() {
    return true;
  }

  @Override
  default void close() {}
}
