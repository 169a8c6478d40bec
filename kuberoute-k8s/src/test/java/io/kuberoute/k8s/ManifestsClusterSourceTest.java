package io.kuberoute.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kuberoute.core.ConfigurationException;
import io.kuberoute.core.model.ClusterSnapshot;
import io.kuberoute.core.model.NodeInfo;
import io.kuberoute.core.model.PodInfo;
import io.kuberoute.core.model.Readiness;
import io.kuberoute.core.model.Scheduling;
import io.kuberoute.core.model.ServiceInfo;
import io.kuberoute.core.model.Termination;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestsClusterSourceTest {

  private static final Path DEMO = Path.of("..", "examples", "demo-cluster.yaml");

  @Test
  void readsTheDemoClusterFromMultipleDocuments() {
    ClusterSnapshot s =
        ManifestsClusterSource.load(DEMO, Namespaces.of("default", "web")).snapshot();

    assertThat(s.complete()).isTrue();
    assertThat(s.nodes())
        .extracting(NodeInfo::name)
        .containsExactly("node-1", "node-2", "node-3", "node-4");
    assertThat(s.nodes().get(0))
        .isEqualTo(
            new NodeInfo(
                "node-1",
                List.of("10.0.0.1"),
                List.of("198.51.100.1"),
                Scheduling.SCHEDULABLE,
                Readiness.READY));
    assertThat(s.nodes().get(3).unschedulable()).isTrue();
    assertThat(s.services())
        .extracting(ServiceInfo::name)
        .containsExactly("shop", "api", "status", "blog", "docs", "metrics");
    ServiceInfo shop = s.services().get(0);
    assertThat(shop.type()).isEqualTo("NodePort");
    assertThat(shop.selector()).contains(Map.of("app", "shop"));
    assertThat(shop.labels()).containsEntry("kuberoute_quota", "50");
    PodInfo api1 =
        s.pods().stream().filter(p -> p.name().equals("api-1")).findFirst().orElseThrow();
    assertThat(api1.ready()).isFalse();
    assertThat(api1.nodeName()).contains("node-2");
    assertThat(api1.hostIp()).contains("10.0.0.2");
  }

  @Test
  void allNamespacesKeepsEveryService() {
    ClusterSnapshot s = ManifestsClusterSource.load(DEMO, Namespaces.any()).snapshot();

    assertThat(s.services()).extracting(ServiceInfo::name).contains("legacy");
  }

  @Test
  void readsAV1ListAndToleratesMissingFields() {
    ClusterSnapshot s =
        ManifestsClusterSource.load(Path.of("src/test/resources/list.yaml"), Namespaces.any())
            .snapshot();

    assertThat(s.nodes())
        .containsExactly(
            new NodeInfo(
                "n1", List.of("10.1.0.1"), List.of(), Scheduling.SCHEDULABLE, Readiness.NOT_READY));
    assertThat(s.services())
        .containsExactly(new ServiceInfo("default", "web", "NodePort", Map.of(), Optional.empty()));
    assertThat(s.pods())
        .containsExactly(
            new PodInfo(
                "other",
                "web-0",
                Map.of(),
                "Running",
                Readiness.NOT_READY,
                Termination.TERMINATING,
                Optional.of("n1"),
                Optional.empty()));
  }

  @Test
  void aMissingFileIsAConfigurationErrorNamingTheKey(@TempDir Path dir) {
    Path missing = dir.resolve("nope.yaml");

    assertThatThrownBy(() -> ManifestsClusterSource.load(missing, Namespaces.any()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "invalid value for manifests.path: '%s' (allowed: an existing YAML file of Kubernetes objects; this file does not exist)",
            missing);
  }

  @Test
  void aFileThatIsNotKubernetesYamlIsAConfigurationError(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "just: [unclosed\n");

    assertThatThrownBy(() -> ManifestsClusterSource.load(bad, Namespaces.any()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith(
            "invalid value for manifests.path: '"
                + bad
                + "' is not a YAML file of Kubernetes objects");
  }
}
