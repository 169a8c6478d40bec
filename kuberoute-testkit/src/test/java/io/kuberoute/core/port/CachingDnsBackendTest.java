package io.kuberoute.core.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kuberoute.core.DnsBackendException;
import io.kuberoute.core.model.CurrentRecord;
import io.kuberoute.core.model.DesiredRecord;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.DomainFilter;
import io.kuberoute.core.model.Ownership;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import io.kuberoute.core.plan.ChangeSet;
import io.kuberoute.core.plan.RecordUpdate;
import io.kuberoute.testkit.fixtures.InMemoryDnsBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one read cache, over the in-memory backend, with every read that reaches it recorded. */
class CachingDnsBackendTest {

  private static final String OWNER = "kuberoute";
  private static final String SHOP = "service/default/shop";
  private static final DnsName EXAMPLE = DnsName.of("example.com");
  private static final DnsName OTHER = DnsName.of("other.test");
  private static final ReadScope FULL =
      ReadScope.of(List.of(EXAMPLE), Set.of(OWNER), DomainFilter.ALL);

  private final InMemoryDnsBackend store = new InMemoryDnsBackend(OWNER);
  private final Recording recording = new Recording(store);
  private final DnsBackend cache = CachingDnsBackend.wrap(recording, OWNER);

  @Test
  void aReadWithoutRefreshAfterAFullReadAndWritesMakesNoBackendCallAndShowsTheWrites() {
    RecordSet blog = a("blog.example.com", "10.0.0.3");
    store.seed(blog, Ownership.ownedBy(OWNER, SHOP));
    cache.read(FULL, true);
    RecordSet shop = a("shop.example.com", "10.0.0.1");
    RecordSet moved = a("blog.example.com", "10.0.0.4");

    ApplyResult result =
        cache.apply(
            new ChangeSet(
                List.of(create(shop)), List.of(new RecordUpdate(blog, moved, SHOP)), List.of()));
    ZoneState cached = cache.read(FULL, false);
    ZoneState event =
        cache.read(
            ReadScope.of(List.of(DnsName.of("shop.example.com")), Set.of(), DomainFilter.ALL),
            false);

    assertThat(result.isComplete()).isTrue();
    assertThat(recording.scopes).containsExactly(FULL);
    assertThat(cached.records())
        .containsExactlyInAnyOrder(
            new CurrentRecord(shop, Ownership.ownedBy(OWNER, SHOP)),
            new CurrentRecord(moved, Ownership.ownedBy(OWNER, SHOP)));
    assertThat(cached.records())
        .containsExactlyInAnyOrderElementsOf(store.read(FULL, true).records());
    assertThat(event.records())
        .containsExactly(new CurrentRecord(shop, Ownership.ownedBy(OWNER, SHOP)));
  }

  @Test
  void aReadWithRefreshGoesToTheBackendAndSeesWhatChangedBehindTheCache() {
    cache.read(FULL, true);
    RecordSet manual = a("manual.example.com", "192.0.2.1");
    store.seed(manual, Ownership.unowned());

    assertThat(cache.read(FULL, false).records()).isEmpty();
    assertThat(cache.read(FULL, true).records())
        .containsExactly(new CurrentRecord(manual, Ownership.unowned()));
    assertThat(recording.scopes).containsExactly(FULL, FULL);
    assertThat(recording.refreshes).containsExactly(true, true);
  }

  @Test
  void aPartiallyAppliedChangeUpdatesTheCacheOnlyForTheNamesThatApplied() {
    RecordSet shop = a("shop.example.com", "10.0.0.1");
    RecordSet api = a("api.example.com", "10.0.0.2");
    cache.read(FULL, true);
    store.failName(DnsName.of("api.example.com"));

    ApplyResult result =
        cache.apply(new ChangeSet(List.of(create(shop), create(api)), List.of(), List.of()));

    assertThat(result.failedNames()).containsOnlyKeys(DnsName.of("api.example.com"));
    // behind the cache: someone puts a record at the failed name and one at a name the cache holds
    RecordSet theirs = a("api.example.com", "192.0.2.7");
    store.seed(theirs, Ownership.ownedBy("someone-else"));
    store.seed(a("www.example.com", "192.0.2.8"), Ownership.unowned());
    recording.scopes.clear();

    ZoneState next = cache.read(FULL, false);

    // only the failed name is read again; the rest is answered from what applied
    assertThat(recording.scopes)
        .containsExactly(
            new ReadScope(Set.of(DnsName.of("api.example.com")), Set.of(), DomainFilter.ALL));
    assertThat(next.records())
        .containsExactlyInAnyOrder(
            new CurrentRecord(shop, Ownership.ownedBy(OWNER, SHOP)),
            new CurrentRecord(theirs, Ownership.ownedBy("someone-else")));
    recording.scopes.clear();
    cache.read(FULL, false);
    assertThat(recording.scopes).as("read again once, then held").isEmpty();
  }

