package io.kuberoute.dns.rfc2136;

import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.Ownership;
import io.kuberoute.core.model.OwnershipText;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xbill.DNS.Type;

/**
 * The ownership mark of a name, in the same format as the Route53 backend's: a TXT record at {@code
 * _kuberoute.<fqdn>} holding {@code heritage=kuberoute,owner=<id>,resource=<resource>} (the
 * resource is {@code service/<namespace>/<name>}, or {@code heartbeat}).
 *
 * <p>One mark covers every A, AAAA and CNAME record set at its name. It lies at or below the name,
 * so always in the name's own zone, and one UPDATE changes both together. Pure.
 */
final class OwnershipMark {

  static final String LABEL = OwnershipText.LABEL;
  static final String HERITAGE = OwnershipText.HERITAGE;

  static final long TTL = OwnershipText.TTL;

  /** RFC 1035 §3.3.14: one character-string of a TXT record holds at most 255 octets. */
  static final int MAX_STRING = 255;

  private OwnershipMark() {}

  /** What the zone holds at a name's mark. */
  sealed interface State {
    /** No TXT at the mark's name. */
    record Absent() implements State {}

    /** A TXT at the mark's name that kuberoute did not write: the name is left alone. */
    record Alien() implements State {}

    /** A mark kuberoute wrote (ours or another owner id's). */
    record Marked(Ownership ownership, String text) implements State {}
  }

  /** The state of the mark of {@code name} in {@code zone}. */
  static State at(ZoneContent zone, DnsName name) {
    return nameFor(name)
        .map(mark -> parse(RecordConverter.texts(zone.rrset(mark, Type.TXT))))
        .orElseGet(State.Absent::new);
  }

  /** {@code _kuberoute.<name>}, or empty when that would be longer than a DNS name may be. */
  static Optional<DnsName> nameFor(DnsName name) {
    return OwnershipText.nameFor(name);
  }

  /** The name a mark covers, if {@code markName} is a mark's name. */
  static Optional<DnsName> coveredName(DnsName markName) {
    return OwnershipText.coveredName(markName);
  }

  /** The text kuberoute writes for {@code ownerId} and {@code resource}. */
  static String text(String ownerId, String resource) {
    return OwnershipText.text(ownerId, resource);
  }

  /**
   * {@code text} in character-strings of at most {@value #MAX_STRING} characters (joined back when
   * read).
   */
  static List<String> strings(String text) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < text.length(); i += MAX_STRING) {
      out.add(text.substring(i, Math.min(text.length(), i + MAX_STRING)));
    }
    return out.isEmpty() ? List.of("") : out;
  }

  /**
   * The state of a mark whose TXT records read as {@code texts} (each record's strings joined): the
   * first text with {@code heritage=kuberoute} and an owner is the mark; none is {@link
   * State.Alien}; no TXT at all is {@link State.Absent}.
   */
  static State parse(List<String> texts) {
    if (texts.isEmpty()) {
      return new State.Absent();
    }
    for (String text : texts) {
      Optional<Ownership> o = ownership(Objects.requireNonNull(text, "text"));
      if (o.isPresent()) {
        return new State.Marked(o.get(), text);
      }
    }
    return new State.Alien();
  }

  private static Optional<Ownership> ownership(String text) {
    return OwnershipText.parse(text).filter(o -> o.owner().isPresent());
  }
}
