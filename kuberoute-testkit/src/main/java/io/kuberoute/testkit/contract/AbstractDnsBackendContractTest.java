package io.kuberoute.testkit.contract;

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
import io.kuberoute.core.port.ZoneState;
import io.kuberoute.testkit.fixtures.MutableClusterSource;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link DnsBackend} must show. A backend's test extends this class, sets up
 * its server with a zone for {@link #domain()} (and {@link #otherDomain()}), and implements the
 * three hooks. Each test starts from an empty zone.
 *
 * <p>{@link #seed} may be asked for records in {@link #otherDomain()} with any mark, including
 * {@code previous-owner}; discovery must find those of the owner ids it is given wherever they are.
 */
public abstract class AbstractDnsBackendContractTest {

  protected static final String OWNER = "contract-owner";
  protected static final String RESOURCE = "service/default/shop";

  private DnsBackend backend;

  /** A fresh backend writing as {@code ownerId}, over an empty zone for {@link #domain()}. */
  protected abstract DnsBackend newBackend(String ownerId) throws Exception;

  /** Writes {@code record} straight into the DNS service with the given mark (or none). */
  protected abstract void seed(RecordSet record, Ownership ownership) throws Exception;

  /**
   * Stops {@code old} and starts a fresh backend over the same DNS state, as a restarted process
   * would. A backend whose state is the DNS itself (in memory) returns {@code old}.
   */
  protected DnsBackend restart(DnsBackend old, String ownerId) throws Exception {
    old.close();
    return newBackend(ownerId);
  }

  /** The domain the tests write under; the backend's zone must cover it. */
  protected DnsName domain() {
    return DnsName.of("contract.test");
  }

  /**
   * A second domain, also covered by a zone, that the tests must never see in {@link #domain()}.
   */
  protected DnsName otherDomain() {
    return DnsName.of("other-contract.test");
  }

  @BeforeEach
  void createBackend() throws Exception {
    backend = newBackend(OWNER);
  }

  @AfterEach
  void closeBackend() {
    if (backend != null) {
      backend.close();
    }
  }

  protected DnsBackend backend() {
    return backend;
  }

  protected DnsName name(String relative) {
    return domain().prepend(relative);
  }

  protected RecordSet a(String relative, String... ips) {
    return RecordSet.of(name(relative), RecordType.A, 60, List.of(ips));
  }

  protected ZoneState read() {
    return backend.read(List.of(domain()), true);
  }

  protected Set<RecordSet> records() {
    return read().records().stream().map(CurrentRecord::record).collect(Collectors.toSet());
  }

  protected CurrentRecord current(RecordSet r) {
    return read().records().stream()
        .filter(c -> c.key().equals(r.key()))
        .findFirst()
        .orElseThrow(() -> new AssertionError(r.key() + " not found"));
  }

  protected ApplyResult apply(ChangeSet changes) {
    return backend.apply(changes);
  }

  protected static ChangeSet creates(RecordSet... records) {
    return new ChangeSet(
        java.util.Arrays.stream(records).map(r -> new DesiredRecord(r, RESOURCE)).toList(),
        List.of(),
        List.of());
  }

  @Test
  void anEmptyZoneReadsAsNoRecords() {
    assertThat(read().records()).isEmpty();
    assertThat(read().failedDomains()).isEmpty();
  }

  @Test
  void createdRecordsReadBackExactlyAndOwned() {
    RecordSet shop = a("shop", "10.0.0.2", "10.0.0.1");
    RecordSet v6 = RecordSet.of(name("shop"), RecordType.AAAA, 60, List.of("2001:db8::1"));
    RecordSet alias = RecordSet.of(name("www"), RecordType.CNAME, 300, List.of("shop." + domain()));

    ApplyResult result = apply(creates(shop, v6, alias));

    assertThat(result.failedNames()).isEmpty();
    assertThat(records()).containsExactlyInAnyOrder(shop, v6, alias);
    assertThat(current(shop).ownership().isOwnedBy(OWNER)).isTrue();
    assertThat(current(alias).ownership().isOwnedBy(OWNER)).isTrue();
  }

  @Test
  void anUpdateReplacesTheTargetsExactly() {
    RecordSet three = a("shop", "10.0.0.1", "10.0.0.2", "10.0.0.3");
    apply(creates(three));
    RecordSet two = a("shop", "10.0.0.1", "10.0.0.3");

    ApplyResult result =
        apply(new ChangeSet(List.of(), List.of(new RecordUpdate(three, two, RESOURCE)), List.of()));

    assertThat(result.failedNames()).isEmpty();
    assertThat(records()).containsExactly(two);
  }

  @Test
  void anUpdateChangesTheTtl() {
    RecordSet before = a("shop", "10.0.0.1");
    apply(creates(before));
    RecordSet after = RecordSet.of(name("shop"), RecordType.A, 120, List.of("10.0.0.1"));

    apply(new ChangeSet(List.of(), List.of(new RecordUpdate(before, after, RESOURCE)), List.of()));

    assertThat(records()).containsExactly(after);
  }

  @Test
  void aTypeChangeReplacesAddressesByACname() {
    RecordSet addresses = a("shop", "10.0.0.1", "10.0.0.2");
    apply(creates(addresses));
    RecordSet failover =
        RecordSet.of(name("shop"), RecordType.CNAME, 60, List.of("failover.example.org"));

    ApplyResult result =
        apply(
            new ChangeSet(
                List.of(new DesiredRecord(failover, RESOURCE)), List.of(), List.of(addresses)));

    assertThat(result.failedNames()).isEmpty();
    assertThat(records()).containsExactly(failover);

    ApplyResult back =
        apply(
            new ChangeSet(
                List.of(new DesiredRecord(addresses, RESOURCE)), List.of(), List.of(failover)));
    assertThat(back.failedNames()).isEmpty();
    assertThat(records()).containsExactly(addresses);
  }

  @Test
  void aDeleteRemovesOnlyThatRecordSet() {
    RecordSet shop = a("shop", "10.0.0.1");
    RecordSet shop2 = a("shop2", "10.0.0.2");
    RecordSet child = a("a.shop", "10.0.0.3");
    apply(creates(shop, shop2, child));

    apply(new ChangeSet(List.of(), List.of(), List.of(shop)));

    assertThat(records()).containsExactlyInAnyOrder(shop2, child);
  }

  @Test
  void anEmptyChangeSetChangesNothing() {
    RecordSet shop = a("shop", "10.0.0.1");
    apply(creates(shop));

    ApplyResult result = apply(ChangeSet.EMPTY);

    assertThat(result.failedNames()).isEmpty();
    assertThat(records()).containsExactly(shop);
  }

  @Test
  void recordsOfAnotherOwnerReadWithTheirOwner() throws Exception {
    RecordSet theirs = a("theirs", "192.0.2.1");
    seed(theirs, Ownership.ownedBy("someone-else"));

    CurrentRecord c = current(theirs);

    assertThat(c.record()).isEqualTo(theirs);
    assertThat(c.ownership().owner()).contains("someone-else");
    assertThat(c.ownership().isOwnedBy(OWNER)).isFalse();
  }

  @Test
  void recordsWithoutAMarkReadAsUnowned() throws Exception {
    RecordSet manual = a("manual", "192.0.2.2");
    seed(manual, Ownership.unowned());

    assertThat(current(manual).ownership().isUnowned()).isTrue();
  }

  @Test
  void adoptingAnUnownedRecordMarksItOwned() throws Exception {
    RecordSet manual = a("manual", "192.0.2.2");
    seed(manual, Ownership.unowned());

    ApplyResult result =
        apply(
            new ChangeSet(
                List.of(), List.of(new RecordUpdate(manual, manual, RESOURCE)), List.of()));

    assertThat(result.failedNames()).isEmpty();
    assertThat(current(manual).record()).isEqualTo(manual);
    assertThat(current(manual).ownership().isOwnedBy(OWNER)).isTrue();
  }

  @Test
  void aReadWithoutDiscoveryReturnsOnlyTheRequestedDomains() throws Exception {
    RecordSet mine = a("shop", "10.0.0.1");
    apply(creates(mine));
    RecordSet elsewhere =
        RecordSet.of(otherDomain().prepend("shop"), RecordType.A, 60, List.of("10.9.9.9"));
    seed(elsewhere, Ownership.ownedBy(OWNER));

    assertThat(records()).containsExactly(mine);
    assertThat(backend.read(List.of(otherDomain()), true).records())
        .extracting(CurrentRecord::record)
        .containsExactly(elsewhere);
  }

  @Test
  void discoveryFindsOwnedRecordsInEveryDomainWithoutBeingToldThem() throws Exception {
    RecordSet mine = a("shop", "10.0.0.1");
    apply(creates(mine));
    RecordSet elsewhere =
        RecordSet.of(otherDomain().prepend("solo"), RecordType.A, 60, List.of("10.9.9.9"));
    seed(elsewhere, Ownership.ownedBy(OWNER, RESOURCE));
    RecordSet previous =
        RecordSet.of(otherDomain().prepend("old"), RecordType.A, 60, List.of("10.9.9.8"));
    seed(previous, Ownership.ownedBy("previous-owner"));
    seed(
        RecordSet.of(otherDomain().prepend("theirs"), RecordType.A, 60, List.of("10.9.9.7")),
        Ownership.ownedBy("someone-else"));
    seed(
        RecordSet.of(otherDomain().prepend("manual"), RecordType.A, 60, List.of("10.9.9.6")),
        Ownership.unowned());

    ZoneState state =
        backend.read(
            ReadScope.of(List.of(), Set.of(OWNER, "previous-owner"), DomainFilter.ALL), true);

    assertThat(state.failedDomains()).isEmpty();
    assertThat(state.records())
        .extracting(CurrentRecord::record)
        .containsExactlyInAnyOrder(mine, elsewhere, previous);
    assertThat(
            state.records().stream()
                .filter(c -> c.record().equals(elsewhere))
                .findFirst()
                .orElseThrow()
                .ownership()
                .isOwnedBy(OWNER))
        .isTrue();
  }

  @Test
  void discoveryReadsTheRequestedDomainsWholeAndOwnedRecordsElsewhere() throws Exception {
    RecordSet manual = a("manual", "192.0.2.2");
    seed(manual, Ownership.unowned());
    RecordSet elsewhere =
        RecordSet.of(otherDomain().prepend("solo"), RecordType.A, 60, List.of("10.9.9.9"));
    seed(elsewhere, Ownership.ownedBy(OWNER));
    seed(
        RecordSet.of(otherDomain().prepend("manual"), RecordType.A, 60, List.of("10.9.9.6")),
        Ownership.unowned());

    ZoneState state =
        backend.read(ReadScope.of(List.of(domain()), Set.of(OWNER), DomainFilter.ALL), true);

    assertThat(state.records())
        .extracting(CurrentRecord::record)
        .containsExactlyInAnyOrder(manual, elsewhere);
  }

  @Test
  void theDomainFilterHidesEverythingOutsideIt() throws Exception {
    RecordSet mine = a("shop", "10.0.0.1");
    apply(creates(mine));
    RecordSet elsewhere =
        RecordSet.of(otherDomain().prepend("solo"), RecordType.A, 60, List.of("10.9.9.9"));
    seed(elsewhere, Ownership.ownedBy(OWNER));

    ZoneState state =
        backend.read(
            ReadScope.of(
                List.of(domain(), otherDomain()),
                Set.of(OWNER),
                DomainFilter.of(List.of(domain()))),
            true);

    assertThat(state.records()).extracting(CurrentRecord::record).containsExactly(mine);
  }

  @Test
  void aFreshBackendAndSyncServiceCleanUpExactlyWhatTheLastRunOwned() throws Exception {
    // the last run published two names in a domain that no Service uses any more, then stopped
    RecordSet solo =
        RecordSet.of(otherDomain().prepend("solo"), RecordType.A, 60, List.of("10.9.9.9"));
    RecordSet alias =
        RecordSet.of(
            otherDomain().prepend("www"), RecordType.CNAME, 60, List.of("solo." + otherDomain()));
    assertThat(apply(creates(solo, alias)).failedNames()).isEmpty();
    RecordSet theirs =
        RecordSet.of(otherDomain().prepend("theirs"), RecordType.A, 60, List.of("10.9.9.7"));
    seed(theirs, Ownership.ownedBy("someone-else"));
    RecordSet manual =
        RecordSet.of(otherDomain().prepend("manual"), RecordType.A, 60, List.of("10.9.9.6"));
    seed(manual, Ownership.unowned());
    backend = restart(backend, OWNER);

    io.kuberoute.core.app.SyncService fresh =
        io.kuberoute.core.app.SyncService.builder(
                new MutableClusterSource(),
                backend,
                io.kuberoute.core.app.SyncSettings.defaults()
                    .withPlan(io.kuberoute.core.plan.PlanSettings.defaults().withOwnerId(OWNER)))
            .build();
    io.kuberoute.core.app.SyncResult result = fresh.sync(io.kuberoute.core.app.SyncTrigger.FULL);

    assertThat(result.errors()).isEmpty();
    assertThat(result.applied().deletes()).containsExactlyInAnyOrder(solo, alias);
    assertThat(backend.read(List.of(otherDomain()), true).records())
        .extracting(CurrentRecord::record)
        .containsExactlyInAnyOrder(theirs, manual);
    io.kuberoute.core.app.SyncResult idle = fresh.sync(io.kuberoute.core.app.SyncTrigger.FULL);
    assertThat(idle.applied().isEmpty()).isTrue();
  }

  @Test
  void readsWithoutRefreshFollowEveryWriteOfTheBackend() {
    RecordSet shop = a("shop", "10.0.0.1", "10.0.0.2");
    RecordSet blog = a("blog", "10.0.0.3");
    apply(creates(shop, blog));
    assertThat(records()).containsExactlyInAnyOrder(shop, blog);
    RecordSet shrunk = a("shop", "10.0.0.2");

    apply(
        new ChangeSet(List.of(), List.of(new RecordUpdate(shop, shrunk, RESOURCE)), List.of(blog)));

    assertThat(backend.read(List.of(domain()), false).records())
        .extracting(CurrentRecord::record)
        .containsExactly(shrunk);
    RecordSet api = a("api", "10.0.0.4");
    apply(creates(api));
    assertThat(backend.read(List.of(domain()), false).records())
        .extracting(CurrentRecord::record)
        .containsExactlyInAnyOrder(shrunk, api);
  }

  @Test
  void aSecondReadWithoutRefreshSeesTheWrites() {
    RecordSet shop = a("shop", "10.0.0.1");
    backend.read(List.of(domain()), true);
    apply(creates(shop));

    assertThat(backend.read(List.of(domain()), false).records())
        .extracting(CurrentRecord::record)
        .containsExactly(shop);
  }

  // the one read cache over this backend

  @Test
  void throughTheCachingWrapperAReadWithoutRefreshMakesNoCallAndARefreshReadsTheBackend()
      throws Exception {
    DnsBackend cached = CachingDnsBackend.wrap(backend, OWNER);
    RecordSet shop = a("shop", "10.0.0.1");
    cached.read(List.of(domain()), true);
    assertThat(cached.apply(creates(shop)).failedNames()).isEmpty();
    RecordSet manual = a("manual", "192.0.2.1");
    seed(manual, Ownership.unowned());

    // the record put behind the wrapper is not seen: the backend was not asked
    assertThat(cached.read(List.of(domain()), false).records())
        .containsExactly(new CurrentRecord(shop, Ownership.ownedBy(OWNER, RESOURCE)));
    assertThat(cached.read(List.of(domain()), true).records())
        .extracting(CurrentRecord::record)
        .containsExactlyInAnyOrder(shop, manual);
  }

  @Test
  void throughTheCachingWrapperWhatAWriteAppliedOrRefusedReadsAsTheBackendHasIt() {
    DnsBackend cached = CachingDnsBackend.wrap(backend, OWNER);
    RecordSet shop = a("shop", "10.0.0.1");
    RecordSet blog = a("blog", "10.0.0.3");
    cached.read(List.of(domain()), true);
    assertThat(cached.apply(creates(shop, blog)).failedNames()).isEmpty();
    // another writer changes shop behind the wrapper (the backend applies it, the wrapper never
    // hears)
    RecordSet theirs = a("shop", "10.0.0.9");
    assertThat(
            backend
                .apply(
                    new ChangeSet(
                        List.of(), List.of(new RecordUpdate(shop, theirs, RESOURCE)), List.of()))
                .failedNames())
        .isEmpty();
    RecordSet moved = a("blog", "10.0.0.4");

    // the wrapper's shop is outdated: the backend refuses it (then it is read again) or writes it
    ApplyResult result =
        cached.apply(
            new ChangeSet(
                List.of(),
                List.of(
                    new RecordUpdate(shop, a("shop", "10.0.0.2"), RESOURCE),
                    new RecordUpdate(blog, moved, RESOURCE)),
                List.of()));

    assertThat(result.failedNames().keySet()).isSubsetOf(name("shop"));
    List<CurrentRecord> truth = backend.read(List.of(domain()), true).records();
    assertThat(cached.read(List.of(domain()), false).records())
        .containsExactlyInAnyOrderElementsOf(truth);
    assertThat(truth).contains(new CurrentRecord(moved, Ownership.ownedBy(OWNER, RESOURCE)));
  }

  @Test
  void aFreshCachingWrapperOverARestartedBackendReadsTheBackendFirstEvenWithoutRefresh()
      throws Exception {
    DnsBackend cached = CachingDnsBackend.wrap(backend, OWNER);
    RecordSet shop = a("shop", "10.0.0.1");
    cached.read(List.of(domain()), true);
    assertThat(cached.apply(creates(shop)).failedNames()).isEmpty();
    RecordSet manual = a("manual", "192.0.2.1");
    seed(manual, Ownership.unowned());
    backend = restart(backend, OWNER);

    DnsBackend fresh = CachingDnsBackend.wrap(backend, OWNER);

    assertThat(fresh.read(List.of(domain()), false).records())
        .extracting(CurrentRecord::record)
        .containsExactlyInAnyOrder(shop, manual);
  }
}
