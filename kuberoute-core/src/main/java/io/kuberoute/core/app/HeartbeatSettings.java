package io.kuberoute.core.app;

import io.kuberoute.core.template.Template;
import java.time.Duration;
import java.util.Objects;

/**
 * The DNS heartbeat ({@code [heartbeat]}): per managed domain a CNAME {@code <name>.<domain>}
 * pointing at {@code <value>}, rewritten every {@code interval}. The value template may use
 * {@code timestamp} (UTC {@code Y-M-D-H-M} without zero padding) and the {@code [replacements]}.
 */
public record HeartbeatSettings(Template name, Template value, Duration interval) {

  /** The original's default value template. */
  public static final String DEFAULT_VALUE =
      Template.START + "timestamp" + Template.END + ".kuberoute.timestamp";

  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);

  public HeartbeatSettings {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(interval, "interval");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("heartbeat interval must be positive");
    }
  }
}
