package io.kuberoute.dns.skydns;

import io.kuberoute.core.config.ConfigSection;
import io.kuberoute.core.model.Ownership;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.testkit.contract.AbstractDnsBackendContractTest;
import io.kuberoute.testkit.etcd.EtcdExtension;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shared backend contract against a real etcd. Records seeded "by someone else" are written the
 * way the original kuberoute did ({@code x1..xN} leaves, no {@code ttl} unless needed), with an
 * {@code owner} field only when the seed has an owner (and a {@code resource} when it has one), in
 * any domain under the prefix.
 */
class SkyDnsContractIT extends AbstractDnsBackendContractTest {

  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();

  @Override
  protected DnsBackend newBackend(String ownerId) {
    ETCD.keys().deleteAll();
    return backend(ownerId);
  }

  /** A new backend over the keys the last one left: a restarted process. */
  @Override
  protected DnsBackend restart(DnsBackend old, String ownerId) {
    old.close();
    return backend(ownerId);
  }

  private static DnsBackend backend(String ownerId) {
    return SkyDnsDnsBackend.create(
        SkyDnsSettings.fromConfig(
            new ConfigSection("skydns", Map.of("endpoints", ETCD.server().endpoint()))),
        ownerId);
  }

  @Override
  protected void seed(RecordSet record, Ownership ownership) {
    SyncFixtures.foreignKeys(record, ownership).forEach(ETCD.keys()::put);
  }
}
