package io.kuberoute.core.app;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the {@link SyncLoop} waits before it retries names whose write failed: {@code first}
 * after the failure, then twice as long after each further failure, never more than {@code max}.
 *
 * @param first the wait before the first retry
 * @param max the longest wait
 */
public record RetryBackoff(Duration first, Duration max) {

  /** 1 s, 2 s, 4 s, ... up to 32 s. */
  public static final RetryBackoff DEFAULT =
      new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(32));

  public RetryBackoff {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(max, "max");
    if (first.isNegative() || first.isZero()) {
      throw new IllegalArgumentException("the first retry delay must be positive, not " + first);
    }
    if (max.compareTo(first) < 0) {
      throw new IllegalArgumentException(
          "the longest retry delay " + max + " is shorter than the first " + first);
    }
  }

  /** The wait before retry number {@code retry} (0 for the first) of the same failure. */
  public Duration delay(int retry) {
    if (retry < 0) {
      throw new IllegalArgumentException("retry must be 0 or more, not " + retry);
    }
    Duration d = first;
    for (int i = 0; i < retry && d.compareTo(max) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(max) < 0 ? d : max;
  }
}
