package io.kuberoute.core.model;

import com.google.common.net.InetAddresses;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * All records of one type at one name: the unit a DNS backend creates, updates and deletes.
 *
 * <p>Targets are normalised, de-duplicated and sorted once, so two record sets are equal exactly
 * when they publish the same data. A targets must be IPv4 literals, AAAA targets IPv6 literals
 * (both in canonical text form), a CNAME has exactly one target, a valid DNS name. TTL is in
 * seconds, 0 to 2<sup>31</sup>-1 (RFC 2181 §8).
 */
public record RecordSet(DnsName name, RecordType type, long ttl, List<String> targets) {

  /** RFC 2181 §8. */
  public static final long MAX_TTL = 2147483647L;

  public RecordSet {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(targets, "targets");
    if (ttl < 0 || ttl > MAX_TTL) {
      throw new IllegalArgumentException(
          "TTL of %s %s must be 0..%d but was %d".formatted(name, type, MAX_TTL, ttl));
    }
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("record set %s %s has no targets".formatted(name, type));
    }
    String[] normalised = new String[targets.size()];
    int i = 0;
    for (String target : targets) {
      normalised[i++] = normalise(name, type, Objects.requireNonNull(target, "target"));
    }
    Arrays.sort(normalised);
    int distinct = 0;
    for (int j = 0; j < normalised.length; j++) {
      if (j == 0 || !normalised[j].equals(normalised[distinct - 1])) {
        normalised[distinct++] = normalised[j];
      }
    }
    List<String> sorted = List.of(Arrays.copyOf(normalised, distinct));
    if (type == RecordType.CNAME && sorted.size() != 1) {
      throw new IllegalArgumentException(
          "CNAME %s must have exactly one target but has %s".formatted(name, sorted));
    }
    targets = sorted;
  }

  /** A record set of {@code type} at {@code name}. */
  public static RecordSet of(DnsName name, RecordType type, long ttl, Collection<String> targets) {
    return new RecordSet(name, type, ttl, List.copyOf(targets));
  }

  /** A record set of {@code type} at {@code name}. */
  public static RecordSet of(String name, RecordType type, long ttl, String... targets) {
    return new RecordSet(DnsName.of(name), type, ttl, List.of(targets));
  }

  private static String normalise(DnsName name, RecordType type, String target) {
    switch (type) {
      case A -> {
        if (isCanonicalIpv4(target)) {
          return target;
        }
        InetAddress address = parseIp(name, type, target);
        if (!(address instanceof Inet4Address)) {
          throw new IllegalArgumentException(
              "A record %s: '%s' is not an IPv4 address".formatted(name, target));
        }
        return InetAddresses.toAddrString(address);
      }
      case AAAA -> {
        InetAddress address = parseIp(name, type, target);
        if (!(address instanceof Inet6Address)) {
          throw new IllegalArgumentException(
              "AAAA record %s: '%s' is not an IPv6 address".formatted(name, target));
        }
        return InetAddresses.toAddrString(address);
      }
      case CNAME -> {
        try {
          return DnsName.of(target).value();
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "CNAME record %s: target is not a valid name: %s".formatted(name, e.getMessage()), e);
        }
      }
      case TXT -> {
        return target;
      }
    }
    throw new AssertionError(type);
  }

  /**
   * True for an IPv4 address already in canonical form (four decimal octets 0-255 without leading
   * zeros), the common case, which then needs no parsing.
   */
  static boolean isCanonicalIpv4(String s) {
    int octets = 0;
    int i = 0;
    int n = s.length();
    while (i < n) {
      int start = i;
      int value = 0;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        value = value * 10 + (s.charAt(i) - '0');
        i++;
        if (i - start > 3) {
          return false;
        }
      }
      int digits = i - start;
      if (digits == 0 || value > 255 || (digits > 1 && s.charAt(start) == '0')) {
        return false;
      }
      octets++;
      if (i < n) {
        if (s.charAt(i) != '.' || octets == 4) {
          return false;
        }
        i++;
        if (i == n) {
          return false;
        }
      }
    }
    return octets == 4;
  }

  private static InetAddress parseIp(DnsName name, RecordType type, String target) {
    if (!InetAddresses.isInetAddress(target)) {
      throw new IllegalArgumentException(
          "%s record %s: '%s' is not an IP address".formatted(type, name, target));
    }
    return InetAddresses.forString(target);
  }

  /** The key that identifies this record set in a zone. */
  public RecordKey key() {
    return new RecordKey(name, type);
  }

  /** Same name and type, other targets. */
  public RecordSet withTargets(Collection<String> newTargets) {
    return new RecordSet(name, type, ttl, List.copyOf(newTargets));
  }

  /** Targets joined by commas, as the printing backend shows them. */
  public String targetsText() {
    return String.join(",", targets);
  }

  @Override
  public String toString() {
    return name + " " + type + " " + ttl + " " + targetsText();
  }
}
