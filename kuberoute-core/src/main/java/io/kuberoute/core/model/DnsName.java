package io.kuberoute.core.model;

import io.kuberoute.core.config.ErrorText;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A fully qualified DNS name: lower-cased, stored without the trailing dot.
 *
 * <p>Limits: at most {@link #MAX_LENGTH} characters in presentation form (RFC 1035 §2.3.4, RFC 2181
 * §11), each label 1 to {@link #MAX_LABEL_LENGTH} characters. Labels are letters, digits, hyphens
 * and underscores (underscores appear in service names such as {@code _kuberoute.shop}); a label
 * may not start or end with a hyphen.
 */
public record DnsName(String value) implements Comparable<DnsName> {

  /** RFC 1035 §2.3.4: 255 octets on the wire, i.e. 253 characters in dotted form. */
  public static final int MAX_LENGTH = 253;

  /** RFC 1035 §2.3.4 and RFC 2181 §11. */
  public static final int MAX_LABEL_LENGTH = 63;

  public DnsName {
    Objects.requireNonNull(value, "value");
    String v = value.strip();
    if (v.endsWith(".")) {
      v = v.substring(0, v.length() - 1);
    }
    v = asciiLowerCase(v); // not toLowerCase: it maps the Kelvin sign to 'k'
    if (v.isEmpty()) {
      throw new IllegalArgumentException("invalid DNS name '" + shown(value) + "': it is empty");
    }
    if (v.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "invalid DNS name '%s': %d characters, at most %d allowed"
              .formatted(shown(value), v.length(), MAX_LENGTH));
    }
    int start = 0;
    for (int i = 0; i <= v.length(); i++) {
      if (i == v.length() || v.charAt(i) == '.') {
        checkLabel(value, v.substring(start, i));
        start = i + 1;
      }
    }
    value = v;
  }

  private static void checkLabel(String name, String label) {
    if (label.isEmpty()) {
      throw new IllegalArgumentException("invalid DNS name '" + shown(name) + "': empty label");
    }
    if (label.length() > MAX_LABEL_LENGTH) {
      throw new IllegalArgumentException(
          "invalid DNS name '%s': label '%s' has %d characters, at most %d allowed"
              .formatted(shown(name), shown(label), label.length(), MAX_LABEL_LENGTH));
    }
    for (int i = 0; i < label.length(); i++) {
      char c = label.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
      if (!ok) {
        throw new IllegalArgumentException(
            "invalid DNS name '%s': character '%s' is not allowed (letters, digits, '-' and '_' only)"
                .formatted(shown(name), shown(String.valueOf(c))));
      }
    }
    if (label.startsWith("-") || label.endsWith("-")) {
      throw new IllegalArgumentException(
          "invalid DNS name '%s': label '%s' starts or ends with '-'"
              .formatted(shown(name), shown(label)));
    }
  }

  /** {@code A-Z} lower-cased, every other character kept (and then refused, if not ASCII). */
  private static String asciiLowerCase(String text) {
    char[] chars = text.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] >= 'A' && chars[i] <= 'Z') {
        chars[i] = (char) (chars[i] + ('a' - 'A'));
      }
    }
    return new String(chars);
  }

  /** A name in an error: whole up to a little more than the longest valid one, on one line. */
  private static String shown(String text) {
    return ErrorText.value(text, MAX_LENGTH + 47);
  }

  /** Parses {@code text}; throws {@link IllegalArgumentException} naming the problem. */
  public static DnsName of(String text) {
    return new DnsName(text);
  }

  /** True if {@code text} is a valid name. */
  public static boolean isValid(String text) {
    try {
      new DnsName(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The labels, most specific first: {@code shop.example.com} gives [shop, example, com]. */
  public List<String> labels() {
    return Arrays.asList(value.split("\\."));
  }

  /** {@code label + "." + this}. */
  public DnsName prepend(String relative) {
    return new DnsName(relative + "." + value);
  }

  /** True if this name equals {@code other} or lies below it. */
  public boolean isWithin(DnsName other) {
    return value.equals(other.value) || value.endsWith("." + other.value);
  }

  /** The name with a trailing dot, as zone files and Route53 print it. */
  public String absolute() {
    return value + ".";
  }

  @Override
  public int compareTo(DnsName o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
