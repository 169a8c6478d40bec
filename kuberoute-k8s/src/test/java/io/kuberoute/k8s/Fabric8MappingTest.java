package io.kuberoute.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.kuberoute.core.model.NodeInfo;
import io.kuberoute.core.model.PodInfo;
import io.kuberoute.core.model.Readiness;
import io.kuberoute.core.model.Scheduling;
import io.kuberoute.core.model.ServiceInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The mapping from fabric8 objects, including the original test suite's condition helpers (tests
 * 23-26 of the original, in Java form) and its fixtures (a service with a selector of one key).
 */
class Fabric8MappingTest {

  @Test
  void aServiceKeepsItsTypeLabelsAndSelector() {
    ServiceInfo s =
        Fabric8Mapping.service(
            new ServiceBuilder()
                .withNewMetadata()
                .withName("testservice")
                .withNamespace("default")
                .withLabels(Map.of("label1", "value1", "kuberoute_domain", "domain"))
                .endMetadata()
                .withNewSpec()
                .withType("NodePort")
                .withSelector(Map.of("selectorlabel", "selectorvalue"))
                .endSpec()
                .build());

    // original test 2 (has_label) and test 3 (the selector has exactly one key)
    assertThat(s.labels()).containsKey("label1");
    assertThat(s.selector()).contains(Map.of("selectorlabel", "selectorvalue"));
    assertThat(s.type()).isEqualTo("NodePort");
  }

  @Test
  void aServiceWithoutSpecOrSelectorMapsToClusterIpWithoutSelector() {
    ServiceInfo s =
        Fabric8Mapping.service(
            new ServiceBuilder().withNewMetadata().withName("x").endMetadata().build());

    // original test 8: an object without spec.type is not a NodePort service
    assertThat(s.type()).isEqualTo("ClusterIP");
    assertThat(s.selector()).isEmpty();
    assertThat(s.namespace()).isEqualTo("default");
  }

  @Test
  void aPodWithoutConditionsIsNotReadyAndDoesNotCrash() {
    PodInfo p =
        Fabric8Mapping.pod(
            new PodBuilder()
                .withNewMetadata()
                .withName("p")
                .endMetadata()
                .withNewStatus()
                .withPhase("Running")
                .withHostIP("1.0.0.0")
                .endStatus()
                .build());

    assertThat(p.ready()).isFalse();
    assertThat(p.isRunning()).isTrue();
    // original test 7: the pod's host IP
    assertThat(p.hostIp()).contains("1.0.0.0");
    assertThat(p.nodeName()).isEmpty();
  }

  @Test
  void aPodIsReadyOnlyWhenItsReadyConditionIsTrue() {
    PodBuilder base = new PodBuilder().withNewMetadata().withName("p").endMetadata();
    PodInfo ready =
        Fabric8Mapping.pod(
            new PodBuilder(base.build())
                .withNewStatus()
                .withPhase("Running")
                .addNewCondition()
                .withType("PodScheduled")
                .withStatus("True")
                .endCondition()
                .addNewCondition()
                .withType("Ready")
                .withStatus("True")
                .endCondition()
                .endStatus()
                .build());
    PodInfo notReady =
        Fabric8Mapping.pod(
            new PodBuilder(base.build())
                .withNewStatus()
                .withPhase("Running")
                .addNewCondition()
                .withType("Ready")
                .withStatus("False")
                .endCondition()
                .endStatus()
                .build());
    PodInfo noStatus = Fabric8Mapping.pod(base.build());

    // original tests 14 and 15
    assertThat(ready.ready()).isTrue();
    assertThat(notReady.ready()).isFalse();
    assertThat(noStatus.ready()).isFalse();
    assertThat(noStatus.phase()).isEqualTo("Unknown");
  }

  @Test
  void aNodeKeepsInternalAndExternalAddressesCordonAndReadiness() {
    NodeInfo n =
        Fabric8Mapping.node(
            new NodeBuilder()
                .withNewMetadata()
                .withName("n")
                .endMetadata()
                .withNewSpec()
                .withUnschedulable(true)
                .endSpec()
                .withNewStatus()
                .addNewAddress()
                .withType("Hostname")
                .withAddress("n")
                .endAddress()
                .addNewAddress()
                .withType("InternalIP")
                .withAddress("10.0.0.1")
                .endAddress()
                .addNewAddress()
                .withType("ExternalIP")
                .withAddress("198.51.100.1")
                .endAddress()
                .addNewCondition()
                .withType("Ready")
                .withStatus("True")
                .endCondition()
                .endStatus()
                .build());

    assertThat(n)
        .isEqualTo(
            new NodeInfo(
                "n",
                List.of("10.0.0.1"),
                List.of("198.51.100.1"),
                Scheduling.CORDONED,
                Readiness.READY));
  }

  @Test
  void aNodeWithoutStatusHasNoAddressesAndIsNotReady() {
    NodeInfo n =
        Fabric8Mapping.node(
            new NodeBuilder().withNewMetadata().withName("bare").endMetadata().build());

    assertThat(n)
        .isEqualTo(
            new NodeInfo(
                "bare", List.of(), List.of(), Scheduling.SCHEDULABLE, Readiness.NOT_READY));
  }

  // original test 23: finding a condition returns the whole condition
  @Test
  void firstMatchReturnsTheWholeMatchingElement() {
    record Condition(String type, String status, String message) {}
    List<Condition> conditions =
        List.of(
            new Condition("other", "True", "x"),
            new Condition("testcondition", "True", "the message"));

    assertThat(Fabric8Mapping.firstMatch(conditions, c -> c.type().equals("testcondition")))
        .contains(new Condition("testcondition", "True", "the message"));
  }

  // original tests 24-26
  @Test
  void firstMatchFindsNothingInAnEmptyListOrWithoutAMatch() {
    assertThat(Fabric8Mapping.firstMatch(List.of(1, 3, 5), i -> i % 2 == 0)).isEmpty();
    assertThat(Fabric8Mapping.firstMatch(List.<Integer>of(), i -> true)).isEmpty();
    assertThat(Fabric8Mapping.firstMatch(null, i -> true)).isEqualTo(Optional.empty());
    assertThat(Fabric8Mapping.firstMatch(List.of(1, 2, 3, 4), i -> i % 2 == 0)).contains(2);
  }
}
