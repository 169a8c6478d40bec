package io.kuberoute.dns.rfc2136;

import io.kuberoute.testkit.dns.DnsServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The backend contract against a real Knot DNS. */
class Rfc2136KnotContractIT extends Rfc2136ContractSuite {

  @RegisterExtension static final DnsServerExtension DNS = DnsServerExtension.knot();

  @Override
  DnsServerExtension dns() {
    return DNS;
  }
}
