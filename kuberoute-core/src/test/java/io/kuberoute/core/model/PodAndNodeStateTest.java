package io.kuberoute.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kuberoute.core.internal.routing.RouteResolver;
import io.kuberoute.core.routing.RouteSettings;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The trap of before: {@code new PodInfo(..., ready, terminating, ...)} and {@code new
 * NodeInfo(..., unschedulable, ready)} took two booleans side by side, and swapping them published
 * nothing while the sync said SUCCESS. Each state now has its own type, so a swap does not compile,
 * and the builders name every part.
 */
class PodAndNodeStateTest {

  private static final RouteResolver RESOLVER = new RouteResolver(RouteSettings.defaults());

  private static List<Class<?>> componentTypes(Class<? extends Record> type) {
    return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType).toList();
  }

  @Test
  void thePodTakesItsStatesAsTwoDistinctTypesAndNoBoolean() {
    assertThat(componentTypes(PodInfo.class))
        .containsExactly(
            String.class,
            String.class,
            Map.class,
            String.class,
            Readiness.class,
            Termination.class,
            Optional.class,
            Optional.class)
        .doesNotContain(boolean.class, Boolean.class);
  }

  @Test
  void theNodeTakesItsStatesAsTwoDistinctTypesAndNoBoolean() {
    assertThat(componentTypes(NodeInfo.class))
        .containsExactly(String.class, List.class, List.class, Scheduling.class, Readiness.class)
        .doesNotContain(boolean.class, Boolean.class);
  }

  @Test
  void aBuiltPodAndNodeAreUnknownUntilToldOtherwise() {
    PodInfo pod = PodInfo.builder("default", "web-0").build();
    assertThat(pod)
        .isEqualTo(
            new PodInfo(
                "default",
                "web-0",
                Map.of(),
                PodInfo.UNKNOWN,
                Readiness.NOT_READY,
                Termination.NOT_TERMINATING,
                Optional.empty(),
                Optional.empty()));
    assertThat(pod.ready()).isFalse();
    assertThat(pod.terminating()).isFalse();
    assertThat(pod.isRunning()).isFalse();

    NodeInfo node = NodeInfo.builder("n1").build();
    assertThat(node)
        .isEqualTo(
            new NodeInfo("n1", List.of(), List.of(), Scheduling.SCHEDULABLE, Readiness.NOT_READY));
    assertThat(node.isServing()).isFalse();
  }

  @Test
  void theBuildersSetEveryPartByName() {
    PodInfo pod =
        PodInfo.builder("shop", "web-1")
            .labels(Map.of("app", "web"))
            .phase(PodInfo.RUNNING)
            .readiness(Readiness.READY)
            .termination(Termination.TERMINATING)
            .nodeName("n1")
            .hostIp("10.0.0.1")
            .build();
    assertThat(pod)
        .isEqualTo(
            new PodInfo(
                "shop",
                "web-1",
                Map.of("app", "web"),
                "Running",
                Readiness.READY,
                Termination.TERMINATING,
                Optional.of("n1"),
                Optional.of("10.0.0.1")));
    assertThat(pod.ready()).isTrue();
    assertThat(pod.terminating()).isTrue();

    NodeInfo node =
        NodeInfo.builder("n1")
            .internalIps("10.0.0.1", "10.0.0.2")
            .externalIps(List.of("198.51.100.1"))
            .scheduling(Scheduling.CORDONED)
            .readiness(Readiness.READY)
            .build();
    assertThat(node.internalIps()).containsExactly("10.0.0.1", "10.0.0.2");
    assertThat(node.externalIps()).containsExactly("198.51.100.1");
    assertThat(node.unschedulable()).isTrue();
    assertThat(node.ready()).isTrue();
    assertThat(node.isServing()).isFalse();
    assertThat(node.withScheduling(Scheduling.SCHEDULABLE).isServing()).isTrue();
  }

  @Test
  void theWithersChangeOnlyTheirPart() {
    PodInfo pod =
        PodInfo.builder("a", "p").phase("Pending").readiness(Readiness.READY).nodeName("n").build();
    assertThat(pod.withReadiness(Readiness.NOT_READY))
        .isEqualTo(PodInfo.builder("a", "p").phase("Pending").nodeName("n").build());
    assertThat(pod.withTermination(Termination.TERMINATING).termination())
        .isEqualTo(Termination.TERMINATING);
    assertThat(
            pod.withTermination(Termination.TERMINATING)
                .withTermination(Termination.NOT_TERMINATING))
        .isEqualTo(pod);
    assertThat(pod.withPhase(PodInfo.RUNNING).isRunning()).isTrue();
    assertThat(pod.withNamespace("b").namespace()).isEqualTo("b");
    assertThat(pod.withNamespace("b").withNamespace("a")).isEqualTo(pod);
  }

  @Test
  void theNamedFactoriesMapAFlagToItsState() {
    assertThat(Readiness.readyIf(true)).isEqualTo(Readiness.READY);
    assertThat(Readiness.readyIf(false)).isEqualTo(Readiness.NOT_READY);
    assertThat(Scheduling.cordonedIf(true)).isEqualTo(Scheduling.CORDONED);
    assertThat(Scheduling.cordonedIf(false)).isEqualTo(Scheduling.SCHEDULABLE);
    assertThat(Termination.terminatingIf(true)).isEqualTo(Termination.TERMINATING);
    assertThat(Termination.terminatingIf(false)).isEqualTo(Termination.NOT_TERMINATING);
  }

  @Test
  void aMissingStateIsRefusedByName() {
    assertThatThrownBy(() -> new NodeInfo("n", List.of(), List.of(), null, Readiness.READY))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("scheduling");
    assertThatThrownBy(() -> new NodeInfo("n", List.of(), List.of(), Scheduling.SCHEDULABLE, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("readiness");
    assertThatThrownBy(() -> PodInfo.builder("a", "p").readiness(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("readiness");
    assertThatThrownBy(() -> PodInfo.builder("a", "p").termination(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("termination");
  }

  /** What the trap cost: the Ready pod on a Ready, schedulable node is published, built by name. */
  @Test
  void aReadyPodOnAServingNodeBuiltByNameIsPublished() {
    ServiceInfo shop =
        new ServiceInfo(
            "default",
            "shop",
            "NodePort",
            Map.of("kuberoute_domain", "example.com", "kuberoute_name", "shop"),
            Optional.of(Map.of("app", "shop")));
    PodInfo pod =
        PodInfo.builder("default", "shop-1")
            .labels(Map.of("app", "shop"))
            .phase(PodInfo.RUNNING)
            .readiness(Readiness.READY)
            .nodeName("n1")
            .build();
    NodeInfo node =
        NodeInfo.builder("n1").externalIps("198.51.100.1").readiness(Readiness.READY).build();

    var routes =
        RESOLVER
            .resolve(new ClusterSnapshot(List.of(shop), List.of(pod), List.of(node), true))
            .routes();
    assertThat(routes)
        .singleElement()
        .satisfies(r -> assertThat(r.endpoints()).containsExactly("198.51.100.1"));

    var cordoned =
        RESOLVER.resolve(
            new ClusterSnapshot(
                List.of(shop),
                List.of(pod),
                List.of(node.withScheduling(Scheduling.CORDONED)),
                true));
    assertThat(cordoned.routes())
        .singleElement()
        .satisfies(r -> assertThat(r.endpoints()).isEmpty());
  }

  @Test
  void aBuiltServiceIsABareOneUntilToldOtherwise() {
    assertThat(ServiceInfo.builder("default", "shop").build())
        .isEqualTo(new ServiceInfo("default", "shop", "ClusterIP", Map.of(), Optional.empty()));
    assertThat(
            ServiceInfo.builder("default", "shop")
                .type("NodePort")
                .labels(Map.of("kuberoute_domain", "example.com"))
                .selector(Map.of("app", "shop"))
                .build())
        .isEqualTo(
            new ServiceInfo(
                "default",
                "shop",
                "NodePort",
                Map.of("kuberoute_domain", "example.com"),
                Optional.of(Map.of("app", "shop"))));
  }

  @Test
  void labelKeysAreNamedOneByOne() {
    var keys =
        io.kuberoute.core.routing.LabelKeys.DEFAULT.withDomain("dns/domain").withQuota("dns/quota");
    assertThat(keys)
        .isEqualTo(
            new io.kuberoute.core.routing.LabelKeys(
                "dns/domain", "kuberoute_name", "kuberoute_failover", "dns/quota"));
    assertThat(keys.withName("n").withFailover("f").name()).isEqualTo("n");
    assertThat(keys.withName("n").withFailover("f").failover()).isEqualTo("f");
    assertThatThrownBy(() -> keys.withDomain(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("domain label name must not be empty");
  }
}
