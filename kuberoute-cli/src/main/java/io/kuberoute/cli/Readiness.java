package io.kuberoute.cli;

import io.kuberoute.core.app.SyncError;
import io.kuberoute.core.app.SyncResult;
import io.kuberoute.core.port.ClusterHealth;
import io.kuberoute.core.port.ClusterSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Readiness for {@code GET /readyz}: ready when the cluster view is {@linkplain
 * ClusterHealth.State#AVAILABLE available} (so a watch that is routinely opened again does not flip
 * it) and a sync succeeded (or, on a standby replica, ran) within the last 3 intervals. Fed with
 * every sync result. Thread-safe.
 */
final class Readiness {

  static final int INTERVALS = 3;

  private final ClusterSource source;
  private final Duration window;
  private final Clock clock;
  private volatile Instant lastGood;
  private volatile SyncResult last;

  Readiness(ClusterSource source, Duration interval, Clock clock) {
    this.source = Objects.requireNonNull(source, "source");
    this.window = interval.multipliedBy(INTERVALS);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  void record(SyncResult result) {
    last = result;
    if (result.succeeded()) {
      lastGood = clock.instant();
    }
  }

  /** Empty when ready, else why not (one line). */
  Optional<String> notReadyReason() {
    ClusterHealth health = source.health();
    if (health.isStarting()) {
      return Optional.of("not ready: starting: " + health.reason());
    }
    if (health.isUnavailable()) {
      return Optional.of(
          "not ready: the cluster view is unavailable since %s: %s"
              .formatted(health.since(), health.reason()));
    }
    SyncResult result = last;
    Instant good = lastGood;
    if (result == null) {
      return Optional.of("not ready: no sync has finished yet");
    }
    if (good == null) {
      return Optional.of(
          "not ready: no sync has succeeded yet; the last one failed: " + failures(result));
    }
    if (clock.instant().isAfter(good.plus(window))) {
      String since =
          result.succeeded()
              ? "no sync has finished since"
              : "the last sync failed: " + failures(result);
      return Optional.of(
          "not ready: the last successful sync finished at %s, more than %d intervals (%d s) ago; %s"
              .formatted(good, INTERVALS, window.toSeconds(), since));
    }
    return Optional.empty();
  }

  private static String failures(SyncResult result) {
    String text =
        result.errors().stream()
            .filter(e -> e.cause().failsSync())
            .map(SyncError::message)
            .collect(Collectors.joining("; "));
    return text.isEmpty() ? "(no error recorded)" : text;
  }
}
