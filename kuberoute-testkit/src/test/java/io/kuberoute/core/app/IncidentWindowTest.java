package io.kuberoute.core.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.core.model.CurrentRecord;
import io.kuberoute.core.model.DesiredRecord;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.Ownership;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import io.kuberoute.core.plan.DeletionGuard;
import io.kuberoute.core.plan.Plan;
import io.kuberoute.core.plan.PlanSettings;
import io.kuberoute.core.plan.Planner;
import io.kuberoute.testkit.fixtures.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The deletion guard over a whole incident: the planner fed by the window, sync after sync. */
class IncidentWindowTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
  private final IncidentWindow window = new IncidentWindow(Duration.ofMinutes(3), clock);
  private final Planner planner = new Planner(PlanSettings.defaults());

  /** What DNS holds: ten names of ours. */
  private final List<RecordSet> dns =
      new ArrayList<>(IntStream.range(0, 10).mapToObj(i -> record("s" + i)).toList());

  private static RecordSet record(String name) {
    return RecordSet.of(DnsName.of(name + ".example.com"), RecordType.A, 60, List.of("10.0.0.1"));
  }

  /** One sync wanting the names {@code alive}; applies what the planner lets through. */
  private Plan sync(Set<Integer> alive) {
    List<CurrentRecord> current =
        dns.stream()
            .map(r -> new CurrentRecord(r, Ownership.ownedBy("kuberoute", "service/default/x")))
            .toList();
    List<DesiredRecord> desired =
        alive.stream()
            .map(i -> new DesiredRecord(record("s" + i), "service/default/s" + i))
            .toList();
    Plan plan = planner.plan(current, desired, Set.of(), true, Map.of(), window.history());
    window.record(current.size(), plan.orphanDeletes());
    dns.removeAll(plan.changes().deletes());
    for (DesiredRecord d : plan.changes().creates()) {
      dns.add(d.record());
    }
    clock.advance(Duration.ofSeconds(1));
    return plan;
  }

  private static Set<Integer> range(int fromInclusive, int toExclusive) {
    return Set.copyOf(IntStream.range(fromInclusive, toExclusive).boxed().toList());
  }

  @Test
  void aCollapseSpreadOverManySyncsIsHeldOnceItPassesThePercentage() {
    List<Integer> deletedPerSync = new ArrayList<>();
    for (int broken = 1; broken <= 7; broken++) {
      Plan plan = sync(range(broken, 10)); // one more service lost each second
      deletedPerSync.add(plan.changes().deletes().size());
    }

    // 30 % of the 10 owned at the start: the first three go, then everything is held
    assertThat(deletedPerSync).containsExactly(1, 1, 1, 0, 0, 0, 0);
    assertThat(dns).hasSize(7);
    Plan held = sync(range(7, 10));
    assertThat(held.guard())
        .map(DeletionGuard::message)
        .contains(
            "deletion guard: 7 of 10 owned record sets were or would be deleted within the guard window (70%),"
                + " more than max_delete_percent = 30; 4 deletion(s) held (run with --force to allow them)");
  }

  @Test
  void duringTheRecoveryTheNamesStillBrokenStayHeld() {
    Plan first = sync(range(7, 10)); // seven of ten lost at once
    assertThat(first.withheldDeletes()).hasSize(7);

    // they come back one per second; s0..s2 stay broken
    for (int back = 6; back >= 3; back--) {
      Plan plan = sync(range(back, 10));
      assertThat(plan.changes().deletes()).as("recovery step %d", back).isEmpty();
    }
    assertThat(dns).hasSize(10);

    // once the window has passed the incident, the three still broken are 30 %: deleted
    clock.advance(Duration.ofMinutes(4));
    Plan later = sync(range(3, 10));
    assertThat(later.changes().deletes())
        .containsExactlyInAnyOrder(record("s0"), record("s1"), record("s2"));
  }

  @Test
  void withoutHistoryTheMessageIsTheOriginalOne() {
    Plan plan = sync(range(5, 10));

    assertThat(plan.guard())
        .map(DeletionGuard::message)
        .contains(
            "deletion guard: the plan deletes 5 of 10 owned record sets (50%), more than max_delete_percent = 30;"
                + " nothing was deleted (run with --force to allow it)");
  }
}
