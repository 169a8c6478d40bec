package io.kuberoute.faults;

import static io.kuberoute.testkit.fixtures.Fixtures.node;
import static io.kuberoute.testkit.fixtures.Fixtures.pod;

import io.kuberoute.core.model.ClusterSnapshot;
import io.kuberoute.core.model.NodeInfo;
import io.kuberoute.core.model.PodInfo;
import io.kuberoute.core.model.ServiceInfo;
import io.kuberoute.testkit.fixtures.MutableClusterSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cluster of {@code n} Ready nodes {@code n1..nN} with the addresses {@code 10.0.0.1..N}, whose
 * services and live pods a test sets between syncs. A pod of service {@code s} on node {@code k} is
 * {@code <s>-n<k>} in the service's namespace, labelled {@code app=<s>} (what {@link
 * io.kuberoute.testkit.fixtures.Fixtures#service} selects).
 */
final class FaultCluster {

  final MutableClusterSource source = new MutableClusterSource();
  private final List<NodeInfo> nodes = new ArrayList<>();

  FaultCluster(int nodeCount) {
    for (int k = 1; k <= nodeCount; k++) {
      nodes.add(node("n" + k, ip(k)));
    }
  }

  /** The address of node {@code k}. */
  static String ip(int k) {
    return "10.0.0." + k;
  }

  /** The addresses of the nodes {@code ks}, as a sorted target list. */
  static List<String> ips(List<Integer> ks) {
    return ks.stream().sorted().map(FaultCluster::ip).toList();
  }

  /** Sets the cluster: every service with a live pod on each node of its list (none: no pod). */
  void set(Map<ServiceInfo, List<Integer>> podsByService) {
    List<PodInfo> pods = new ArrayList<>();
    List<ServiceInfo> services = new ArrayList<>(podsByService.keySet());
    podsByService.forEach(
        (service, ks) -> {
          for (int k : ks) {
            PodInfo p = pod(service.name() + "-n" + k, service.name(), "n" + k);
            pods.add(p.withNamespace(service.namespace()));
          }
        });
    source.set(new ClusterSnapshot(services, pods, List.copyOf(nodes), true));
  }

  /** An ordered map, for {@link #set}. */
  static Map<ServiceInfo, List<Integer>> ordered() {
    return new LinkedHashMap<>();
  }
}
