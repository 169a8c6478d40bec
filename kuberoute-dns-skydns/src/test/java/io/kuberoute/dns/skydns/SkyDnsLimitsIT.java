package io.kuberoute.dns.skydns;

import static io.kuberoute.dns.skydns.SyncFixtures.json;
import static io.kuberoute.dns.skydns.SyncFixtures.key;
import static io.kuberoute.dns.skydns.SyncFixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.kuberoute.core.app.SyncError;
import io.kuberoute.core.app.SyncResult;
import io.kuberoute.core.app.SyncTrigger;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.core.port.ZoneState;
import io.kuberoute.testkit.etcd.EtcdExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sizes beyond one page of a range read and beyond one etcd transaction. */
class SkyDnsLimitsIT {

  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();
  private final SyncFixtures fx = new SyncFixtures();

  @BeforeEach
  void empty() {
    ETCD.keys().deleteAll();
  }

  @Test
  void aDomainLargerThanOnePageIsReadCompletelyInPages() throws Exception {
    int names = 2 * EtcdGateway.PAGE_SIZE + 500;
    List<CompletableFuture<?>> puts = new ArrayList<>();
    try (Client client = Client.builder().endpoints(ETCD.server().endpoint()).build()) {
      for (int i = 0; i < names; i++) {
        String name = "n" + i + ".example.com";
        String ip = "10.1." + (i / 256) + "." + (i % 256);
        puts.add(
            client
                .getKVClient()
                .put(
                    bytes(key(name, ip)),
                    bytes(json(ip, 60, "kuberoute", "service/default/n" + i, name))));
      }
      CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    }
    DnsBackend backend = SkyDnsDnsBackend.create(SyncFixtures.settings(ETCD.server()), "kuberoute");
    long ranges = ETCD.server().kvCalls("Range");

    ZoneState state = backend.read(List.of(DnsName.of("example.com")), true);

    assertThat(ETCD.server().kvCalls("Range") - ranges).isEqualTo(3);
    assertThat(state.failedDomains()).isEmpty();
    assertThat(state.records()).hasSize(names);
    assertThat(state.records())
        .extracting(c -> c.ownership().owner())
        .containsOnly(Optional.of("kuberoute"));
    assertThat(state.records().stream().map(r -> r.record().name().value()))
        .contains("n0.example.com", "n1999.example.com", "n2499.example.com");
    backend.close();
  }

  @Test
  void aNameWithMoreKeysThanOneTransactionAllowsFailsAloneWithAHint() {
    DnsBackend backend = SkyDnsDnsBackend.create(SyncFixtures.settings(ETCD.server()), "kuberoute");
    List<String> many = new ArrayList<>();
    for (int i = 1; i <= 130; i++) {
      many.add("10.2.0." + i);
    }
    fx.set(
        List.of(service("big", "big", "example.com"), service("api", "api", "example.com")),
        Map.of("big", many, "api", List.of("10.0.0.1")));

    SyncResult r = fx.service(backend).sync(SyncTrigger.FULL);

    assertThat(r.errors())
        .extracting(SyncError::message)
        .containsExactly(
            "writing big.example.com failed: etcd at "
                + ETCD.server().endpoint()
                + " could not write big.example.com in one transaction (etcdserver: too many operations in"
                + " txn request); raise etcd's --max-txn-ops");
    assertThat(ETCD.keys().all("/skydns/"))
        .isEqualTo(SyncFixtures.published("api.example.com", "10.0.0.1"));
    backend.close();
  }

  private static ByteSequence bytes(String s) {
    return ByteSequence.from(s, StandardCharsets.UTF_8);
  }
}
