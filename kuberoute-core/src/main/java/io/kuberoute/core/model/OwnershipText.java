package io.kuberoute.core.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The ownership mark as text, shared by every backend that marks with a TXT record (Route53, RFC
 * 2136, webhook providers): the record {@code _kuberoute.<fqdn>} holding {@code
 * heritage=kuberoute,owner=<id>,resource=service/<namespace>/<name>}. One mark covers every A, AAAA
 * and CNAME record set at its name. How the text is quoted or split is the backend's business; this
 * class knows the names and the text. Pure.
 */
public final class OwnershipText {

  /** The label a mark's name starts with. */
  public static final String LABEL = "_kuberoute";

  /** The {@code heritage} value that tells a mark kuberoute wrote from any other TXT record. */
  public static final String HERITAGE = "kuberoute";

  /**
   * The TTL of a mark. Nothing resolves through it, so it does not follow the records' TTL (a TTL
   * change then rewrites only the records).
   */
  public static final long TTL = 300;

  private OwnershipText() {}

  /** {@code _kuberoute.<name>}, or empty when that would be longer than a DNS name may be. */
  public static Optional<DnsName> nameFor(DnsName name) {
    String mark = LABEL + "." + name.value();
    return mark.length() <= DnsName.MAX_LENGTH ? Optional.of(DnsName.of(mark)) : Optional.empty();
  }

  /** The name a mark covers, if {@code markName} is a mark's name. */
  public static Optional<DnsName> coveredName(DnsName markName) {
    String prefix = LABEL + ".";
    return markName.value().startsWith(prefix)
        ? Optional.of(DnsName.of(markName.value().substring(prefix.length())))
        : Optional.empty();
  }

  /** The text kuberoute writes for {@code ownerId} and {@code resource} (no quotes). */
  public static String text(String ownerId, String resource) {
    return "heritage=" + HERITAGE + ",owner=" + ownerId + ",resource=" + resource;
  }

  /**
   * The ownership a mark's text states, if it carries {@code heritage=kuberoute} (an owner or a
   * resource may be missing); empty for any other text. Keys it does not know are ignored.
   */
  public static Optional<Ownership> parse(String text) {
    Objects.requireNonNull(text, "text");
    String heritage = null;
    String owner = null;
    String resource = null;
    for (String pair : text.split(",")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String key = pair.substring(0, eq).strip();
      String value = pair.substring(eq + 1).strip();
      switch (key) {
        case "heritage" -> heritage = value;
        case "owner" -> owner = value;
        case "resource" -> resource = value;
        default -> {
          // other keys are allowed and ignored
        }
      }
    }
    return HERITAGE.equals(heritage)
        ? Optional.of(new Ownership(Optional.ofNullable(owner), Optional.ofNullable(resource)))
        : Optional.empty();
  }

  /**
   * The ownership the first of a mark name's TXT data to carry {@code heritage=kuberoute} states;
   * empty if none does (TXT records kuberoute did not write). Each datum may be shown quoted, as
   * Route53 and webhook providers show it ({@link #unquote}).
   */
  public static Optional<Ownership> parseFirst(List<String> txtData) {
    for (String raw : txtData) {
      Optional<Ownership> o = parse(unquote(Objects.requireNonNull(raw, "TXT datum")));
      if (o.isPresent()) {
        return o;
      }
    }
    return Optional.empty();
  }

  /**
   * TXT data as text: shown as one or more quoted strings ({@code "a" "b"}; long values split in
   * 255-character pieces), they join without separators; a backslash inside quotes escapes the next
   * character. Data not starting with a quote is returned stripped.
   */
  public static String unquote(String raw) {
    String s = raw.strip();
    if (!s.startsWith("\"")) {
      return s;
    }
    StringBuilder out = new StringBuilder();
    boolean inside = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        inside = !inside;
      } else if (c == '\\' && inside && i + 1 < s.length()) {
        out.append(s.charAt(++i));
      } else if (inside) {
        out.append(c);
      }
    }
    return out.toString();
  }
}
