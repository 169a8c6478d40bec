package io.kuberoute.dns.rfc2136;

import io.kuberoute.core.model.Ownership;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.testkit.contract.AbstractDnsBackendContractTest;
import io.kuberoute.testkit.dns.DnsServerExtension;
import java.time.Duration;

/**
 * The shared backend contract against a real server, with {@code rfc2136.zones} naming the two
 * contract zones. Records seeded "by someone else" are written by a signed update of their own,
 * with a mark only when the seed has an owner.
 */
abstract class Rfc2136ContractSuite extends AbstractDnsBackendContractTest {

  static final String CONTRACT_ZONE = "contract.test";
  static final String OTHER_ZONE = "other-contract.test";

  abstract DnsServerExtension dns();

  private DnsBackend backend(String ownerId) {
    Rfc2136Settings settings =
        Rfc2136Settings.defaults("127.0.0.1")
            .withPort(dns().server().port())
            .withZones(CONTRACT_ZONE, OTHER_ZONE)
            .withTsig(SyncFixtures.tsig(dns().server().key()))
            .withTimeout(Duration.ofSeconds(5));
    return Rfc2136DnsBackend.create(settings, ownerId);
  }

  @Override
  protected DnsBackend newBackend(String ownerId) {
    new ZoneAdmin(dns().server()).wipe(CONTRACT_ZONE, OTHER_ZONE);
    return backend(ownerId);
  }

  @Override
  protected DnsBackend restart(DnsBackend old, String ownerId) {
    old.close();
    return backend(ownerId);
  }

  @Override
  protected void seed(RecordSet record, Ownership ownership) {
    String zone = record.name().isWithin(otherDomain()) ? OTHER_ZONE : CONTRACT_ZONE;
    new ZoneAdmin(dns().server()).seed(zone, record, ownership);
  }
}
