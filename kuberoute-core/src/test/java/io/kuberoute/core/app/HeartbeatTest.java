package io.kuberoute.core.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class HeartbeatTest {

  @Test
  void theTimestampIsUtcWithoutZeroPaddingAsTheOriginalWroteIt() {
    assertThat(Heartbeat.timestamp(Instant.parse("2017-04-08T09:05:59Z")))
        .isEqualTo("2017-4-8-9-5");
    assertThat(Heartbeat.timestamp(Instant.parse("2026-12-31T23:59:00Z")))
        .isEqualTo("2026-12-31-23-59");
  }
}
