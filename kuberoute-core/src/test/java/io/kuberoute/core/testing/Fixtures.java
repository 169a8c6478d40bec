package io.kuberoute.core.testing;

import io.kuberoute.core.model.ClusterSnapshot;
import io.kuberoute.core.model.NodeInfo;
import io.kuberoute.core.model.PodInfo;
import io.kuberoute.core.model.Readiness;
import io.kuberoute.core.model.Scheduling;
import io.kuberoute.core.model.ServiceInfo;
import io.kuberoute.core.model.Termination;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builders for cluster objects in tests (shared through the core's test-jar). */
public final class Fixtures {
  private Fixtures() {}

  /** {@code k1, v1, k2, v2, ...} as an ordered map. */
  public static Map<String, String> labels(String... kv) {
    if (kv.length % 2 != 0) {
      throw new IllegalArgumentException("key/value pairs expected");
    }
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  /** A NodePort service in {@code namespace} with selector {@code app=<name>} and the labels. */
  public static ServiceInfo service(String namespace, String name, Map<String, String> labels) {
    return new ServiceInfo(
        namespace, name, "NodePort", labels, Optional.of(Map.of("app", name)));
  }

  /** A NodePort service routed as {@code name.domain}, selecting {@code app=<service>}. */
  public static ServiceInfo routed(String service, String name, String domain) {
    return service(
        "default", service, labels("kuberoute_domain", domain, "kuberoute_name", name));
  }

  public static ServiceInfo withLabel(ServiceInfo s, String key, String value) {
    Map<String, String> l = new LinkedHashMap<>(s.labels());
    l.put(key, value);
    return new ServiceInfo(s.namespace(), s.name(), s.type(), l, s.selector());
  }

  /** A Running, Ready pod labelled {@code app=<app>} on {@code node}, in namespace default. */
  public static PodInfo pod(String name, String app, String node) {
    return PodInfo.builder("default", name)
        .labels(Map.of("app", app))
        .phase(PodInfo.RUNNING)
        .readiness(Readiness.READY)
        .nodeName(node)
        .build();
  }

  public static PodInfo notReady(PodInfo p) {
    return p.withReadiness(Readiness.NOT_READY);
  }

  public static PodInfo terminating(PodInfo p) {
    return p.withTermination(Termination.TERMINATING);
  }

  public static PodInfo phase(PodInfo p, String phase) {
    return p.withPhase(phase);
  }

  /** A Ready, schedulable node with one InternalIP and no ExternalIP. */
  public static NodeInfo node(String name, String internalIp) {
    return NodeInfo.builder(name).internalIps(internalIp).readiness(Readiness.READY).build();
  }

  /** A Ready, schedulable node with an InternalIP and an ExternalIP. */
  public static NodeInfo node(String name, String internalIp, String externalIp) {
    return NodeInfo.builder(name)
        .internalIps(internalIp)
        .externalIps(externalIp)
        .readiness(Readiness.READY)
        .build();
  }

  public static NodeInfo cordoned(NodeInfo n) {
    return n.withScheduling(Scheduling.CORDONED);
  }

  public static NodeInfo notReady(NodeInfo n) {
    return n.withReadiness(Readiness.NOT_READY);
  }

  public static ClusterSnapshot snapshot(List<ServiceInfo> services, List<PodInfo> pods, List<NodeInfo> nodes) {
    return new ClusterSnapshot(services, pods, nodes, true);
  }
}
