package io.kuberoute.dns.rfc2136;

import io.kuberoute.testkit.dns.DnsServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The backend contract against a real BIND 9. */
class Rfc2136BindContractIT extends Rfc2136ContractSuite {

  @RegisterExtension static final DnsServerExtension DNS = DnsServerExtension.bind();

  @Override
  DnsServerExtension dns() {
    return DNS;
  }
}
