package io.kuberoute.dns.route53;

import io.kuberoute.core.model.Ownership;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.testkit.contract.AbstractDnsBackendContractTest;
import io.kuberoute.testkit.route53.Route53TestServer;
import org.junit.jupiter.api.AfterEach;

/**
 * The shared backend contract, against the Route53 test server: one server per test with a zone for
 * each of the contract's two domains; a restarted backend is a new backend (new SDK client, empty
 * caches) over the same server.
 */
class Route53DnsBackendContractIT extends AbstractDnsBackendContractTest {

  private Route53TestServer server;
  private String zone;
  private String otherZone;

  @Override
  protected DnsBackend newBackend(String ownerId) {
    if (server != null) {
      server.close();
    }
    server = Route53TestServer.start();
    zone = server.createZone(domain().value());
    otherZone = server.createZone(otherDomain().value());
    return backendOverTheServer(ownerId);
  }

  @Override
  protected DnsBackend restart(DnsBackend old, String ownerId) {
    old.close();
    return backendOverTheServer(ownerId);
  }

  private DnsBackend backendOverTheServer(String ownerId) {
    return Route53DnsBackend.create(
        Route53Fixtures.settings(server), ownerId, Route53Fixtures.FAST_RETRIES);
  }

  @Override
  protected void seed(RecordSet record, Ownership ownership) {
    String zoneId = record.name().isWithin(domain()) ? zone : otherZone;
    server.put(zoneId, Route53Fixtures.serverSet(record));
    ownership
        .owner()
        .ifPresent(
            owner ->
                server.put(
                    zoneId,
                    "_kuberoute." + record.name(),
                    "TXT",
                    300,
                    OwnershipMark.value(owner, ownership.resource().orElse(RESOURCE))));
  }

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.close();
      server = null;
    }
  }
}
