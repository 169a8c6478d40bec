package io.kuberoute.core.model;

import java.util.Comparator;
import java.util.Objects;

/** A (name, type) pair: identifies one record set. Sorted by name, then type. */
public record RecordKey(DnsName name, RecordType type) implements Comparable<RecordKey> {

  private static final Comparator<RecordKey> ORDER =
      Comparator.comparing(RecordKey::name).thenComparing(RecordKey::type);

  public RecordKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }

  @Override
  public int compareTo(RecordKey o) {
    return ORDER.compare(this, o);
  }

  @Override
  public String toString() {
    return name + " " + type;
  }
}
