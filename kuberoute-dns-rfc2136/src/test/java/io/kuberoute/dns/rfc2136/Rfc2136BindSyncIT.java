package io.kuberoute.dns.rfc2136;

import io.kuberoute.testkit.dns.DnsServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Whole syncs against a real BIND 9. */
class Rfc2136BindSyncIT extends Rfc2136SyncSuite {

  @RegisterExtension static final DnsServerExtension DNS = DnsServerExtension.bind();

  @Override
  DnsServerExtension dns() {
    return DNS;
  }
}
