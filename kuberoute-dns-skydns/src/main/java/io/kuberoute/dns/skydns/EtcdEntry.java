package io.kuberoute.dns.skydns;

import java.util.Arrays;
import java.util.Objects;

/**
 * One etcd key as read (or as written by us): its key, raw value and the revision that last
 * modified it, which a transaction compares to detect a concurrent change.
 */
record EtcdEntry(String key, byte[] value, long modRevision) {

  EtcdEntry {
    Objects.requireNonNull(key, "key");
    value = value.clone();
  }

  @Override
  public byte[] value() {
    return value.clone();
  }

  boolean hasValue(byte[] other) {
    return Arrays.equals(value, other);
  }

  SkyDnsValue.Parsed parsed() {
    return SkyDnsValue.parse(value);
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
