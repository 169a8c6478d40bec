package io.kuberoute.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.kuberoute.core.model.NodeInfo;
import io.kuberoute.core.model.Readiness;
import io.kuberoute.core.model.Scheduling;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NodeStatusTest {

  @Test
  void theTwoStatesAreTypesOfTheirOwnSoTheyCannotBeSwapped() {
    assertThat(
            Arrays.stream(NodeStatus.class.getRecordComponents())
                .<Class<?>>map(c -> c.getType())
                .toList())
        .containsExactly(Readiness.class, Scheduling.class);
  }

  @Test
  void aCordonedReadyNodeIsReadyAndNotSchedulable() {
    NodeInfo node =
        NodeInfo.builder("n1")
            .internalIps(java.util.List.of("10.0.0.1"))
            .readiness(Readiness.READY)
            .scheduling(Scheduling.CORDONED)
            .build();

    NodeStatus status = NodeStatus.of(node);

    assertThat(status.ready()).isTrue();
    assertThat(status.schedulable()).isFalse();
    assertThat(
            NodeStatus.of(
                node.withReadiness(Readiness.NOT_READY).withScheduling(Scheduling.SCHEDULABLE)))
        .isEqualTo(new NodeStatus(Readiness.NOT_READY, Scheduling.SCHEDULABLE));
  }

  @Test
  void aMissingStateIsRefusedByName() {
    assertThatNullPointerException()
        .isThrownBy(() -> new NodeStatus(null, Scheduling.SCHEDULABLE))
        .withMessage("readiness");
    assertThatNullPointerException()
        .isThrownBy(() -> new NodeStatus(Readiness.READY, null))
        .withMessage("scheduling");
  }
}
