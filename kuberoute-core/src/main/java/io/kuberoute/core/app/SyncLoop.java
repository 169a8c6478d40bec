package io.kuberoute.core.app;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link SyncService} continuously: a full sync at start and every {@code interval}, an
 * event sync as soon as the sync thread is free after a cluster change, and a heartbeat sync every
 * heartbeat interval. All syncs run on one thread, one after another.
 *
 * <p>The first change of a burst starts its event sync at once; the changes that arrive while a
 * sync runs are coalesced into one follow-up event sync, which starts when the running one ends.
 * Nothing waits for a time that grows with the length of a sync.
 *
 * <p>When a sync leaves names whose write the DNS service refused (a record edited by hand, so the
 * change no longer matches what is there), an event sync of those names, read again from DNS,
 * follows after a {@link RetryBackoff} (1 s, doubling up to 32 s while they keep failing), until
 * they are written; a sync that leaves none, or a standby's, resets it.
 *
 * <p>{@link #syncNow()} runs a full sync as soon as possible and shares it with every caller that
 * asks before it starts. {@link #close()} stops scheduling and waits for the sync in flight.
 */
public final class SyncLoop implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SyncLoop.class);

  private final SyncService service;
  private final Duration interval;
  private final Optional<Duration> heartbeatInterval;
  private final ScheduledThreadPoolExecutor executor;
  private final AtomicReference<CompletableFuture<SyncResult>> pendingFull =
      new AtomicReference<>();
  private final AtomicBoolean pendingEvent = new AtomicBoolean();
  private final AtomicBoolean started = new AtomicBoolean();
  private final RetryBackoff backoff;
  // sync thread only
  private int retries;
  private ScheduledFuture<?> retry;

  public SyncLoop(SyncService service, Duration interval, Optional<Duration> heartbeatInterval) {
    this(service, interval, heartbeatInterval, RetryBackoff.DEFAULT);
  }

  /**
   * As {@link #SyncLoop(SyncService, Duration, Optional)}, retrying failed names after {@code
   * backoff}.
   */
  public SyncLoop(
      SyncService service,
      Duration interval,
      Optional<Duration> heartbeatInterval,
      RetryBackoff backoff) {
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.service = Objects.requireNonNull(service, "service");
    this.interval = Objects.requireNonNull(interval, "interval");
    this.heartbeatInterval = Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    this.executor =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "kuberoute-sync");
              t.setDaemon(true);
              return t;
            });
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
  }

  /** Starts the periodic syncs; the first full sync runs at once. */
  public void start() {
    if (!started.compareAndSet(false, true)) {
      return;
    }
    long ms = interval.toMillis();
    executor.scheduleWithFixedDelay(() -> syncNow(), 0, ms, TimeUnit.MILLISECONDS);
    heartbeatInterval.ifPresent(
        hb ->
            executor.scheduleAtFixedRate(
                () -> run(SyncTrigger.HEARTBEAT),
                hb.toMillis(),
                hb.toMillis(),
                TimeUnit.MILLISECONDS));
  }

  /**
   * Something changed in the cluster: an event sync as soon as the sync thread is free; changes
   * until it starts share it.
   */
  public void onChange() {
    if (pendingEvent.compareAndSet(false, true)) {
      try {
        executor.execute(
            () -> {
              pendingEvent.set(false);
              run(SyncTrigger.EVENT);
            });
      } catch (java.util.concurrent.RejectedExecutionException e) {
        pendingEvent.set(false); // shutting down
      }
    }
  }

  /** A full sync as soon as the sync thread is free, shared by concurrent callers. */
  public CompletableFuture<SyncResult> syncNow() {
    while (true) {
      CompletableFuture<SyncResult> existing = pendingFull.get();
      if (existing != null) {
        return existing;
      }
      CompletableFuture<SyncResult> future = new CompletableFuture<>();
      if (pendingFull.compareAndSet(null, future)) {
        try {
          executor.execute(
              () -> {
                pendingFull.compareAndSet(future, null);
                try {
                  SyncResult result = service.sync(SyncTrigger.FULL);
                  afterSync(result);
                  future.complete(result);
                } catch (Throwable t) {
                  log.error("sync failed unexpectedly", t);
                  future.completeExceptionally(t);
                }
              });
        } catch (java.util.concurrent.RejectedExecutionException e) {
          pendingFull.compareAndSet(future, null);
          future.completeExceptionally(e);
        }
        return future;
      }
    }
  }

  private void run(SyncTrigger trigger) {
    try {
      afterSync(service.sync(trigger));
    } catch (Throwable t) {
      log.error("sync ({}) failed unexpectedly", trigger, t);
    }
  }

  /** On the sync thread after each sync: a retry of the names it could not write, or none. */
  private void afterSync(SyncResult result) {
    if (result.outcome() != SyncResult.Outcome.STANDBY && service.hasNamesToRetry()) {
      if (retry == null) {
        Duration delay = backoff.delay(retries++);
        log.info("names whose write failed are read again and retried in {} ms", delay.toMillis());
        try {
          retry =
              executor.schedule(
                  () -> {
                    retry = null;
                    run(SyncTrigger.EVENT);
                  },
                  delay.toMillis(),
                  TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
          // shutting down
        }
      }
    } else {
      retries = 0;
      if (retry != null) {
        retry.cancel(false);
        retry = null;
      }
    }
  }

  /** Stops scheduling and waits up to {@code timeout} for the sync in flight to finish. */
  public boolean stop(Duration timeout) throws InterruptedException {
    executor.shutdown();
    return executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    try {
      if (!stop(Duration.ofSeconds(30))) {
        log.warn("the sync in flight did not finish within 30 s");
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
