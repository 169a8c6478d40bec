package io.kuberoute.cli;

import io.kuberoute.core.app.SyncResult;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The syncs {@code GET /} may ask for, so that no caller can keep kuberoute doing back-to-back full
 * syncs (each reads the whole DNS zone):
 *
 * <ul>
 *   <li>a request while an on-demand sync waits or runs shares that sync;
 *   <li>otherwise a new sync starts if one of {@code burst} credits is left; a credit comes back
 *       after each {@code rest} during which no on-demand sync ran (so however long syncs take,
 *       on-demand ones keep at least {@code rest} apart once the burst is spent);
 *   <li>else the request is refused with the time until the next credit.
 * </ul>
 *
 * The periodic and event syncs are not counted and never held back.
 */
final class OnDemandSync {

  /** What a request gets: a sync to wait for, or the time to wait before asking again. */
  sealed interface Outcome permits Granted, Refused {}

  record Granted(CompletableFuture<SyncResult> sync) implements Outcome {}

  record Refused(Duration retryAfter) implements Outcome {}

  private final Supplier<CompletableFuture<SyncResult>> syncNow;
  private final int burst;
  private final long restNanos;
  private final LongSupplier nanoTime;

  private double credits;

  /** Since when credits come back (no on-demand sync running); -1 while one runs. */
  private long restingSince;

  private CompletableFuture<SyncResult> current;

  /**
   * @param syncNow starts (or joins) a full sync
   * @param burst syncs that may start one after another
   * @param rest the time without an on-demand sync that gives one credit back
   * @param nanoTime the clock ({@code System::nanoTime})
   */
  OnDemandSync(
      Supplier<CompletableFuture<SyncResult>> syncNow,
      int burst,
      Duration rest,
      LongSupplier nanoTime) {
    this.syncNow = Objects.requireNonNull(syncNow, "syncNow");
    if (burst < 1 || rest.isNegative() || rest.isZero()) {
      throw new IllegalArgumentException("burst and rest must be positive");
    }
    this.burst = burst;
    this.restNanos = rest.toNanos();
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    this.credits = burst;
    this.restingSince = nanoTime.getAsLong();
  }

  int burst() {
    return burst;
  }

  Duration rest() {
    return Duration.ofNanos(restNanos);
  }

  /**
   * A sync for one {@code GET /}.
   *
   * @throws java.util.concurrent.RejectedExecutionException if the sync loop is shutting down
   */
  synchronized Outcome request() {
    if (current != null && !current.isDone()) {
      return new Granted(current);
    }
    long now = nanoTime.getAsLong();
    if (restingSince != -1) {
      credits = Math.min(burst, credits + (double) (now - restingSince) / restNanos);
      restingSince = now;
    }
    if (credits < 1) {
      long waitNanos = (long) Math.ceil((1 - credits) * restNanos);
      return new Refused(Duration.ofNanos(waitNanos));
    }
    CompletableFuture<SyncResult> sync = syncNow.get();
    credits -= 1;
    restingSince = -1;
    current = sync;
    sync.whenComplete((result, error) -> finished(sync));
    return new Granted(sync);
  }

  private synchronized void finished(CompletableFuture<SyncResult> sync) {
    if (sync == current) {
      restingSince = nanoTime.getAsLong();
    }
  }
}
