package io.kuberoute.core.app;

import io.kuberoute.core.template.Template;
import java.time.Duration;
import java.util.Objects;

/**
 * The DNS heartbeat ({@code [heartbeat]}): per managed domain a CNAME {@code <name>.<domain>}
 * pointing at {@code <value>}, rewritten every {@code interval}. The value template may use {@code
 * timestamp} (UTC {@code Y-M-D-H-M} without zero padding) and the {@code [replacements]}.
 */
public record HeartbeatSettings(Template name, Template value, Duration interval) {

  /** The original's default value template. */
  public static final String DEFAULT_VALUE =
      Template.START + "timestamp" + Template.END + ".kuberoute.timestamp";

  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);

  private static final String NAME_REQUIRED =
      "name is required: the heartbeat has no default name (name_template), such as heartbeat";

  public HeartbeatSettings {
    Objects.requireNonNull(name, NAME_REQUIRED);
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(interval, "interval");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("heartbeat interval must be positive");
    }
  }

  /**
   * The heartbeat {@code <name>.<domain>} (required: there is no default name) with the default
   * value template {@value #DEFAULT_VALUE}, every 60 s.
   *
   * @throws NullPointerException when {@code name} is null, saying it is required
   */
  public static HeartbeatSettings defaults(Template name) {
    return new HeartbeatSettings(name, Template.compile(DEFAULT_VALUE), DEFAULT_INTERVAL);
  }

  /** These settings with another value template. */
  public HeartbeatSettings withValue(Template newValue) {
    return new HeartbeatSettings(name, newValue, interval);
  }

  /** These settings rewriting the heartbeat every {@code newInterval}. */
  public HeartbeatSettings withInterval(Duration newInterval) {
    return new HeartbeatSettings(name, value, newInterval);
  }
}