  @Test
  void aWriteThatThrowsLeavesEveryNameOfItsChangeSetToBeReadAgain() {
    cache.read(FULL, true);
    store.setUnreachable(true);
    ChangeSet changes =
        new ChangeSet(
            List.of(
                create(a("shop.example.com", "10.0.0.1")),
                create(a("api.example.com", "10.0.0.2"))),
            List.of(),
            List.of());

    assertThatThrownBy(() -> cache.apply(changes))
        .isInstanceOf(DnsBackendException.class)
        .hasMessage("in-memory DNS is unreachable");
    store.setUnreachable(false);
    recording.scopes.clear();
    ZoneState next = cache.read(FULL, false);

    assertThat(recording.scopes)
        .containsExactly(
            new ReadScope(
                Set.of(DnsName.of("api.example.com"), DnsName.of("shop.example.com")),
                Set.of(),
                DomainFilter.ALL));
    assertThat(next.records()).isEmpty();
  }

  @Test
  void aDomainOrOwnerIdNoReadCoveredGoesToTheBackendForThatAlone() {
    RecordSet elsewhere = a("solo.other.test", "10.0.0.9");
    store.seed(elsewhere, Ownership.ownedBy("previous"));
    RecordSet there = a("www.other.test", "10.0.0.8");
    store.seed(there, Ownership.unowned());
    cache.read(FULL, true);
    recording.scopes.clear();

    ZoneState wider =
        cache.read(
            ReadScope.of(List.of(EXAMPLE, OTHER), Set.of(OWNER, "previous"), DomainFilter.ALL),
            false);

    assertThat(recording.scopes)
        .containsExactly(new ReadScope(Set.of(OTHER), Set.of("previous"), DomainFilter.ALL));
    assertThat(wider.records())
        .containsExactlyInAnyOrder(
            new CurrentRecord(elsewhere, Ownership.ownedBy("previous")),
            new CurrentRecord(there, Ownership.unowned()));
    recording.scopes.clear();
    assertThat(
            cache.read(ReadScope.domains(List.of(DnsName.of("www.other.test"))), false).records())
        .containsExactly(new CurrentRecord(there, Ownership.unowned()));
    assertThat(recording.scopes).as("a name inside a domain read before is held").isEmpty();
  }

  @Test
  void aDomainThatFailedToReadIsReadAgainWhileTheOthersAreHeld() {
    store.failDomain(OTHER, "zone other.test is unreadable");
    ReadScope both = ReadScope.of(List.of(EXAMPLE, OTHER), Set.of(), DomainFilter.ALL);
    assertThat(cache.read(both, true).failedDomains()).containsOnlyKeys(OTHER);
    recording.scopes.clear();

    ZoneState again = cache.read(both, false);

    assertThat(again.failedDomains()).isEqualTo(Map.of(OTHER, "zone other.test is unreadable"));
    assertThat(recording.scopes)
        .containsExactly(new ReadScope(Set.of(OTHER), Set.of(), DomainFilter.ALL));
  }

  @Test
  void aFreshWrapperHoldsNothingSoItsFirstReadGoesToTheBackendEvenWithoutRefresh() {
    cache.read(FULL, true);
    cache.apply(
        new ChangeSet(List.of(create(a("shop.example.com", "10.0.0.1"))), List.of(), List.of()));
    RecordSet manual = a("manual.example.com", "192.0.2.1");
    store.seed(manual, Ownership.unowned());
    Recording afterRestart = new Recording(store);
    DnsBackend fresh = CachingDnsBackend.wrap(afterRestart, OWNER);

    ZoneState first = fresh.read(FULL, false);

    assertThat(afterRestart.scopes).containsExactly(FULL);
    assertThat(first.records())
        .extracting(c -> c.record().name().value())
        .containsExactlyInAnyOrder("shop.example.com", "manual.example.com");
  }

