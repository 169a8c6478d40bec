package io.kuberoute.bench;

import io.kuberoute.core.model.ClusterSnapshot;
import io.kuberoute.core.model.DesiredRecord;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.NodeInfo;
import io.kuberoute.core.model.PodInfo;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import io.kuberoute.core.model.ServiceInfo;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Benchmark-only: the original program's way of computing the records (behaviour §3-§4), written in
 * Java over the same snapshot: for each qualifying service scan all pods for the selector and
 * namespace; for each matching pod that is Running and Ready scan all nodes for the first whose
 * first InternalIP equals the pod's hostIP and check it is schedulable; publish the distinct host
 * IPs; quota over all nodes; failover from the label. No indexes, as in the original.
 */
public final class OriginalAlgorithm {
  private OriginalAlgorithm() {}

  public static List<DesiredRecord> desired(ClusterSnapshot snapshot, long ttl) {
    List<DesiredRecord> out = new ArrayList<>();
    List<PodInfo> pods = snapshot.pods();
    List<NodeInfo> nodes = snapshot.nodes();
    for (ServiceInfo service : snapshot.services()) {
      Map<String, String> labels = service.labels();
      if (!"NodePort".equals(service.type())
          || !labels.containsKey("kuberoute_domain")
          || !labels.containsKey("kuberoute_name")) {
        continue;
      }
      Map<String, String> selector = service.selector().orElse(Map.of());
      Set<String> addresses = new LinkedHashSet<>();
      for (PodInfo pod : pods) {
        if (pod.labels().isEmpty()
            || !pod.namespace().equals(service.namespace())
            || !isSubset(selector, pod.labels())) {
          continue;
        }
        if (!pod.isRunning() || !pod.ready()) {
          continue;
        }
        String hostIp = pod.hostIp().orElse("");
        NodeInfo node = null;
        for (NodeInfo candidate : nodes) {
          if (!candidate.internalIps().isEmpty() && candidate.internalIps().get(0).equals(hostIp)) {
            node = candidate;
            break;
          }
        }
        if (node != null && !node.unschedulable()) {
          addresses.add(hostIp);
        }
      }
      int quota =
          labels.containsKey("kuberoute_quota")
              ? Integer.parseInt(labels.get("kuberoute_quota"))
              : 0;
      double current = nodes.isEmpty() ? 0 : 100.0 * addresses.size() / nodes.size();
      boolean fulfilled = quota == 0 || current >= quota;
      String failover = labels.get("kuberoute_failover");
      DnsName fqdn =
          DnsName.of(labels.get("kuberoute_name") + "." + labels.get("kuberoute_domain"));
      RecordSet record;
      if (!fulfilled && failover == null) {
        record = addresses.isEmpty() ? null : RecordSet.of(fqdn, RecordType.A, ttl, addresses);
      } else if (!fulfilled || addresses.isEmpty()) {
        record = failover == null ? null : failoverRecord(fqdn, failover, ttl);
      } else {
        record = RecordSet.of(fqdn, RecordType.A, ttl, addresses);
      }
      if (record != null) {
        out.add(new DesiredRecord(record, "service/" + service.namespace() + "/" + service.name()));
      }
    }
    return out;
  }

  private static RecordSet failoverRecord(DnsName fqdn, String failover, long ttl) {
    boolean ip = com.google.common.net.InetAddresses.isInetAddress(failover);
    return RecordSet.of(fqdn, ip ? RecordType.A : RecordType.CNAME, ttl, List.of(failover));
  }

  private static boolean isSubset(Map<String, String> selector, Map<String, String> labels) {
    for (Map.Entry<String, String> e : selector.entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
