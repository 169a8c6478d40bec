package io.kuberoute.dns.skydns;

import io.kuberoute.core.model.Ownership;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.testkit.contract.AbstractDnsBackendContractTest;

/**
 * The shared backend contract with the backend over a map instead of etcd ({@link MapEtcdGateway}):
 * the backend depends on nothing but the {@link EtcdGateway} seam.
 */
class SkyDnsMapGatewayContractTest extends AbstractDnsBackendContractTest {

  private MapEtcdGateway store;

  @Override
  protected DnsBackend newBackend(String ownerId) {
    store = new MapEtcdGateway();
    return SkyDnsDnsBackend.create(store, "/skydns", ownerId);
  }

  @Override
  protected DnsBackend restart(DnsBackend old, String ownerId) {
    old.close();
    return SkyDnsDnsBackend.create(store, "/skydns", ownerId);
  }

  @Override
  protected void seed(RecordSet record, Ownership ownership) {
    SyncFixtures.foreignKeys(record, ownership).forEach(store::put);
  }
}
