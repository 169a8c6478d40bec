package io.kuberoute.dns.rfc2136;

import io.kuberoute.testkit.dns.DnsServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Whole syncs against a real Knot DNS. */
class Rfc2136KnotSyncIT extends Rfc2136SyncSuite {

  @RegisterExtension static final DnsServerExtension DNS = DnsServerExtension.knot();

  @Override
  DnsServerExtension dns() {
    return DNS;
  }
}
