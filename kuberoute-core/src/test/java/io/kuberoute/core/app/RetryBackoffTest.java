package io.kuberoute.core.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

  @Test
  void theDefaultWaitsOneSecondAndDoublesUpToThirtyTwo() {
    assertThat(IntStream.range(0, 9).mapToObj(RetryBackoff.DEFAULT::delay).map(Duration::toSeconds))
        .containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 32L, 32L, 32L);
    assertThat(RetryBackoff.DEFAULT.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(32));
  }

  @Test
  void withinOneDefaultIntervalOfSixtySecondsAPermanentlyRefusedNameIsRetriedFiveTimes() {
    long at = 0;
    int retries = 0;
    while (true) {
      at += RetryBackoff.DEFAULT.delay(retries).toMillis();
      if (at >= 60_000) {
        break;
      }
      retries++;
    }
    // at 1, 3, 7, 15 and 31 s; the next, at 63 s, comes after the full sync of 60 s
    assertThat(retries).isEqualTo(5);
  }

  @Test
  void aCapBelowTheDoublingStopsThere() {
    RetryBackoff b = new RetryBackoff(Duration.ofMillis(300), Duration.ofMillis(1000));
    assertThat(IntStream.range(0, 5).mapToObj(b::delay).map(Duration::toMillis))
        .containsExactly(300L, 600L, 1000L, 1000L, 1000L);
  }

  @Test
  void badDelaysAreRefused() {
    assertThatThrownBy(() -> new RetryBackoff(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the first retry delay must be positive, not PT0S");
    assertThatThrownBy(() -> new RetryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the longest retry delay PT1S is shorter than the first PT2S");
    assertThatThrownBy(() -> RetryBackoff.DEFAULT.delay(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("retry must be 0 or more, not -1");
  }
}
