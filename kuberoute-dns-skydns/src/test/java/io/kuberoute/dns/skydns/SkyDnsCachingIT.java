package io.kuberoute.dns.skydns;

import static io.kuberoute.dns.skydns.SyncFixtures.json;
import static io.kuberoute.dns.skydns.SyncFixtures.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.core.model.CurrentRecord;
import io.kuberoute.core.model.DesiredRecord;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.DomainFilter;
import io.kuberoute.core.model.Ownership;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import io.kuberoute.core.plan.ChangeSet;
import io.kuberoute.core.plan.RecordUpdate;
import io.kuberoute.core.port.ApplyResult;
import io.kuberoute.core.port.CachingDnsBackend;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.core.port.ReadScope;
import io.kuberoute.testkit.etcd.EtcdExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The core's one read cache ({@link CachingDnsBackend}) over the SkyDNS backend and a real etcd,
 * counting the range calls etcd receives.
 */
class SkyDnsCachingIT {

  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();

  private static final String OWNER = "kuberoute";
  private static final String SHOP = "service/default/shop";
  private static final String BLOG = "service/default/blog";
  private static final ReadScope FULL =
      ReadScope.of(List.of(DnsName.of("example.com")), Set.of(OWNER), DomainFilter.ALL);

  private final List<DnsBackend> opened = new ArrayList<>();

  @BeforeEach
  void empty() {
    ETCD.keys().deleteAll();
  }

  @AfterEach
  void close() {
    opened.forEach(DnsBackend::close);
  }

  private DnsBackend backend() {
    DnsBackend b = SkyDnsDnsBackend.create(SyncFixtures.settings(ETCD.server()), OWNER);
    opened.add(b);
    return b;
  }

  private static long ranges() {
    return ETCD.server().kvCalls("Range");
  }

  private static RecordSet a(String name, String... ips) {
    return RecordSet.of(DnsName.of(name), RecordType.A, 60, List.of(ips));
  }

  @Test
  void aReadWithoutRefreshMakesNoRangeCallAndFollowsTheWritesAReadWithRefreshReadsEtcd() {
    DnsBackend cached = CachingDnsBackend.wrap(backend(), OWNER);
    long before = ranges();
    cached.read(FULL, true);
    assertThat(ranges() - before).as("a full read: the prefix in one page").isEqualTo(1);
    RecordSet shop = a("shop.example.com", "10.0.0.1");
    assertThat(
            cached
                .apply(new ChangeSet(List.of(new DesiredRecord(shop, SHOP)), List.of(), List.of()))
                .failedNames())
        .isEmpty();
    ETCD.keys().put(key("manual.example.com", "192.0.2.1"), "{\"host\":\"192.0.2.1\",\"ttl\":60}");
    before = ranges();

    List<CurrentRecord> event = cached.read(FULL, false).records();

    assertThat(ranges() - before).as("a read without refresh").isZero();
    assertThat(event).containsExactly(new CurrentRecord(shop, Ownership.ownedBy(OWNER, SHOP)));
    List<CurrentRecord> full = cached.read(FULL, true).records();
    assertThat(ranges() - before).as("a read with refresh").isEqualTo(1);
    assertThat(full)
        .extracting(c -> c.record().name().value())
        .containsExactlyInAnyOrder("shop.example.com", "manual.example.com");
  }

  @Test
  void aPartlyAppliedWriteIsHeldForTheNameThatAppliedAndTheRefusedNameAloneIsReadAgain() {
    DnsBackend cached = CachingDnsBackend.wrap(backend(), OWNER);
    RecordSet shop = a("shop.example.com", "10.0.0.1");
    RecordSet blog = a("blog.example.com", "10.0.0.3");
    cached.read(FULL, true);
    cached.apply(
        new ChangeSet(
            List.of(new DesiredRecord(shop, SHOP), new DesiredRecord(blog, BLOG)),
            List.of(),
            List.of()));
    // another writer changes blog's key after the write: the guard of blog's next transaction fails
    ETCD.keys()
        .put(
            key("blog.example.com", "10.0.0.3"),
            json("10.0.0.3", 30, OWNER, BLOG, "blog.example.com"));
    RecordSet shopMoved = a("shop.example.com", "10.0.0.2");

    ApplyResult result =
        cached.apply(
            new ChangeSet(
                List.of(),
                List.of(
                    new RecordUpdate(shop, shopMoved, SHOP),
                    new RecordUpdate(blog, a("blog.example.com", "10.0.0.4"), BLOG)),
                List.of()));
    long before = ranges();
    List<CurrentRecord> next = cached.read(FULL, false).records();
    long afterNext = ranges();
    cached.read(FULL, false);

    assertThat(result.failedNames()).containsOnlyKeys(DnsName.of("blog.example.com"));
    assertThat(afterNext - before).as("only blog's range is read again").isEqualTo(1);
    assertThat(ranges() - afterNext).as("then it is held").isZero();
    assertThat(next)
        .containsExactlyInAnyOrder(
            new CurrentRecord(shopMoved, Ownership.ownedBy(OWNER, SHOP)),
            new CurrentRecord(
                RecordSet.of(DnsName.of("blog.example.com"), RecordType.A, 30, List.of("10.0.0.3")),
                Ownership.ownedBy(OWNER, BLOG)));
  }

  @Test
  void aFreshWrapperOverAFreshBackendReadsEtcdFirstEvenWithoutRefresh() {
    DnsBackend first = CachingDnsBackend.wrap(backend(), OWNER);
    first.read(FULL, true);
    RecordSet shop = a("shop.example.com", "10.0.0.1");
    first.apply(new ChangeSet(List.of(new DesiredRecord(shop, SHOP)), List.of(), List.of()));
    first.close();
    ETCD.keys().put(key("manual.example.com", "192.0.2.1"), "{\"host\":\"192.0.2.1\",\"ttl\":60}");

    DnsBackend restarted = CachingDnsBackend.wrap(backend(), OWNER);
    long before = ranges();
    List<CurrentRecord> read = restarted.read(FULL, false).records();

    assertThat(ranges() - before).isEqualTo(1);
    assertThat(read)
        .extracting(c -> c.record().name().value())
        .containsExactlyInAnyOrder("shop.example.com", "manual.example.com");
  }
}
