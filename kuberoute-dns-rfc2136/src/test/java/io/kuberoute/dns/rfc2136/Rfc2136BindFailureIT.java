package io.kuberoute.dns.rfc2136;

import io.kuberoute.testkit.dns.DnsServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Failures against a real BIND 9, which answers REFUSED to a request its policy does not allow. */
class Rfc2136BindFailureIT extends Rfc2136FailureSuite {

  @RegisterExtension static final DnsServerExtension DNS = DnsServerExtension.bind();

  @Override
  DnsServerExtension dns() {
    return DNS;
  }

  @Override
  String unsignedRcode() {
    return "REFUSED";
  }

  @Override
  String notAllowedRcode() {
    return "REFUSED";
  }
}
