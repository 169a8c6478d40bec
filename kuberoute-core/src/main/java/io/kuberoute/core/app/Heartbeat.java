package io.kuberoute.core.app;

import io.kuberoute.core.model.DesiredRecord;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Computes the heartbeat records. A new timestamp is taken only once per interval; in between, the
 * records of the last refresh are wanted unchanged, so ordinary syncs neither rewrite nor delete
 * them. Not thread-safe: used by the (single-threaded) sync.
 */
final class Heartbeat {

  /** Resource recorded as the owner of heartbeat records. */
  static final String RESOURCE = "heartbeat";

  private final HeartbeatSettings settings;
  private final Map<String, String> replacements;
  private final long ttl;
  private final Clock clock;
  private Instant refreshedAt;
  private String value;

  Heartbeat(HeartbeatSettings settings, Map<String, String> replacements, long ttl, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.replacements = Map.copyOf(replacements);
    this.ttl = ttl;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The original's timestamp: UTC {@code year-month-day-hour-minute}, no zero padding. */
  static String timestamp(Instant instant) {
    ZonedDateTime t = instant.atZone(ZoneOffset.UTC);
    return t.getYear()
        + "-"
        + t.getMonthValue()
        + "-"
        + t.getDayOfMonth()
        + "-"
        + t.getHour()
        + "-"
        + t.getMinute();
  }

  /** The result: records per domain, and an error per domain whose record cannot be built. */
  record Records(List<DesiredRecord> records, Map<DnsName, String> errors) {}

  Records desired(Set<DnsName> domains) {
    Instant now = clock.instant();
    if (refreshedAt == null || !now.isBefore(refreshedAt.plus(settings.interval()))) {
      Map<String, String> vars = new HashMap<>(replacements);
      vars.put("timestamp", timestamp(now));
      value = settings.value().render(vars);
      refreshedAt = now;
    }
    String relative = settings.name().render(replacements);
    List<DesiredRecord> records = new ArrayList<>();
    Map<DnsName, String> errors = new HashMap<>();
    for (DnsName domain : domains) {
      try {
        DnsName name = relative.isEmpty() ? domain : domain.prepend(relative);
        records.add(
            new DesiredRecord(
                new RecordSet(name, RecordType.CNAME, ttl, List.of(value)), RESOURCE));
      } catch (IllegalArgumentException e) {
        errors.put(domain, "heartbeat for " + domain + ": " + e.getMessage());
      }
    }
    return new Records(records, errors);
  }

  /** The heartbeat's name in {@code domain}, if it forms a valid name. */
  Optional<DnsName> nameFor(DnsName domain) {
    try {
      String relative = settings.name().render(replacements);
      return Optional.of(relative.isEmpty() ? domain : domain.prepend(relative));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  Optional<Instant> refreshedAt() {
    return Optional.ofNullable(refreshedAt);
  }
}
