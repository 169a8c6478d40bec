package io.kuberoute.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.core.internal.routing.RouteResolver;
import io.kuberoute.core.model.ClusterSnapshot;
import io.kuberoute.core.model.DesiredRecord;
import io.kuberoute.core.model.Readiness;
import io.kuberoute.core.model.Termination;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's baseline really computes what kuberoute computes, so the ratio is fair. */
class OriginalAlgorithmTest {

  @Test
  void computesTheSameRecordsAsTheResolverWhereTheirRulesAgree() {
    ClusterSnapshot generated =
        ClusterGenerator.generate(new ClusterGenerator.Size("test", 300, 3_000, 100), 1);
    // the original ignored node readiness and pod deletion; remove both so the rules agree
    ClusterSnapshot s =
        new ClusterSnapshot(
            generated.services(),
            generated.pods().stream()
                .map(p -> p.withTermination(Termination.NOT_TERMINATING))
                .toList(),
            generated.nodes().stream().map(n -> n.withReadiness(Readiness.READY)).toList(),
            true);

    List<DesiredRecord> ours =
        new RouteResolver(ResolvePlanBenchmark.SETTINGS).resolve(s).desiredRecords();
    List<DesiredRecord> original = OriginalAlgorithm.desired(s, 60);

    Comparator<DesiredRecord> byKey = Comparator.comparing(DesiredRecord::key);
    assertThat(ours).hasSizeGreaterThan(250);
    assertThat(original.stream().sorted(byKey).toList())
        .isEqualTo(ours.stream().sorted(byKey).toList());
  }

  @Test
  void theDriftedStateDiffersByAboutFivePercent() {
    ClusterSnapshot s = ClusterGenerator.generate(ClusterGenerator.Size.SMALL, 42);
    List<DesiredRecord> desired =
        new RouteResolver(ResolvePlanBenchmark.SETTINGS).resolve(s).desiredRecords();
    var plan =
        new io.kuberoute.core.plan.Planner(io.kuberoute.core.plan.PlanSettings.defaults())
            .plan(ClusterGenerator.currentWithDrift(desired, 7), desired, java.util.Set.of(), true);
    double changed = 100.0 * plan.changes().size() / desired.size();
    assertThat(changed).isBetween(3.0, 8.0);
  }
}
