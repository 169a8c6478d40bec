package io.kuberoute.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The slim decoding keeps what the projections need: they equal those of the whole models. */
class SlimObjectsTest {

  private final KubernetesSerialization full = new KubernetesSerialization();
  private final KubernetesSerialization slim = new SlimSerialization();

  private static String resource(String name) throws Exception {
    try (var in = SlimObjectsTest.class.getResourceAsStream("/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void aTypicalPodProjectsAsTheWholeModelDoes() throws Exception {
    String json = resource("typical-pod.json");
    Pod whole = full.unmarshal(json, Pod.class);
    Pod thin = slim.unmarshal(json, Pod.class);
    assertThat(Fabric8Mapping.pod(thin)).isEqualTo(Fabric8Mapping.pod(whole));
    assertThat(thin.getMetadata().getResourceVersion())
        .isEqualTo(whole.getMetadata().getResourceVersion());
    assertThat(thin.getSpec().getContainers()).isEmpty(); // skipped, not read
  }

  @Test
  void podsThatAreTerminatingNotReadyOrUnscheduledToo() {
    Pod terminating =
        new PodBuilder(K8sObjects.pod("shop", "web-2", "web", "n1", "Running", false))
            .editMetadata()
            .withDeletionTimestamp("2026-11-20T08:14:03Z")
            .endMetadata()
            .build();
    Pod unscheduled =
        new PodBuilder(K8sObjects.pod("shop", "web-3", "web", null, "Pending", false)).build();
    for (Pod p : new Pod[] {terminating, unscheduled}) {
      String json = full.asJson(p);
      assertThat(Fabric8Mapping.pod(slim.unmarshal(json, Pod.class)))
          .isEqualTo(Fabric8Mapping.pod(full.unmarshal(json, Pod.class)));
    }
  }

  @Test
  void servicesAndNodesProjectAsTheWholeModelsDo() {
    Service s =
        K8sObjects.service(
            "shop",
            "web",
            "NodePort",
            Map.of("kuberoute_domain", "example.com", "kuberoute_name", "web"),
            Map.of("app", "web"));
    Service noSelector = new ServiceBuilder(s).editSpec().withSelector(null).endSpec().build();
    for (Service x : new Service[] {s, noSelector}) {
      String json = full.asJson(x);
      assertThat(Fabric8Mapping.service(slim.unmarshal(json, Service.class)))
          .isEqualTo(Fabric8Mapping.service(full.unmarshal(json, Service.class)));
    }
    for (Node n :
        new Node[] {
          K8sObjects.node("n1", "10.0.0.1", "203.0.113.1", true, false),
          K8sObjects.node("n2", "10.0.0.2", null, false, true)
        }) {
      String json = full.asJson(n);
      assertThat(Fabric8Mapping.node(slim.unmarshal(json, Node.class)))
          .isEqualTo(Fabric8Mapping.node(full.unmarshal(json, Node.class)));
    }
  }

  @Test
  void watchEventsOfOtherKindsOrOrdersAreReadAsFabric8ReadsThem() throws Exception {
    String status =
        "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"code\":410,\"reason\":\"Expired\"}}";
    WatchEvent e = slim.unmarshal(status, WatchEvent.class);
    assertThat(e.getType()).isEqualTo("ERROR");
    assertThat(e.getObject()).isInstanceOf(io.fabric8.kubernetes.api.model.Status.class);
    assertThat(((io.fabric8.kubernetes.api.model.Status) e.getObject()).getCode()).isEqualTo(410);
    // a pod whose kind comes after its metadata
    String pod =
        "{\"object\":{\"metadata\":{\"name\":\"x\",\"namespace\":\"ns\"},\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"status\":{\"phase\":\"Running\"}},\"type\":\"ADDED\"}";
    WatchEvent late = slim.unmarshal(pod, WatchEvent.class);
    assertThat(late.getType()).isEqualTo("ADDED");
    assertThat(((Pod) late.getObject()).getStatus().getPhase()).isEqualTo("Running");
    assertThat(((Pod) late.getObject()).getMetadata().getName()).isEqualTo("x");
    // a service and a node, kind first
    Service s = K8sObjects.routed("shop", "web");
    WatchEvent se =
        slim.unmarshal(
            "{\"type\":\"MODIFIED\",\"object\":" + full.asJson(s) + "}", WatchEvent.class);
    assertThat(Fabric8Mapping.service((Service) se.getObject()))
        .isEqualTo(Fabric8Mapping.service(s));
    Node n = K8sObjects.node("n1", "10.0.0.1", "203.0.113.1", false, true);
    WatchEvent ne =
        slim.unmarshal(
            "{\"type\":\"DELETED\",\"object\":" + full.asJson(n) + "}", WatchEvent.class);
    assertThat(Fabric8Mapping.node((Node) ne.getObject())).isEqualTo(Fabric8Mapping.node(n));
  }

  @Test
  void watchEventsAreDecodedSlimToo() throws Exception {
    String pod = resource("typical-pod.json");
    WatchEvent event =
        slim.unmarshal("{\"type\":\"MODIFIED\",\"object\":" + pod + "}", WatchEvent.class);
    Pod thin = (Pod) event.getObject();
    assertThat(Fabric8Mapping.pod(thin))
        .isEqualTo(Fabric8Mapping.pod(full.unmarshal(pod, Pod.class)));
    assertThat(thin.getSpec().getContainers()).isEmpty();
  }
}
