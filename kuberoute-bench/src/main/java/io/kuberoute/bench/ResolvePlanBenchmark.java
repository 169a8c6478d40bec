package io.kuberoute.bench;

import io.kuberoute.core.internal.routing.RouteResolver;
import io.kuberoute.core.model.ClusterSnapshot;
import io.kuberoute.core.model.CurrentRecord;
import io.kuberoute.core.model.DesiredRecord;
import io.kuberoute.core.plan.Plan;
import io.kuberoute.core.plan.PlanSettings;
import io.kuberoute.core.plan.Planner;
import io.kuberoute.core.routing.LabelKeys;
import io.kuberoute.core.routing.NodeAddressMode;
import io.kuberoute.core.routing.RouteSettings;
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
 * Benchmark 1: the core's whole computation, snapshot → desired records → change set against a
 * current state with 5% drift, beside the original program's algorithm computing the same desired
 * records (both then use the same planner, so the difference is the resolution).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ResolvePlanBenchmark {

  @Param({"small", "large"})
  public String size;

  private ClusterSnapshot snapshot;
  private List<CurrentRecord> current;
  private RouteResolver resolver;
  private BeforeRouteResolver before;
  private Planner planner;

  /** Published internal addresses, as the original did, so both compute the same records. */
  static final RouteSettings SETTINGS =
      new RouteSettings(
          LabelKeys.DEFAULT, Set.of("NodePort"), NodeAddressMode.INTERNAL, 60, Map.of());

  @Setup
  public void setUp() {
    snapshot = ClusterGenerator.generate(ClusterGenerator.Size.of(size), 42);
    resolver = new RouteResolver(SETTINGS);
    before = new BeforeRouteResolver(SETTINGS);
    planner = new Planner(PlanSettings.defaults());
    current = ClusterGenerator.currentWithDrift(resolver.resolve(snapshot).desiredRecords(), 7);
  }

  @Benchmark
  public Plan kuberoute() {
    List<DesiredRecord> desired = resolver.resolve(snapshot).desiredRecords();
    return planner.plan(current, desired, Set.of(), true);
  }

  /** The same with the resolver as it was before issue 13. */
  @Benchmark
  public Plan beforeIssue13() {
    List<DesiredRecord> desired = before.resolve(snapshot).desiredRecords();
    return planner.plan(current, desired, Set.of(), true);
  }

  @Benchmark
  public Plan original() {
    List<DesiredRecord> desired = OriginalAlgorithm.desired(snapshot, 60);
    return planner.plan(current, desired, Set.of(), true);
  }
}
