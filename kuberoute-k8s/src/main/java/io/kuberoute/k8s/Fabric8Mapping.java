package io.kuberoute.k8s;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Service;
import io.kuberoute.core.model.NodeInfo;
import io.kuberoute.core.model.PodInfo;
import io.kuberoute.core.model.Readiness;
import io.kuberoute.core.model.Scheduling;
import io.kuberoute.core.model.ServiceInfo;
import io.kuberoute.core.model.Termination;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Turns fabric8 objects into the core's plain records, keeping only what routing needs. Every field
 * may be missing (no status, no conditions, no selector, no addresses): the mapping never fails on
 * a well-formed object, it records "unknown" as "not ready" or "none". Kubernetes types never leave
 * this module.
 */
public final class Fabric8Mapping {
  private Fabric8Mapping() {}

  /** The namespace Kubernetes assumes when an object names none. */
  public static final String DEFAULT_NAMESPACE = "default";

  public static ServiceInfo service(Service s) {
    ObjectMeta meta = meta(s.getMetadata());
    String type =
        s.getSpec() == null || s.getSpec().getType() == null ? "ClusterIP" : s.getSpec().getType();
    Map<String, String> selector = s.getSpec() == null ? null : s.getSpec().getSelector();
    return new ServiceInfo(
        namespace(meta),
        nullToEmpty(meta.getName()),
        type,
        labels(meta),
        Optional.ofNullable(selector).filter(m -> !m.isEmpty()).map(Fabric8Mapping::withoutNulls));
  }

  public static PodInfo pod(Pod p) {
    ObjectMeta meta = meta(p.getMetadata());
    String phase =
        p.getStatus() == null || p.getStatus().getPhase() == null
            ? "Unknown"
            : p.getStatus().getPhase();
    List<PodCondition> conditions = p.getStatus() == null ? null : p.getStatus().getConditions();
    boolean ready =
        firstMatch(conditions, c -> "Ready".equals(c.getType()))
            .map(c -> "True".equals(c.getStatus()))
            .orElse(false);
    return new PodInfo(
        namespace(meta),
        nullToEmpty(meta.getName()),
        labels(meta),
        phase,
        Readiness.readyIf(ready),
        Termination.terminatingIf(meta.getDeletionTimestamp() != null),
        Optional.ofNullable(p.getSpec() == null ? null : p.getSpec().getNodeName()),
        Optional.ofNullable(p.getStatus() == null ? null : p.getStatus().getHostIP()));
  }

  public static NodeInfo node(Node n) {
    ObjectMeta meta = meta(n.getMetadata());
    List<String> internal = new ArrayList<>();
    List<String> external = new ArrayList<>();
    List<NodeAddress> addresses = n.getStatus() == null ? null : n.getStatus().getAddresses();
    if (addresses != null) {
      for (NodeAddress a : addresses) {
        if (a == null || a.getAddress() == null || a.getAddress().isBlank()) {
          continue;
        }
        if ("InternalIP".equals(a.getType())) {
          internal.add(a.getAddress().strip());
        } else if ("ExternalIP".equals(a.getType())) {
          external.add(a.getAddress().strip());
        }
      }
    }
    List<NodeCondition> conditions = n.getStatus() == null ? null : n.getStatus().getConditions();
    boolean ready =
        firstMatch(conditions, c -> "Ready".equals(c.getType()))
            .map(c -> "True".equals(c.getStatus()))
            .orElse(false);
    boolean unschedulable =
        n.getSpec() != null && Boolean.TRUE.equals(n.getSpec().getUnschedulable());
    return new NodeInfo(
        nullToEmpty(meta.getName()),
        internal,
        external,
        Scheduling.cordonedIf(unschedulable),
        Readiness.readyIf(ready));
  }

  /** The first element of {@code items} that matches, if any; a null list has none. */
  public static <T> Optional<T> firstMatch(List<T> items, Predicate<? super T> test) {
    if (items == null) {
      return Optional.empty();
    }
    for (T item : items) {
      if (item != null && test.test(item)) {
        return Optional.of(item);
      }
    }
    return Optional.empty();
  }

  private static ObjectMeta meta(ObjectMeta meta) {
    return meta == null ? new ObjectMeta() : meta;
  }

  private static String namespace(ObjectMeta meta) {
    String ns = meta.getNamespace();
    return ns == null || ns.isEmpty() ? DEFAULT_NAMESPACE : ns;
  }

  private static Map<String, String> labels(ObjectMeta meta) {
    return meta.getLabels() == null ? Map.of() : withoutNulls(meta.getLabels());
  }

  private static Map<String, String> withoutNulls(Map<String, String> m) {
    Map<String, String> out = new java.util.HashMap<>();
    m.forEach(
        (k, v) -> {
          if (k != null) {
            out.put(k, v == null ? "" : v);
          }
        });
    return out;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
