package io.kuberoute.core.port;

import io.kuberoute.core.model.ClusterSnapshot;
import java.time.Instant;

/**
 * Where the cluster view comes from (Kubernetes informers, a manifests file, a test fixture).
 *
 * <p>Implementations are thread-safe. {@link #snapshot()} copies the cached view (linear in its
 * size) and may be called from any thread.
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
   * that may alter a published name. The default source never changes. A source that also {@link
   * #subscribe reports its changes} calls its change listeners first.
   */
  default void addChangeListener(Runnable listener) {}

  /**
   * Registers {@code listener} to be told each change of the view as it happens (after the first
   * complete listing), in order per object, on any thread.
   *
   * @return whether this source reports its changes; false (the default) means its view may change
   *     without a word, and every event sync re-reads the whole snapshot
   */
  default boolean subscribe(ClusterChange.Listener listener) {
    return false;
  }

  /**
   * Whether the view is synced right now (every list done and every watch open): the completeness
   * of the view between snapshots (deletions are held while it is not). A watch that is opened
   * again makes it false for a moment; {@link #health()} says whether that is an outage.
   */
  default boolean isSynced() {
    return true;
  }

  /**
   * Whether the view can be trusted ({@link ClusterHealth}): a sync does nothing while it is {@link
   * ClusterHealth.State#STARTING starting} and fails, writing nothing, while it is {@link
   * ClusterHealth.State#UNAVAILABLE unavailable}; readiness, the state report and the metrics say
   * the same. The default: always available (a source whose {@link #snapshot()} throws when it
   * cannot be read).
   */
  default ClusterHealth health() {
    return ClusterHealth.available(Instant.EPOCH);
  }

  @Override
  default void close() {}
}
