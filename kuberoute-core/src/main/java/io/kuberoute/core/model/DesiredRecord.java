package io.kuberoute.core.model;

import java.util.Objects;

/**
 * A record set kuberoute wants to exist, with the resource that claims it: {@code
 * service/<namespace>/<name>} for a service, {@code heartbeat} for a heartbeat record.
 */
public record DesiredRecord(RecordSet record, String resource) {

  public DesiredRecord {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(resource, "resource");
  }

  public RecordKey key() {
    return record.key();
  }
}
