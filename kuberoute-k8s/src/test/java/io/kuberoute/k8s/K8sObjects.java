package io.kuberoute.k8s;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kuberoute.testkit.k8s.MockApiServer;
import java.util.Map;

/** Kubernetes objects and clients for the tests against fabric8's mock API server. */
final class K8sObjects {
  private K8sObjects() {}

  /** A client for {@code url} that retries watches quickly, built without reading ~/.kube. */
  static KubernetesClient client(String url) {
    return client(url, ApiCallListener.NONE);
  }

  /**
   * As {@link #client(String)}, telling {@code listener} about every request (as the program's
   * client does).
   */
  static KubernetesClient client(String url, ApiCallListener listener) {
    return new KubernetesClientBuilder()
        .withConfig(MockApiServer.clientConfig(url))
        .withHttpClientBuilderConsumer(b -> ApiCallInterceptor.install(b, listener))
        .build();
  }

  /** A Service of {@code type} in {@code namespace}, selecting {@code selector} (none if null). */
  static Service service(
      String namespace,
      String name,
      String type,
      Map<String, String> labels,
      Map<String, String> selector) {
    ServiceBuilder b =
        new ServiceBuilder()
            .withNewMetadata()
            .withNamespace(namespace)
            .withName(name)
            .withLabels(labels)
            .endMetadata()
            .withNewSpec()
            .withType(type)
            .addNewPort()
            .withPort(80)
            .endPort()
            .endSpec();
    if (selector != null) {
      b.editSpec().withSelector(selector).endSpec();
    }
    return b.build();
  }

  /** A routed NodePort Service {@code name}.example.com selecting {@code app=<name>}. */
  static Service routed(String namespace, String name) {
    return routed(namespace, name, Map.of());
  }

  /** As {@link #routed(String, String)}, with more labels (quota, failover). */
  static Service routed(String namespace, String name, Map<String, String> moreLabels) {
    Map<String, String> labels = new java.util.HashMap<>(moreLabels);
    labels.put("kuberoute_domain", "example.com");
    labels.put("kuberoute_name", name);
    return service(namespace, name, "NodePort", labels, Map.of("app", name));
  }

  /** Sets the Ready condition of a pod made by {@link #pod} through its status subresource. */
  static void setReady(KubernetesClient client, String namespace, String name, boolean ready) {
    client
        .pods()
        .resource(
            new PodBuilder(client.pods().inNamespace(namespace).withName(name).get())
                .editStatus()
                .editCondition(0)
                .withStatus(ready ? "True" : "False")
                .endCondition()
                .endStatus()
                .build())
        .updateStatus();
  }

  /** A pod labelled {@code app=<app>} on {@code node} in {@code phase}, Ready as given. */
  static Pod pod(
      String namespace, String name, String app, String node, String phase, boolean ready) {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .withLabels(Map.of("app", app))
        .endMetadata()
        .withNewSpec()
        .withNodeName(node)
        .addNewContainer()
        .withName("c")
        .withImage("nginx")
        .endContainer()
        .endSpec()
        .withNewStatus()
        .withPhase(phase)
        .addNewCondition()
        .withType("Ready")
        .withStatus(ready ? "True" : "False")
        .endCondition()
        .endStatus()
        .build();
  }

  /** A node with the given addresses (null for none), cordon and Ready condition. */
  static Node node(
      String name, String internalIp, String externalIp, boolean unschedulable, boolean ready) {
    NodeBuilder b =
        new NodeBuilder()
            .withNewMetadata()
            .withName(name)
            .endMetadata()
            .withNewSpec()
            .withUnschedulable(unschedulable)
            .endSpec()
            .withNewStatus()
            .addNewCondition()
            .withType("Ready")
            .withStatus(ready ? "True" : "False")
            .endCondition()
            .endStatus();
    if (internalIp != null) {
      b.editStatus()
          .addNewAddress()
          .withType("InternalIP")
          .withAddress(internalIp)
          .endAddress()
          .endStatus();
    }
    if (externalIp != null) {
      b.editStatus()
          .addNewAddress()
          .withType("ExternalIP")
          .withAddress(externalIp)
          .endAddress()
          .endStatus();
    }
    return b.build();
  }
}
