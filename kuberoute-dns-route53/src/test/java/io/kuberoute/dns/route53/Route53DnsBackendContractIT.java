package io.kuberoute.dns.route53;

import io.kuberoute.core.model.Ownership;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.core.testing.AbstractDnsBackendContractTest;
import org.junit.jupiter.api.AfterEach;

/** The shared backend contract, against the Route53 test server. */
class Route53DnsBackendContractIT extends AbstractDnsBackendContractTest {

  private Route53TestServer server;
  private String zone;
  private String otherZone;

  @Override
  protected DnsBackend newBackend(String ownerId) {
    server = Route53TestServer.start();
    zone = server.createZone(domain().value());
    otherZone = server.createZone(otherDomain().value());
    return Route53DnsBackend.create(Route53Fixtures.settings(server), ownerId, Route53Fixtures.FAST_RETRIES);
  }

  @Override
  protected void seed(RecordSet record, Ownership ownership) {
    String zoneId = record.name().isWithin(domain()) ? zone : otherZone;
    server.put(zoneId, Route53Fixtures.serverSet(record));
    ownership.owner().ifPresent(
        owner -> server.put(zoneId, "_kuberoute." + record.name(), "TXT", 300,
            OwnershipMark.value(owner, ownership.resource().orElse(RESOURCE))));
  }

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }
}
