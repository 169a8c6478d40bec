package io.kuberoute.core.model;

import java.util.Objects;

/** A record set as it exists in the DNS backend, with its ownership mark. */
public record CurrentRecord(RecordSet record, Ownership ownership) {

  public CurrentRecord {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(ownership, "ownership");
  }

  public RecordKey key() {
    return record.key();
  }
}
