package io.kuberoute.dns.rfc2136;

import io.kuberoute.testkit.dns.DnsServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Failures against a real Knot DNS, which answers NOTAUTH to a request its policy does not allow.
 */
class Rfc2136KnotFailureIT extends Rfc2136FailureSuite {

  @RegisterExtension static final DnsServerExtension DNS = DnsServerExtension.knot();

  @Override
  DnsServerExtension dns() {
    return DNS;
  }

  @Override
  String unsignedRcode() {
    return "NOTAUTH";
  }

  @Override
  String notAllowedRcode() {
    return "NOTAUTH";
  }
}
