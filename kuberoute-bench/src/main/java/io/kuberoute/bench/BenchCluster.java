package io.kuberoute.bench;

import io.kuberoute.core.internal.routing.RouteResolver;
import io.kuberoute.core.model.ClusterSnapshot;
import io.kuberoute.core.model.NodeInfo;
import io.kuberoute.core.model.PodInfo;
import io.kuberoute.core.model.Readiness;
import io.kuberoute.core.model.Scheduling;
import io.kuberoute.core.model.ServiceInfo;
import io.kuberoute.core.model.Termination;
import io.kuberoute.core.routing.RouteSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A generated cluster plus one service the latency benchmark flips: {@code
 * bench-target.example.com}, quota 0, no failover, one Ready pod on each of three healthy nodes
 * (ExternalIPs 203.0.113.1-3). A pod turning NotReady drops its node's address (an UPDATE).
 */
final class BenchCluster {
  private BenchCluster() {}

  static final String TARGET = "bench-target";
  static final String TARGET_NAMESPACE = "ns-0";
  static final String FLIPPED_POD = TARGET + "-0";
  static final String ALL_THREE =
      "UPDATE bench-target.example.com A 60 203.0.113.1,203.0.113.2,203.0.113.3";
  static final String TWO = "UPDATE bench-target.example.com A 60 203.0.113.2,203.0.113.3";

  static ClusterSnapshot withTarget(ClusterSnapshot s) {
    List<NodeInfo> nodes = new ArrayList<>(s.nodes());
    List<ServiceInfo> services = new ArrayList<>(s.services());
    List<PodInfo> pods = new ArrayList<>(s.pods());
    for (int i = 0; i < 3; i++) {
      nodes.add(
          new NodeInfo(
              "bench-node-" + i,
              List.of("10.255.0." + (i + 1)),
              List.of("203.0.113." + (i + 1)),
              Scheduling.SCHEDULABLE,
              Readiness.READY));
      pods.add(
          new PodInfo(
              TARGET_NAMESPACE,
              TARGET + "-" + i,
              Map.of("app", TARGET),
              "Running",
              Readiness.READY,
              Termination.NOT_TERMINATING,
              Optional.of("bench-node-" + i),
              Optional.of("10.255.0." + (i + 1))));
    }
    services.add(
        new ServiceInfo(
            TARGET_NAMESPACE,
            TARGET,
            "NodePort",
            Map.of("kuberoute_domain", "example.com", "kuberoute_name", TARGET),
            Optional.of(Map.of("app", TARGET))));
    return new ClusterSnapshot(services, pods, nodes, true);
  }

  /** How many CREATE lines the program's first sync prints for {@code s} (default settings). */
  static int firstSyncLines(ClusterSnapshot s) {
    return new RouteResolver(RouteSettings.defaults()).resolve(s).desiredRecords().size();
  }

  /** The program's configuration against the mock API at {@code url}. */
  static String config(String url, String backend, boolean eventSync, int interval) {
    return """
        [kuberoute]
        kubeconfig_kind = kubernetes_url
        dns_backend = %s
        namespaces = *
        port = 0
        interval = %d
        event_sync = %s

        [kubernetes_url]
        url = %s

        [fakedns]
        """
        .formatted(backend, interval, eventSync, url);
  }
}
