package io.kuberoute.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kuberoute.core.ConfigurationException;
import io.kuberoute.core.model.ClusterSnapshot;
import io.kuberoute.core.model.NodeInfo;
import io.kuberoute.core.model.PodInfo;
import io.kuberoute.core.model.ServiceInfo;
import io.kuberoute.core.port.ClusterSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A cluster read from a YAML file of Kubernetes objects ({@code kubeconfig_kind = manifests},
 * {@code [manifests] path}): several documents separated by {@code ---}, or a {@code v1 List} as
 * {@code kubectl get nodes,services,pods -A -o yaml} prints it. Services, Pods and Nodes are used;
 * other kinds are ignored. Services outside the configured namespaces are dropped. The file is
 * read once, when the source is created.
 */
public final class ManifestsClusterSource implements ClusterSource {

  private final ClusterSnapshot snapshot;

  private ManifestsClusterSource(ClusterSnapshot snapshot) {
    this.snapshot = snapshot;
  }

  /**
   * Reads {@code path}.
   *
   * @throws ConfigurationException naming {@code manifests.path} if the file is missing, unreadable
   *     or not Kubernetes YAML
   */
  public static ManifestsClusterSource load(Path path, Namespaces namespaces) {
    Objects.requireNonNull(path, "path");
    if (!Files.isRegularFile(path)) {
      throw new ConfigurationException(
          "invalid value for manifests.path: '%s' (allowed: an existing YAML file of Kubernetes objects; this file does not exist)"
              .formatted(path));
    }
    List<HasMetadata> objects = new ArrayList<>();
    try (InputStream in = Files.newInputStream(path)) {
      flatten(new KubernetesSerialization().unmarshal(in), objects);
    } catch (IOException e) {
      throw new ConfigurationException(
          "invalid value for manifests.path: '%s' cannot be read: %s".formatted(path, e.getMessage()), e);
    } catch (RuntimeException e) {
      throw new ConfigurationException(
          "invalid value for manifests.path: '%s' is not a YAML file of Kubernetes objects: %s"
              .formatted(path, e.getMessage()),
          e);
    }
    List<ServiceInfo> services = new ArrayList<>();
    List<PodInfo> pods = new ArrayList<>();
    List<NodeInfo> nodes = new ArrayList<>();
    for (HasMetadata o : objects) {
      if (o instanceof Service s) {
        ServiceInfo info = Fabric8Mapping.service(s);
        if (namespaces.contains(info.namespace())) {
          services.add(info);
        }
      } else if (o instanceof Pod p) {
        pods.add(Fabric8Mapping.pod(p));
      } else if (o instanceof Node n) {
        nodes.add(Fabric8Mapping.node(n));
      }
    }
    return new ManifestsClusterSource(new ClusterSnapshot(services, pods, nodes, true));
  }

  private static void flatten(Object parsed, List<HasMetadata> out) {
    if (parsed == null) {
      return;
    }
    if (parsed instanceof KubernetesList list) {
      for (HasMetadata item : list.getItems()) {
        flatten(item, out);
      }
    } else if (parsed instanceof Collection<?> many) {
      for (Object item : many) {
        flatten(item, out);
      }
    } else if (parsed instanceof HasMetadata one) {
      out.add(one);
    }
  }

  @Override
  public ClusterSnapshot snapshot() {
    return snapshot;
  }
}
