package io.kuberoute.dns.route53;

import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.Ownership;
import io.kuberoute.core.model.OwnershipText;
import java.util.List;
import java.util.Optional;

/**
 * The ownership TXT record of a name: {@code _kuberoute.<fqdn>} holding, quoted as Route53 stores
 * TXT data, {@code "heritage=kuberoute,owner=<id>,resource=service/<ns>/<name>"}.
 *
 * <p>One mark covers every A, AAAA and CNAME record set at its name. Pure.
 */
final class OwnershipMark {

  static final String LABEL = OwnershipText.LABEL;
  static final String HERITAGE = OwnershipText.HERITAGE;

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

  /** The TXT value, with its quotes, as it is sent to and read back from Route53. */
  static String value(String ownerId, String resource) {
    return "\"" + OwnershipText.text(ownerId, resource) + "\"";
  }

  /**
   * The ownership the TXT values of a mark name state: the first value carrying {@code
   * heritage=kuberoute}; empty if none does (a TXT record kuberoute did not write).
   */
  static Optional<Ownership> parse(List<String> txtValues) {
    return OwnershipText.parseFirst(txtValues);
  }
}