  @Test
  void anotherFilterStartsOverWithTheWholeScope() {
    cache.read(FULL, true);
    ReadScope filtered =
        ReadScope.of(List.of(EXAMPLE), Set.of(OWNER), DomainFilter.of("shop.example.com"));
    recording.scopes.clear();

    cache.read(filtered, false);
    cache.read(filtered, false);

    assertThat(recording.scopes).containsExactly(filtered);
  }

  @Test
  void wrappingTwiceKeepsOneCacheAndTheWrapperSpeaksForTheBackend() {
    assertThat(CachingDnsBackend.wrap(cache, OWNER)).isSameAs(cache);
    assertThat(cache.ownerId()).contains(OWNER);
    assertThat(((CachingDnsBackend) cache).backend()).isSameAs(recording);
  }

  @Test
  void
      aReadOfAFewNamesAnswersExactlyWhatThePassOverEveryRecordGaveWithinSubtreesAndNotBesideThem() {
    // names that share prefixes and suffixes with one another: "shop", "shop-2", "xshop", a child
    String[] labels = {"shop", "shop-2", "xshop", "s", "a.shop", "b.a.shop", "shop.a", "_t.shop"};
    java.util.Random random = new java.util.Random(7);
    List<DnsName> names = new ArrayList<>();
    for (String label : labels) {
      for (String zone : List.of("example.com", "other.test")) {
        names.add(DnsName.of(label + "." + zone));
      }
    }
    for (DnsName name : names) {
      store.seed(a(name.value(), "10.0.0.1"), Ownership.ownedBy(OWNER, SHOP));
      if (random.nextBoolean()) {
        store.seed(RecordSet.of(name, RecordType.TXT, 60, List.of("\"v\"")), Ownership.unowned());
      }
    }
    ReadScope all = ReadScope.of(List.of(EXAMPLE, OTHER), Set.of(OWNER), DomainFilter.ALL);
    cache.read(all, true);
    // a write, so that the answer is what was read as changed since, not only what was read
    DnsName moved = DnsName.of("a.shop.example.com");
    cache.apply(
        new ChangeSet(
            List.of(),
            List.of(
                new RecordUpdate(a(moved.value(), "10.0.0.1"), a(moved.value(), "10.0.0.9"), SHOP)),
            List.of(a("s.other.test", "10.0.0.1"))));

    for (int round = 0; round < 200; round++) {
      List<DnsName> asked = new ArrayList<>();
      int n = 1 + random.nextInt(4);
      for (int i = 0; i < n; i++) {
        asked.add(names.get(random.nextInt(names.size())));
      }
      ReadScope scope = ReadScope.of(asked, Set.of(), DomainFilter.ALL);
      assertThat(cache.read(scope, false).records())
          .as("round %d, %s", round, asked)
          .containsExactlyElementsOf(store.read(scope, true).records());
    }
    assertThat(recording.scopes).as("every answer came from the cache").containsExactly(all);
  }

  private static RecordSet a(String name, String... ips) {
    return RecordSet.of(DnsName.of(name), RecordType.A, 60, List.of(ips));
  }

  private static DesiredRecord create(RecordSet r) {
    return new DesiredRecord(r, SHOP);
  }

  /** Passes every call on, and records the reads. */
  private static final class Recording implements DnsBackend {
    final DnsBackend delegate;
    final List<ReadScope> scopes = new ArrayList<>();
    final List<Boolean> refreshes = new ArrayList<>();

    Recording(DnsBackend delegate) {
      this.delegate = delegate;
    }

    @Override
    public ZoneState read(ReadScope scope, boolean refresh) {
      scopes.add(scope);
      refreshes.add(refresh);
      return delegate.read(scope, refresh);
    }

    @Override
    public ApplyResult apply(ChangeSet changes) {
      return delegate.apply(changes);
    }

    @Override
    public java.util.Optional<String> ownerId() {
      return delegate.ownerId();
    }
  }
}
