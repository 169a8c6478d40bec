package io.kuberoute.bench;

import io.kuberoute.core.internal.routing.Route;
import io.kuberoute.core.internal.routing.RouteTable;
import io.kuberoute.core.model.ClusterSnapshot;
import io.kuberoute.core.model.CurrentRecord;
import io.kuberoute.core.model.DesiredRecord;
import io.kuberoute.core.model.DomainFilter;
import io.kuberoute.core.model.Ownership;
import io.kuberoute.core.model.PodInfo;
import io.kuberoute.core.model.Readiness;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.Termination;
import io.kuberoute.core.plan.Plan;
import io.kuberoute.core.plan.PlanSettings;
import io.kuberoute.core.plan.Planner;
import io.kuberoute.core.port.ClusterChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The core's event path: one pod's readiness flips; the route table recomputes its Service, and the
 * planner plans that one name against what DNS holds there. Its cost should not depend on the size
 * of the cluster.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EventPathBenchmark {

  @Param({"small", "large"})
  public String size;

  private RouteTable table;
  private Planner planner;
  private PodInfo ready;
  private PodInfo notReady;
  private boolean flip;

  @Setup
  public void setUp() {
    ClusterSnapshot snapshot = ClusterGenerator.generate(ClusterGenerator.Size.of(size), 42);
    table = new RouteTable(ResolvePlanBenchmark.SETTINGS, DomainFilter.ALL);
    table.load(snapshot);
    planner = new Planner(PlanSettings.defaults());
    ready =
        snapshot.pods().stream()
            .filter(io.kuberoute.core.internal.routing.RouteResolver::isLivePod)
            .findFirst()
            .orElseThrow();
    notReady =
        ready.withReadiness(Readiness.NOT_READY).withTermination(Termination.NOT_TERMINATING);
  }

  @Benchmark
  public Plan podFlip() {
    flip = !flip;
    RouteTable.Delta delta = table.apply(List.of(ClusterChange.pod(flip ? notReady : ready)));
    List<DesiredRecord> desired = new ArrayList<>(2);
    List<CurrentRecord> current = new ArrayList<>(2);
    for (Map.Entry<io.kuberoute.core.model.ServiceRef, RouteTable.Change> e :
        delta.services().entrySet()) {
      if (e.getValue().after().orElse(null) instanceof Route r) {
        for (RecordSet rs : r.records()) {
          desired.add(new DesiredRecord(rs, r.service().resource()));
        }
      }
      if (e.getValue().before().orElse(null) instanceof Route r) {
        for (RecordSet rs : r.records()) {
          current.add(
              new CurrentRecord(rs, Ownership.ownedBy("kuberoute", r.service().resource())));
        }
      }
    }
    return planner.plan(current, desired, Set.of(), true, Map.of(), 10_000);
  }
}
