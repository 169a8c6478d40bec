package io.kuberoute.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaderElectionRecord;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.Lock;
import io.kuberoute.core.port.Leadership;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election on a {@code coordination.k8s.io/v1} Lease with fabric8's {@code LeaderElector}.
 *
 * <p>{@link #isLeader()} is true only while fabric8 says this instance leads <em>and</em> the lease
 * was renewed less than {@code renewDeadline} ago, so an instance cut off from the API server stops
 * writing before its lease expires and another instance may take over ({@code renewDeadline <
 * leaseDuration}). After losing the lease the instance becomes a candidate again. {@link #close()}
 * releases a lease it holds before it returns, so a standby takes over within {@link
 * Timings#longestTakeOver()} (2.2 s) instead of waiting for the lease to expire.
 */
final class LeaseLeadership implements Leadership, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LeaseLeadership.class);

  /**
   * How long a lease lasts, how long the leader may fail to renew it before it stops writing, and
   * how often the leader renews it and a standby tries to take it.
   */
  record Timings(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
    /**
     * client-go's lease of 15 s and renew deadline of 10 s, with a retry period of 1 s (client-go:
     * 2 s): fabric8 waits a retry period plus up to 1.2 of it at random between two tries, so a
     * standby takes a released lease at most 2.2 s after the release.
     */
    static final Timings DEFAULT =
        new Timings(Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(1));

    /** fabric8's jitter: a standby waits between 1 and 2.2 retry periods between two tries. */
    static final double JITTER = 1.2;

    /** The longest a standby takes to find a released lease free. */
    Duration longestTakeOver() {
      return Duration.ofMillis((long) (retryPeriod.toMillis() * (1 + JITTER)));
    }

    Timings {
      Objects.requireNonNull(leaseDuration, "leaseDuration");
      Objects.requireNonNull(renewDeadline, "renewDeadline");
      Objects.requireNonNull(retryPeriod, "retryPeriod");
    }
  }

  private final KubernetesClient client;
  private final KubernetesOptions.LeaseSettings lease;
  private final Timings timings;
  private final Runnable onLeading;
  private final ScheduledExecutorService restarter;
  private volatile boolean leading;
  private volatile long renewedAtNanos;
  private volatile boolean closed;
  private CompletableFuture<?> running;

  private LeaseLeadership(
      KubernetesClient client,
      KubernetesOptions.LeaseSettings lease,
      Timings timings,
      Runnable onLeading) {
    this.client = client;
    this.lease = lease;
    this.timings = timings;
    this.onLeading = onLeading;
    this.restarter =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "kuberoute-k8s-leader-election");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Starts competing for the lease; returns at once.
   *
   * @param onLeading run each time this instance becomes the leader (e.g. to sync at once)
   */
  static LeaseLeadership start(
      KubernetesClient client,
      KubernetesOptions.LeaseSettings lease,
      Timings timings,
      Runnable onLeading) {
    LeaseLeadership l =
        new LeaseLeadership(
            Objects.requireNonNull(client, "client"),
            Objects.requireNonNull(lease, "lease"),
            Objects.requireNonNull(timings, "timings"),
            Objects.requireNonNull(onLeading, "onLeading"));
    l.elect();
    return l;
  }

  @Override
  public boolean isLeader() {
    return leading && System.nanoTime() - renewedAtNanos < timings.renewDeadline().toNanos();
  }

  private synchronized void elect() {
    if (closed) {
      return;
    }
    var config =
        new LeaderElectionConfigBuilder()
            .withName(lease.leaseName())
            .withLock(
                new RenewRecordingLock(
                    new LeaseLock(lease.leaseNamespace(), lease.leaseName(), lease.identity())))
            .withLeaseDuration(timings.leaseDuration())
            .withRenewDeadline(timings.renewDeadline())
            .withRetryPeriod(timings.retryPeriod())
            .withReleaseOnCancel(true)
            .withLeaderCallbacks(new LeaderCallbacks(this::started, this::stopped, this::newLeader))
            .build();
    CompletableFuture<?> future = client.leaderElector().withConfig(config).build().start();
    running = future;
    future.whenComplete(
        (v, t) -> {
          leading = false;
          if (!closed) {
            // fabric8's elector is single-use: after losing the lease, stand as a candidate again
            log.info("leader election for lease {} ended; standing again", describe());
            restarter.schedule(
                this::elect, timings.retryPeriod().toMillis(), TimeUnit.MILLISECONDS);
          }
        });
  }

  private void started() {
    leading = true;
    log.info("became the leader (lease {}): writing DNS", describe());
    try {
      onLeading.run();
    } catch (RuntimeException e) {
      log.warn("leadership listener failed: {}", e.toString());
    }
  }

  private void stopped() {
    leading = false;
    if (!closed) {
      log.warn("lost the lease {}: no longer writing DNS", describe());
    }
  }

  private void newLeader(String identity) {
    if (identity != null && !identity.equals(lease.identity())) {
      log.info("the leader of lease {} is {}", describe(), identity);
    }
  }

  private String describe() {
    return lease.leaseNamespace() + "/" + lease.leaseName() + " as " + lease.identity();
  }

  @Override
  public void close() {
    CompletableFuture<?> future;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      future = running;
    }
    boolean held = isLeader();
    leading = false;
    restarter.shutdownNow();
    if (future != null) {
      future.cancel(true); // fabric8's release (releaseOnCancel): a lease of 1 s, still in our name
    }
    if (held) {
      release();
    }
  }

  /**
   * Gives up the lease this instance led with until now (renewed within the renew deadline; an
   * instance that never led asks nothing), before {@link #close()} returns (the process exits
   * next): no holder, so a standby takes it at its next try instead of a second later (fabric8's
   * own release keeps the holder's name, with a lease of 1 s). A lease held by another is left
   * alone.
   */
  private void release() {
    Lock lock = new LeaseLock(lease.leaseNamespace(), lease.leaseName(), lease.identity());
    try {
      LeaderElectionRecord held = lock.get(client);
      if (held == null || !lease.identity().equals(held.getHolderIdentity())) {
        return;
      }
      lock.update(
          client,
          new LeaderElectionRecord(
              "",
              Duration.ofSeconds(1),
              held.getAcquireTime(),
              ZonedDateTime.now(ZoneOffset.UTC),
              held.getLeaderTransitions()));
      log.info("released the lease {}", describe());
    } catch (RuntimeException e) {
      log.warn(
          "could not release the lease {} (another instance takes over when it expires): {}",
          describe(),
          e.getMessage());
    }
  }

  /** Records when this instance last wrote the lease as its holder (acquired or renewed it). */
  private final class RenewRecordingLock implements Lock {
    private final Lock delegate;

    RenewRecordingLock(Lock delegate) {
      this.delegate = delegate;
    }

    @Override
    public LeaderElectionRecord get(KubernetesClient c) {
      return delegate.get(c);
    }

    @Override
    public void create(KubernetesClient c, LeaderElectionRecord record) {
      long before = System.nanoTime();
      delegate.create(c, record);
      recordRenewal(record, before);
    }

    @Override
    public void update(KubernetesClient c, LeaderElectionRecord record) {
      long before = System.nanoTime();
      delegate.update(c, record);
      recordRenewal(record, before);
    }

    private void recordRenewal(LeaderElectionRecord record, long sentAtNanos) {
      if (lease.identity().equals(record.getHolderIdentity())) {
        // the time the request was sent: the lease runs from at most then
        renewedAtNanos = sentAtNanos;
      }
    }

    @Override
    public String identity() {
      return delegate.identity();
    }

    @Override
    public String describe() {
      return delegate.describe();
    }
  }
}
