package io.kuberoute.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.core.model.CurrentRecord;
import io.kuberoute.core.model.DesiredRecord;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.Ownership;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlannerTest {

  private static final String ME = "kuberoute";
  private static final String RES = "service/default/shop";

  // named fixtures
  private static final RecordSet SHOP_A12 = a("shop", "10.0.0.1", "10.0.0.2");
  private static final RecordSet SHOP_A1 = a("shop", "10.0.0.1");
  private static final RecordSet SHOP_CNAME =
      RecordSet.of(name("shop"), RecordType.CNAME, 60, List.of("fo.example.org"));
  private static final RecordSet SHOP_AAAA =
      RecordSet.of(name("shop"), RecordType.AAAA, 60, List.of("2001:db8::1"));
  private static final RecordSet SHOP_TXT =
      RecordSet.of(name("shop"), RecordType.TXT, 60, List.of("v=spf1 -all"));
  private static final RecordSet API_A = a("api", "10.0.0.3");

  private static DnsName name(String relative) {
    return DnsName.of(relative + ".example.com");
  }

  private static RecordSet a(String relative, String... ips) {
    return RecordSet.of(name(relative), RecordType.A, 60, List.of(ips));
  }

  private static CurrentRecord ours(RecordSet r) {
    return new CurrentRecord(r, Ownership.ownedBy(ME, RES));
  }

  private static CurrentRecord unowned(RecordSet r) {
    return new CurrentRecord(r, Ownership.unowned());
  }

  private static CurrentRecord theirs(RecordSet r) {
    return new CurrentRecord(r, Ownership.ownedBy("other-cluster", "service/x/y"));
  }

  private static DesiredRecord want(RecordSet r) {
    return new DesiredRecord(r, RES);
  }

  private static Planner planner(Policy policy, boolean adopt) {
    return new Planner(new PlanSettings(ME, policy, adopt, 30, false));
  }

  private static Plan plan(List<CurrentRecord> current, List<DesiredRecord> desired) {
    return planner(Policy.SYNC, true).plan(current, desired, Set.of(), true);
  }

  @Test
  void nothingExistsSoEverythingIsCreated() {
    Plan p = plan(List.of(), List.of(want(SHOP_A12), want(API_A)));

    assertThat(p.changes().creates()).containsExactly(want(API_A), want(SHOP_A12));
    assertThat(p.changes().updates()).isEmpty();
    assertThat(p.changes().deletes()).isEmpty();
    assertThat(p.conflicts()).isEmpty();
  }

  @Test
  void whatIsAlreadyPublishedChangesNothing() {
    Plan p = plan(List.of(ours(SHOP_A12)), List.of(want(SHOP_A12)));

    assertThat(p.changes().isEmpty()).isTrue();
  }

  @Test
  void otherTargetsOrTtlAreAnUpdateWithBeforeAndAfter() {
    RecordSet ttl120 =
        RecordSet.of(name("shop"), RecordType.A, 120, List.of("10.0.0.1", "10.0.0.2"));

    assertThat(plan(List.of(ours(SHOP_A12)), List.of(want(SHOP_A1))).changes().updates())
        .containsExactly(new RecordUpdate(SHOP_A12, SHOP_A1, RES));
    assertThat(plan(List.of(ours(SHOP_A12)), List.of(want(ttl120))).changes().updates())
        .containsExactly(new RecordUpdate(SHOP_A12, ttl120, RES));
  }

  @Test
  void aTypeChangeDeletesTheOldTypeAndCreatesTheNewOne() {
    Plan p = plan(List.of(ours(SHOP_A12)), List.of(want(SHOP_CNAME)));

    assertThat(p.changes().deletes()).containsExactly(SHOP_A12);
    assertThat(p.changes().creates()).containsExactly(want(SHOP_CNAME));
    assertThat(p.changes().updates()).isEmpty();
  }

  @Test
  void anAaaaNoLongerWantedBesideTheAIsDeleted() {
    Plan p = plan(List.of(ours(SHOP_A1), ours(SHOP_AAAA)), List.of(want(SHOP_A1)));

    assertThat(p.changes().deletes()).containsExactly(SHOP_AAAA);
    assertThat(p.changes().creates()).isEmpty();
  }

  @Test
  void ourRecordsOfAVanishedServiceAreDeleted() {
    Plan p = plan(List.of(ours(SHOP_A12), ours(API_A)), List.of(want(API_A)));

    assertThat(p.changes().deletes()).containsExactly(SHOP_A12);
    assertThat(p.guard()).isEmpty();
  }

  @Test
  void recordsThatAreNotOursAreNeverDeleted() {
    Plan p = plan(List.of(unowned(SHOP_A12), theirs(API_A)), List.of());

    assertThat(p.changes().isEmpty()).isTrue();
    assertThat(p.conflicts()).isEmpty();
  }

  @Test
  void aNameOwnedByAnotherOwnerIsAConflictAndNotWritten() {
    Plan p = plan(List.of(theirs(SHOP_A12)), List.of(want(SHOP_A1)));

    assertThat(p.changes().isEmpty()).isTrue();
    assertThat(p.conflicts())
        .containsExactly(
            new Conflict(
                name("shop"),
                RES,
                "shop.example.com is owned by 'other-cluster' (service/x/y), not by 'kuberoute'; not changed"));
  }

  @Test
  void anotherOwnersRecordOfAnotherTypeAtTheNameAlsoBlocksIt() {
    Plan p = plan(List.of(theirs(SHOP_AAAA)), List.of(want(SHOP_A1)));

    assertThat(p.changes().isEmpty()).isTrue();
    assertThat(p.conflicts()).hasSize(1);
  }

  @Test
  void anUnownedRecordAtAClaimedNameIsAdoptedEvenWhenEqual() {
    Plan equal = plan(List.of(unowned(SHOP_A12)), List.of(want(SHOP_A12)));
    Plan different = plan(List.of(unowned(SHOP_A12)), List.of(want(SHOP_A1)));

    assertThat(equal.changes().updates())
        .containsExactly(new RecordUpdate(SHOP_A12, SHOP_A12, RES));
    assertThat(different.changes().updates())
        .containsExactly(new RecordUpdate(SHOP_A12, SHOP_A1, RES));
  }

  @Test
  void withoutAdoptionAnUnownedRecordIsAConflict() {
    Plan p =
        planner(Policy.SYNC, false)
            .plan(List.of(unowned(SHOP_A12)), List.of(want(SHOP_A1)), Set.of(), true);

    assertThat(p.changes().isEmpty()).isTrue();
    assertThat(p.conflicts())
        .extracting(Conflict::message)
        .containsExactly(
            "shop.example.com already exists and is not owned by kuberoute; adopt_existing = false, not changed");
  }

  @Test
  void txtAndOtherTypesAtTheNameAreIgnored() {
    Plan p = plan(List.of(unowned(SHOP_TXT)), List.of(want(SHOP_A1)));

    assertThat(p.changes().creates()).containsExactly(want(SHOP_A1));
    assertThat(p.changes().deletes()).isEmpty();
    assertThat(p.changes().updates()).isEmpty();
  }

  @Test
  void upsertOnlyNeverRemovesANameButStillReplacesATypeChange() {
    Planner upsert = planner(Policy.UPSERT_ONLY, true);

    Plan orphan =
        upsert.plan(List.of(ours(SHOP_A12), ours(API_A)), List.of(want(API_A)), Set.of(), true);
    Plan typeChange =
        upsert.plan(List.of(ours(SHOP_A12)), List.of(want(SHOP_CNAME)), Set.of(), true);
    Plan update = upsert.plan(List.of(ours(SHOP_A12)), List.of(want(SHOP_A1)), Set.of(), true);

    assertThat(orphan.changes().isEmpty()).isTrue();
    assertThat(typeChange.changes().deletes()).containsExactly(SHOP_A12);
    assertThat(typeChange.changes().creates()).containsExactly(want(SHOP_CNAME));
    assertThat(update.changes().updates()).hasSize(1);
  }

  @Test
  void createOnlyOnlyCreatesNamesThatDoNotExist() {
    Planner createOnly = planner(Policy.CREATE_ONLY, true);

    Plan p =
        createOnly.plan(
            List.of(ours(SHOP_A12), ours(a("old", "10.0.0.9"))),
            List.of(want(SHOP_CNAME), want(API_A)),
            Set.of(),
            true);

    assertThat(p.changes().creates()).containsExactly(want(API_A));
    assertThat(p.changes().updates()).isEmpty();
    assertThat(p.changes().deletes()).isEmpty();
  }

  @Test
  void heldNamesAreLeftExactlyAsTheyAre() {
    Plan p =
        planner(Policy.SYNC, true)
            .plan(
                List.of(ours(SHOP_A12), ours(API_A)),
                List.of(want(SHOP_A1)),
                Set.of(name("shop"), name("api")),
                true);

    assertThat(p.changes().isEmpty()).isTrue();
  }

  @Test
  void anIncompleteClusterViewHoldsBackDeletionsButNotTheRest() {
    Plan p =
        planner(Policy.SYNC, true)
            .plan(
                List.of(ours(SHOP_A12), ours(API_A)),
                List.of(want(a("api", "10.0.0.4")), want(a("new", "10.0.0.5"))),
                Set.of(),
                false);

    assertThat(p.changes().deletes()).isEmpty();
    assertThat(p.changes().updates()).hasSize(1);
    assertThat(p.changes().creates()).hasSize(1);
    assertThat(p.withheldDeletes()).containsExactly(SHOP_A12);
    assertThat(p.guard())
        .contains(
            new DeletionGuard(
                DeletionGuard.Kind.INCOMPLETE_VIEW,
                "the cluster view is incomplete; 1 deletion(s) wait until it is synced"));
  }

  @Test
  void anIncompleteViewStillAllowsATypeChange() {
    Plan p =
        planner(Policy.SYNC, true)
            .plan(List.of(ours(SHOP_A12)), List.of(want(SHOP_CNAME)), Set.of(), false);

    assertThat(p.changes().deletes()).containsExactly(SHOP_A12);
    assertThat(p.guard()).isEmpty();
  }

  private static List<CurrentRecord> ownedNames(int n) {
    List<CurrentRecord> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(ours(a("svc" + i, "10.0.1." + i)));
    }
    return list;
  }

  private static List<DesiredRecord> keep(List<CurrentRecord> current, int count) {
    return current.subList(0, count).stream().map(c -> want(c.record())).toList();
  }

  @Test
  void deletingMoreThanMaxDeletePercentOfOwnedRecordsIsRefused() {
    List<CurrentRecord> twenty = ownedNames(20);
    // 7 of 20 = 35% > 30%
    Plan p = plan(twenty, keep(twenty, 13));

    assertThat(p.changes().deletes()).isEmpty();
    assertThat(p.withheldDeletes()).hasSize(7);
    assertThat(p.guard())
        .contains(
            new DeletionGuard(
                DeletionGuard.Kind.TOO_MANY_DELETES,
                "deletion guard: the plan deletes 7 of 20 owned record sets (35%), more than max_delete_percent = 30; "
                    + "nothing was deleted (run with --force to allow it)"));
  }

  @Test
  void deletingExactlyMaxDeletePercentIsAllowed() {
    List<CurrentRecord> twenty = ownedNames(20);
    // 6 of 20 = 30%
    Plan p = plan(twenty, keep(twenty, 14));

    assertThat(p.changes().deletes()).hasSize(6);
    assertThat(p.guard()).isEmpty();
  }

  @Test
  void forceLetsTheDeletionsThrough() {
    List<CurrentRecord> twenty = ownedNames(20);
    Planner forced = new Planner(new PlanSettings(ME, Policy.SYNC, true, 30, true));

    Plan p = forced.plan(twenty, List.of(), Set.of(), true);

    assertThat(p.changes().deletes()).hasSize(20);
    assertThat(p.guard()).isEmpty();
  }

  @Test
  void theGuardAppliesOnceTenRecordSetsAreOwned() {
    List<CurrentRecord> nine = ownedNames(9);
    List<CurrentRecord> ten = ownedNames(10);

    assertThat(plan(nine, List.of()).changes().deletes()).hasSize(9);
    assertThat(plan(ten, keep(ten, 6)).guard())
        .map(DeletionGuard::kind)
        .contains(DeletionGuard.Kind.TOO_MANY_DELETES);
  }

  @Test
  void recordsOfOtherOwnersDoNotCountAsOwned() {
    List<CurrentRecord> current = new ArrayList<>(ownedNames(10));
    for (int i = 0; i < 100; i++) {
      current.add(theirs(a("theirs" + i, "10.0.2." + i)));
    }

    assertThat(plan(current, keep(current, 6)).guard()).isPresent();
  }

  @Test
  void settingsAreValidated() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new PlanSettings("bad owner", Policy.SYNC, true, 30, false))
        .hasMessage("owner id 'bad owner' may contain only letters, digits, '.', '_' and '-'");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new PlanSettings(ME, Policy.SYNC, true, 101, false))
        .hasMessage("max delete percent must be 0..100 but was 101");
    assertThat(Policy.parse("Upsert-Only")).isEqualTo(Policy.UPSERT_ONLY);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Policy.parse("delete-all"))
        .hasMessage("'delete-all' is not a policy (allowed: sync, upsert-only, create-only)");
  }

  @Test
  void changeSetsGroupChangesByNameInOrder() {
    ChangeSet cs =
        new ChangeSet(List.of(want(SHOP_CNAME), want(API_A)), List.of(), List.of(SHOP_A12));

    assertThat(cs.byName().keySet()).containsExactly(name("api"), name("shop"));
    NameChanges shop = cs.byName().get(name("shop"));
    assertThat(shop.deletes()).containsExactly(SHOP_A12);
    assertThat(shop.creates()).containsExactly(want(SHOP_CNAME));
    assertThat(cs.filterNames(n -> n.equals(name("api"))).size()).isEqualTo(1);
  }
}
