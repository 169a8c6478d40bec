package io.kuberoute.dns.skydns;

import io.kuberoute.core.model.DnsName;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a name's records live in etcd, in the layout CoreDNS's etcd plugin (and SkyDNS) serve: the
 * labels reversed under the prefix, one key per target below the name:
 *
 * <pre>
 * shop.example.com, target 10.0.0.1  →  /skydns/com/example/shop/&lt;leaf(10.0.0.1)&gt;
 * </pre>
 *
 * <p>The leaf is the first 8 hex digits of the target's SHA-256, so writing the same target again
 * addresses the same key. A name's keys are the direct children of {@code <path>/}: listing that
 * range (with the slash) never matches a sibling such as {@code shop2}, and keys two or more levels
 * below belong to child names ({@code a.shop}). Immutable.
 */
final class SkyDnsLayout {

  /** A key split into the name it belongs to and its leaf. */
  record KeyName(DnsName name, String leaf) {}

  private final String prefix;

  /** {@code prefix} as validated by {@link SkyDnsSettings}: {@code /skydns}, no trailing slash. */
  SkyDnsLayout(String prefix) {
    this.prefix = Objects.requireNonNull(prefix, "prefix");
  }

  String prefix() {
    return prefix;
  }

  /** {@code shop.example.com} → {@code /skydns/com/example/shop}. */
  String path(DnsName name) {
    List<String> labels = name.labels();
    StringBuilder b = new StringBuilder(prefix);
    for (int i = labels.size() - 1; i >= 0; i--) {
      b.append('/').append(labels.get(i));
    }
    return b.toString();
  }

  /** The first key of the range holding the keys at and below {@code name}: {@code <path>/}. */
  String rangeStart(DnsName name) {
    return rangeStart(path(name));
  }

  /** The end (exclusive) of that range: {@code <path>0}, '0' being the byte after '/'. */
  String rangeEnd(DnsName name) {
    return rangeEnd(path(name));
  }

  /**
   * The first key of the range below {@code path}, a name's path or the prefix itself (whose range
   * holds every key of the layout): {@code <path>/}.
   */
  static String rangeStart(String path) {
    return path + "/";
  }

  /** The end (exclusive) of the range below {@code path}: {@code <path>0}. */
  static String rangeEnd(String path) {
    return path + "0";
  }

  /** The key of one target of {@code name}. */
  String key(DnsName name, String target) {
    return path(name) + "/" + leaf(target);
  }

  /** True if {@code key} is a direct child of {@code name}'s path (one of its own keys). */
  boolean isKeyOf(DnsName name, String key) {
    String start = rangeStart(name);
    return key.startsWith(start)
        && key.length() > start.length()
        && key.indexOf('/', start.length()) < 0;
  }

  /**
   * The name and leaf of {@code key}, or empty when the key does not follow the layout: not under
   * the prefix, no leaf, or path segments that are not lower-case DNS labels (CoreDNS would never
   * serve those, since it looks names up in lower case).
   */
  Optional<KeyName> parse(String key) {
    if (!key.startsWith(prefix + "/")) {
      return Optional.empty();
    }
    String[] segments = key.substring(prefix.length() + 1).split("/", -1);
    if (segments.length < 2 || segments[segments.length - 1].isEmpty()) {
      return Optional.empty();
    }
    StringBuilder name = new StringBuilder();
    for (int i = segments.length - 2; i >= 0; i--) {
      if (name.length() > 0) {
        name.append('.');
      }
      name.append(segments[i]);
    }
    String text = name.toString();
    if (!DnsName.isValid(text) || !DnsName.of(text).value().equals(text)) {
      return Optional.empty();
    }
    return Optional.of(new KeyName(DnsName.of(text), segments[segments.length - 1]));
  }

  /** The leaf of a target: 8 hex digits of its SHA-256. */
  static String leaf(String target) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(target.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
