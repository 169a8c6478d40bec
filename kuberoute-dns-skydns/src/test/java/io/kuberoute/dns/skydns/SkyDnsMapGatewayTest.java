package io.kuberoute.dns.skydns;

import static io.kuberoute.dns.skydns.SyncFixtures.published;
import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.core.model.CurrentRecord;
import io.kuberoute.core.model.DesiredRecord;
import io.kuberoute.core.model.DomainFilter;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import io.kuberoute.core.plan.ChangeSet;
import io.kuberoute.core.plan.RecordUpdate;
import io.kuberoute.core.port.CachingDnsBackend;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.core.port.ReadScope;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The backend's calls over the {@link EtcdGateway} seam, counted on a {@link MapEtcdGateway}. */
class SkyDnsMapGatewayTest {

  private static final ReadScope DISCOVER =
      ReadScope.of(List.of(), Set.of("kuberoute"), DomainFilter.ALL);

  private final MapEtcdGateway store = new MapEtcdGateway();
  private final SkyDnsDnsBackend backend = SkyDnsDnsBackend.create(store, "/skydns", "kuberoute");

  @AfterEach
  void close() {
    backend.close();
  }

  private void seed(int names) {
    for (int i = 0; i < names; i++) {
      published("n" + i + ".d" + (i % 3) + ".test", "10.0.0.1").forEach(store::put);
    }
  }

  @Test
  void discoveryReadsThePrefixInPagesAndThroughTheCachingWrapperAReadWithoutRefreshMakesNoCall() {
    seed(2 * EtcdGateway.PAGE_SIZE + 1);
    DnsBackend cached = CachingDnsBackend.wrap(backend, "kuberoute");

    assertThat(cached.read(DISCOVER, true).records()).hasSize(2 * EtcdGateway.PAGE_SIZE + 1);
    assertThat(store.pages()).isEqualTo(3);
    assertThat(cached.read(DISCOVER, false).records()).hasSize(2 * EtcdGateway.PAGE_SIZE + 1);
    assertThat(store.pages()).isEqualTo(3);
    assertThat(backend.read(DISCOVER, false).records())
        .as("the backend itself reads every time")
        .hasSize(2 * EtcdGateway.PAGE_SIZE + 1);
    assertThat(store.pages()).isEqualTo(6);
  }

  @Test
  void exactlyOnePageOfKeysIsOneCall() {
    seed(EtcdGateway.PAGE_SIZE);

    assertThat(backend.read(DISCOVER, true).records()).hasSize(EtcdGateway.PAGE_SIZE);
    assertThat(store.pages()).isEqualTo(1);
  }

  @Test
  void
      writesAreOneCommitPerNameAndThroughTheCachingWrapperReadsWithoutRefreshFollowThemWithoutACall() {
    seed(10);
    DnsBackend cached = CachingDnsBackend.wrap(backend, "kuberoute");
    cached.read(DISCOVER, true);
    RecordSet shop = RecordSet.of("shop.d0.test", RecordType.A, 60, "10.0.0.2");
    RecordSet n1 = RecordSet.of("n1.d1.test", RecordType.A, 60, "10.0.0.1");
    RecordSet n1moved = RecordSet.of("n1.d1.test", RecordType.A, 60, "10.0.0.3");

    assertThat(
            cached
                .apply(
                    new ChangeSet(
                        List.of(new DesiredRecord(shop, "service/default/shop")),
                        List.of(new RecordUpdate(n1, n1moved, "service/default/n1")),
                        List.of(RecordSet.of("n2.d2.test", RecordType.A, 60, "10.0.0.1"))))
                .failedNames())
        .isEmpty();

    assertThat(store.commits()).isEqualTo(3);
    assertThat(cached.read(DISCOVER, false).records())
        .extracting(CurrentRecord::record)
        .hasSize(10)
        .contains(shop, n1moved)
        .doesNotContain(n1);
    assertThat(store.pages()).isEqualTo(1);
  }

  @Test
  void aWriteTheGuardsRefuseDropsWhatIsKeptSoTheNextReadGoesToTheStore() {
    seed(2);
    backend.read(DISCOVER, true);
    RecordSet n0 = RecordSet.of("n0.d0.test", RecordType.A, 60, "10.0.0.1");
    // another writer changes the name after the read
    published("n0.d0.test", "10.0.0.1")
        .forEach((k, v) -> store.put(k, v.replace("\"ttl\":60", "\"ttl\":30")));

    assertThat(
            backend
                .apply(
                    new ChangeSet(
                        List.of(),
                        List.of(
                            new RecordUpdate(
                                n0,
                                RecordSet.of("n0.d0.test", RecordType.A, 60, "10.0.0.9"),
                                "service/default/n0")),
                        List.of()))
                .failedNames())
        .containsOnlyKeys(n0.name());
    assertThat(backend.read(DISCOVER, false).records())
        .extracting(CurrentRecord::record)
        .contains(RecordSet.of("n0.d0.test", RecordType.A, 30, "10.0.0.1"));
    assertThat(store.pages()).isEqualTo(2);
  }
}
