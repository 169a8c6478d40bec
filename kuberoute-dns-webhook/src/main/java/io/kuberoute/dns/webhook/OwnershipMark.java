package io.kuberoute.dns.webhook;

import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.Ownership;
import io.kuberoute.core.model.OwnershipText;
import java.util.List;
import java.util.Optional;

/**
 * The ownership record of a name, the same as on Route53: a TXT endpoint {@code _kuberoute.<fqdn>}
 * whose target is {@code "heritage=kuberoute,owner=<id>,resource=service/<ns>/<name>"} (with the
 * quotes, as external-dns's TXT registry writes its targets). One mark covers every A, AAAA and
 * CNAME record set at its name. Reading accepts the value with or without quotes (a provider may
 * strip them) and ignores keys it does not know. Pure.
 */
final class OwnershipMark {

  static final String LABEL = OwnershipText.LABEL;
  static final String HERITAGE = OwnershipText.HERITAGE;

  /** The mark's TTL: nothing resolves through it, so it does not follow the records' TTL. */
  static final long TTL = OwnershipText.TTL;

  private OwnershipMark() {}

  /** {@code _kuberoute.<name>}, or empty when that would be longer than a DNS name may be. */
  static Optional<DnsName> nameFor(DnsName name) {
    return OwnershipText.nameFor(name);
  }

  /** The name a mark covers, if {@code markName} is a mark's name. */
  static Optional<DnsName> coveredName(DnsName markName) {
    return OwnershipText.coveredName(markName);
  }

  /** The TXT target, with its quotes. */
  static String value(String ownerId, String resource) {
    return "\"" + OwnershipText.text(ownerId, resource) + "\"";
  }

  /**
   * The ownership the first target carrying {@code heritage=kuberoute} states; empty if no target
   * does (a TXT record kuberoute did not write).
   */
  static Optional<Ownership> parse(List<String> targets) {
    return OwnershipText.parseFirst(targets);
  }
}
