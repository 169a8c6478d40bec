package io.kuberoute.dns.skydns;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One etcd key as read (or as written by us): its key, raw value and the revision that last
 * modified it, which a transaction compares to detect a concurrent change.
 *
 * <p>Immutable. The backend keeps the entries it read between syncs, and an event sync reads its
 * record sets from them again, so an entry remembers what its key and value parse to (computed at
 * most a few times even when threads race: parsing is pure).
 */
final class EtcdEntry {

  private final String key;
  private final byte[] value;
  private final long modRevision;
  // memos: records of final fields, so a racing reader sees them whole or not at all
  private SkyDnsValue.Parsed parsed;
  private KeyNameIn keyName;

  private record KeyNameIn(SkyDnsLayout layout, Optional<SkyDnsLayout.KeyName> name) {}

  EtcdEntry(String key, byte[] value, long modRevision) {
    this.key = Objects.requireNonNull(key, "key");
    this.value = value.clone();
    this.modRevision = modRevision;
  }

  String key() {
    return key;
  }

  byte[] value() {
    return value.clone();
  }

  long modRevision() {
    return modRevision;
  }

  boolean hasValue(byte[] other) {
    return Arrays.equals(value, other);
  }

  /** The value read as a SkyDNS record, or why it is not one. */
  SkyDnsValue.Parsed parsed() {
    SkyDnsValue.Parsed p = parsed;
    if (p == null) {
      p = SkyDnsValue.parse(value);
      parsed = p;
    }
    return p;
  }

  /** The key's name and leaf in {@code layout} ({@link SkyDnsLayout#parse}). */
  Optional<SkyDnsLayout.KeyName> keyName(SkyDnsLayout layout) {
    KeyNameIn k = keyName;
    if (k == null || k.layout() != layout) {
      k = new KeyNameIn(layout, layout.parse(key));
      keyName = k;
    }
    return k.name();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EtcdEntry e
        && e.key.equals(key)
        && Arrays.equals(e.value, value)
        && e.modRevision == modRevision;
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, Arrays.hashCode(value), modRevision);
  }

  @Override
  public String toString() {
    return key + "@" + modRevision;
  }
}
