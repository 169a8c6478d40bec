package io.kuberoute.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kuberoute.core.model.PodInfo;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ProjectionStoreTest {

  private final AtomicInteger changes = new AtomicInteger();
  private final ProjectionStore<Pod, PodInfo> store =
      new ProjectionStore<>(
          Fabric8Mapping::pod,
          m -> new PodBuilder().withMetadata(m).build(),
          (k, v) -> changes.incrementAndGet());

  private static Pod pod(String rv, boolean ready, String annotation) {
    return new PodBuilder(K8sObjects.pod("default", "web-1", "web", "n1", "Running", ready))
        .editMetadata()
        .withResourceVersion(rv)
        .addToAnnotations("note", annotation)
        .endMetadata()
        .build();
  }

  @Test
  void keepsOnlyTheProjectionAndHandsBackMetadataStubs() {
    Pod full = pod("7", true, "a");

    Pod previous = store.put("default/web-1", full);

    assertThat(previous).isNull();
    assertThat(store.getKey(full)).isEqualTo("default/web-1");
    assertThat(store.projections()).containsExactly(Fabric8Mapping.pod(full));
    Pod stub = store.get("default/web-1");
    assertThat(stub.getMetadata().getNamespace()).isEqualTo("default");
    assertThat(stub.getMetadata().getName()).isEqualTo("web-1");
    assertThat(stub.getMetadata().getResourceVersion()).isEqualTo("7");
    assertThat(stub.getMetadata().getAnnotations()).isEmpty();
    assertThat(stub.getSpec()).isNull();
    assertThat(stub.getStatus()).isNull();
    assertThat(store.keySet().toList()).containsExactly("default/web-1");
    assertThat(store.values().map(p -> p.getMetadata().getName()).toList())
        .containsExactly("web-1");
    assertThat(store.size()).isEqualTo(1);
    assertThat(store.isFullState()).isFalse();
  }

  @Test
  void anUpdateThatLeavesTheProjectionEqualIsSilent() {
    store.put("default/web-1", pod("1", true, "a"));
    changes.set(0);

    Pod previous = store.put("default/web-1", pod("2", true, "b"));

    assertThat(changes.get()).isZero();
    assertThat(previous.getMetadata().getResourceVersion()).isEqualTo("1");
    assertThat(store.get("default/web-1").getMetadata().getResourceVersion()).isEqualTo("2");
  }

  @Test
  void addsRelevantUpdatesAndRemovalsAreAnnounced() {
    store.put("default/web-1", pod("1", true, "a"));
    assertThat(changes.get()).isEqualTo(1);

    store.put("default/web-1", pod("2", false, "a"));
    assertThat(changes.get()).isEqualTo(2);
    assertThat(store.projections()).extracting(PodInfo::ready).containsExactly(false);

    Pod removed = store.remove("default/web-1");
    assertThat(changes.get()).isEqualTo(3);
    assertThat(removed.getMetadata().getName()).isEqualTo("web-1");
    assertThat(store.projections()).isEmpty();

    assertThat(store.remove("default/web-1")).isNull();
    assertThat(changes.get()).isEqualTo(3);
  }

  @Test
  void clusterScopedKeysHaveNoNamespace() {
    ProjectionStore<Pod, String> names =
        new ProjectionStore<>(
            p -> p.getMetadata().getName(),
            m -> new PodBuilder().withMetadata(m).build(),
            (k, v) -> {});
    names.put(
        "n1",
        new PodBuilder()
            .withNewMetadata()
            .withName("n1")
            .withResourceVersion("3")
            .endMetadata()
            .build());

    assertThat(names.get("n1").getMetadata().getNamespace()).isNull();
    assertThat(names.get("n1").getMetadata().getName()).isEqualTo("n1");
    assertThat(names.projection("n1")).isEqualTo("n1");
    assertThat(names.projections()).isEqualTo(List.of("n1"));
  }

  @Test
  void anObjectThatCannotBeProjectedIsKeptAsAKeyAndLeftOutOfTheView() {
    ProjectionStore<Pod, String> failing =
        new ProjectionStore<>(
            p -> {
              throw new IllegalStateException("broken");
            },
            m -> new PodBuilder().withMetadata(m).build(),
            (k, v) -> changes.incrementAndGet());

    failing.put("default/x", pod("1", true, "a"));

    assertThat(failing.keySet().toList()).containsExactly("default/x");
    assertThat(failing.projections()).isEmpty();
    assertThat(changes.get()).isEqualTo(1);
  }

  @Test
  void aFailingListenerDoesNotBreakTheStore() {
    ProjectionStore<Pod, PodInfo> s =
        new ProjectionStore<>(
            Fabric8Mapping::pod,
            m -> new PodBuilder().withMetadata(m).build(),
            (k, v) -> {
              throw new IllegalStateException("listener");
            });

    s.put("default/web-1", pod("1", true, "a"));

    assertThat(s.projections()).hasSize(1);
  }
}
