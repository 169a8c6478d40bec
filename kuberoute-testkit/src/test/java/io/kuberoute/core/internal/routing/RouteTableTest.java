package io.kuberoute.core.internal.routing;

import static io.kuberoute.testkit.fixtures.Fixtures.node;
import static io.kuberoute.testkit.fixtures.Fixtures.notReady;
import static io.kuberoute.testkit.fixtures.Fixtures.pod;
import static io.kuberoute.testkit.fixtures.Fixtures.routed;
import static io.kuberoute.testkit.fixtures.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.core.model.ClusterSnapshot;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.DomainFilter;
import io.kuberoute.core.model.ServiceRef;
import io.kuberoute.core.port.ClusterChange;
import io.kuberoute.core.routing.RouteSettings;
import io.kuberoute.testkit.fixtures.RandomCluster;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RouteTableTest {

  private static final RouteSettings SETTINGS = RouteSettings.defaults();

  /** The reference: a full resolution of the view, limited to the filter, sorted by service. */
  private static List<ServiceOutcome> reference(ClusterSnapshot s, DomainFilter filter) {
    Resolution r = new RouteResolver(SETTINGS).resolve(s).within(filter);
    List<ServiceOutcome> all = new ArrayList<>(r.routes());
    all.addAll(r.problems());
    all.sort(Comparator.comparing(ServiceOutcome::service));
    return all;
  }

  private static List<ServiceOutcome> outcomes(RouteTable t) {
    Resolution r = t.resolution();
    List<ServiceOutcome> all = new ArrayList<>(r.routes());
    all.addAll(r.problems());
    all.sort(Comparator.comparing(ServiceOutcome::service));
    return all;
  }

  private static Map<ServiceRef, Boolean> failoverStates(List<ServiceOutcome> outcomes) {
    Map<ServiceRef, Boolean> out = new HashMap<>();
    for (ServiceOutcome o : outcomes) {
      if (o instanceof Route r) {
        out.put(r.service(), r.failoverActive());
      }
    }
    return out;
  }

  @Test
  void randomChangesGiveWhatAFullResolutionGives() {
    for (long seed = 1; seed <= 60; seed++) {
      DomainFilter filter =
          seed % 3 == 0 ? DomainFilter.of("example.com", "other.net") : DomainFilter.ALL;
      RandomCluster cluster = new RandomCluster(seed).populate();
      RouteTable table = new RouteTable(SETTINGS, filter);
      table.load(cluster.snapshot());
      assertThat(outcomes(table))
          .as("seed %d after load", seed)
          .isEqualTo(reference(cluster.snapshot(), filter));
      Random batches = new Random(seed);
      for (int step = 0; step < 60; step++) {
        List<ClusterChange> batch = new ArrayList<>();
        int size = 1 + batches.nextInt(4);
        for (int i = 0; i < size; i++) {
          batch.add(cluster.next());
        }
        List<ServiceOutcome> before = outcomes(table);
        RouteTable.Delta delta = table.apply(batch);
        List<ServiceOutcome> expected = reference(cluster.snapshot(), filter);
        assertThat(outcomes(table))
            .as("seed %d step %d after %s", seed, step, batch)
            .isEqualTo(expected);
        // the delta names exactly the services whose outcome changed
        for (ServiceOutcome o : expected) {
          boolean wasSame = before.contains(o);
          assertThat(delta.services().containsKey(o.service()))
              .as("seed %d step %d: %s", seed, step, o)
              .isEqualTo(!wasSame);
        }
        // and the published names and domains follow
        for (ServiceOutcome o : expected) {
          if (o instanceof Route r) {
            assertThat(table.routeAt(r.fqdn())).contains(r);
            assertThat(table.domains()).contains(r.domain());
          }
        }
        assertThat(table.servicesInFailover())
            .isEqualTo(
                (int)
                    expected.stream()
                        .filter(o -> o instanceof Route r && r.failoverActive())
                        .count());
        assertThat(table.failoverStates())
            .as("seed %d step %d: the failover state of each routed service", seed, step)
            .isEqualTo(failoverStates(expected));
      }
      RouteTable fresh = new RouteTable(SETTINGS, filter);
      fresh.load(cluster.snapshot());
      assertThat(fresh.failoverStates()).isEqualTo(table.failoverStates());
      // a reload over a table that has it all keeps what stays and drops what went
      table.load(cluster.snapshot());
      assertThat(table.failoverStates())
          .isEqualTo(failoverStates(reference(cluster.snapshot(), filter)));
      assertThat(outcomes(fresh)).isEqualTo(outcomes(table));
    }
  }

  @Test
  void theWarmUpLeavesTheTableAsItWas() {
    for (long seed = 1; seed <= 20; seed++) {
      RandomCluster cluster = new RandomCluster(seed).populate();
      RouteTable table = new RouteTable(SETTINGS, DomainFilter.ALL);
      table.load(cluster.snapshot());
      List<ServiceOutcome> before = outcomes(table);
      Map<ServiceRef, Boolean> failoversBefore = Map.copyOf(table.failoverStates());
      Optional<RouteTable.Delta> gone = table.warmUp();
      assertThat(outcomes(table)).isEqualTo(before);
      assertThat(table.failoverStates()).isEqualTo(failoversBefore);
      gone.ifPresent(
          d ->
              assertThat(d.services().values())
                  .anySatisfy(
                      c -> assertThat(c.before().flatMap(ServiceOutcome::name)).isPresent()));
      RouteTable.Delta next = table.apply(List.of(cluster.next()));
      assertThat(outcomes(table)).isEqualTo(reference(cluster.snapshot(), DomainFilter.ALL));
      assertThat(next).isNotNull();
    }
  }

  @Test
  void aPodChangeTouchesOnlyItsService() {
    ClusterSnapshot s =
        snapshot(
            List.of(routed("shop", "shop", "example.com"), routed("blog", "blog", "example.com")),
            List.of(pod("shop-1", "shop", "n1"), pod("blog-1", "blog", "n1")),
            List.of(node("n1", "10.0.0.1"), node("n2", "10.0.0.2")));
    RouteTable table = new RouteTable(SETTINGS, DomainFilter.ALL);
    table.load(s);
    RouteTable.Delta delta =
        table.apply(List.of(ClusterChange.pod(notReady(pod("shop-1", "shop", "n1")))));
    assertThat(delta.services()).containsOnlyKeys(new ServiceRef("default", "shop"));
    assertThat(table.routeAt(DnsName.of("shop.example.com")).orElseThrow().records()).isEmpty();
    assertThat(table.routeAt(DnsName.of("blog.example.com")).orElseThrow().endpoints())
        .containsExactly("10.0.0.1");
  }

  @Test
  void aChangeThatLeavesTheRouteAloneChangesNothing() {
    ClusterSnapshot s =
        snapshot(
            List.of(routed("shop", "shop", "example.com")),
            List.of(pod("shop-1", "shop", "n1"), pod("shop-2", "shop", "n1")),
            List.of(node("n1", "10.0.0.1")));
    RouteTable table = new RouteTable(SETTINGS, DomainFilter.ALL);
    table.load(s);
    // a second pod on the same node stops being ready: the node still serves
    RouteTable.Delta delta =
        table.apply(List.of(ClusterChange.pod(notReady(pod("shop-2", "shop", "n1")))));
    assertThat(delta.isEmpty()).isTrue();
  }

  @Test
  void aNodeAddedChangesTheQuotaOfEveryService() {
    ClusterSnapshot s =
        snapshot(
            List.of(
                io.kuberoute.testkit.fixtures.Fixtures.withLabel(
                    routed("shop", "shop", "example.com"), "kuberoute_quota", "100")),
            List.of(pod("shop-1", "shop", "n1")),
            List.of(node("n1", "10.0.0.1")));
    RouteTable table = new RouteTable(SETTINGS, DomainFilter.ALL);
    table.load(s);
    assertThat(table.routeAt(DnsName.of("shop.example.com")).orElseThrow().quotaMet()).isTrue();
    RouteTable.Delta delta = table.apply(List.of(ClusterChange.node(node("n2", "10.0.0.2"))));
    assertThat(delta.services()).containsOnlyKeys(new ServiceRef("default", "shop"));
    assertThat(delta.nodes()).containsExactly("n2");
    assertThat(table.routeAt(DnsName.of("shop.example.com")).orElseThrow().quotaMet()).isFalse();
  }
}
