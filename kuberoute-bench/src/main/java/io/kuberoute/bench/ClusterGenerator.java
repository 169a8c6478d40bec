package io.kuberoute.bench;

import io.kuberoute.core.model.ClusterSnapshot;
import io.kuberoute.core.model.CurrentRecord;
import io.kuberoute.core.model.DesiredRecord;
import io.kuberoute.core.model.NodeInfo;
import io.kuberoute.core.model.Ownership;
import io.kuberoute.core.model.PodInfo;
import io.kuberoute.core.model.Readiness;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import io.kuberoute.core.model.Scheduling;
import io.kuberoute.core.model.ServiceInfo;
import io.kuberoute.core.model.Termination;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Builds a reproducible cluster of a given size: {@code services} NodePort services in 10
 * namespaces and 10 domains, {@code pods} pods spread evenly over them and randomly over {@code
 * nodes} nodes. About 2% of nodes are cordoned and 2% NotReady; about 5% of pods are not Running or
 * not Ready, 1% terminating. Quotas are 0, 25, 50 or 75; half the services have a failover.
 */
public final class ClusterGenerator {

  public static final int NAMESPACES = 10;
  public static final int DOMAINS = 10;

  private ClusterGenerator() {}

  /** A cluster size: (services, pods, nodes). */
  public record Size(String name, int services, int pods, int nodes) {
    public static final Size SMALL = new Size("small", 1_000, 10_000, 500);
    public static final Size LARGE = new Size("large", 10_000, 100_000, 5_000);

    public static Size of(String name) {
      return switch (name) {
        case "small" -> SMALL;
        case "large" -> LARGE;
        default -> throw new IllegalArgumentException("size must be small or large: " + name);
      };
    }

    @Override
    public String toString() {
      return "(%,d services, %,d pods, %,d nodes)".formatted(services, pods, nodes);
    }
  }

  public static String nodeName(int i) {
    return "node-" + i;
  }

  public static String internalIp(int i) {
    return "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
  }

  public static String externalIp(int i) {
    return "100." + (64 + (i >> 16 & 63)) + "." + (i >> 8 & 255) + "." + (i & 255);
  }

  public static String namespace(int service) {
    return "ns-" + service % NAMESPACES;
  }

  public static String domain(int service) {
    return "d" + service % DOMAINS + ".example.com";
  }

  public static ClusterSnapshot generate(Size size, long seed) {
    Random random = new Random(seed);
    List<NodeInfo> nodes = new ArrayList<>(size.nodes());
    for (int i = 0; i < size.nodes(); i++) {
      boolean cordoned = random.nextInt(100) < 2;
      boolean notReady = random.nextInt(100) < 2;
      nodes.add(
          new NodeInfo(
              nodeName(i),
              List.of(internalIp(i)),
              List.of(externalIp(i)),
              Scheduling.cordonedIf(cordoned),
              Readiness.readyIf(!notReady)));
    }
    List<ServiceInfo> services = new ArrayList<>(size.services());
    for (int s = 0; s < size.services(); s++) {
      services.add(service(s, random));
    }
    List<PodInfo> pods = new ArrayList<>(size.pods());
    for (int p = 0; p < size.pods(); p++) {
      int s = p % size.services();
      int n = random.nextInt(size.nodes());
      int roll = random.nextInt(100);
      String phase = roll < 3 ? "Pending" : "Running";
      boolean ready = roll >= 5;
      boolean terminating = roll == 99;
      pods.add(
          new PodInfo(
              namespace(s),
              "svc-" + s + "-" + p,
              Map.of(
                  "app",
                  "svc-" + s,
                  "tier",
                  "web",
                  "pod-template-hash",
                  Integer.toHexString(s * 31 + 7)),
              phase,
              Readiness.readyIf(ready),
              Termination.terminatingIf(terminating),
              Optional.of(nodeName(n)),
              Optional.of(internalIp(n))));
    }
    return new ClusterSnapshot(services, pods, nodes, true);
  }

  private static ServiceInfo service(int s, Random random) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app", "svc-" + s);
    labels.put("kuberoute_domain", domain(s));
    labels.put("kuberoute_name", "svc-" + s);
    labels.put("kuberoute_quota", String.valueOf(25 * random.nextInt(4)));
    if (s % 2 == 0) {
      labels.put(
          "kuberoute_failover",
          s % 4 == 0 ? "fo-" + s + ".example.net" : "192.0.2." + (s % 250 + 1));
    }
    return new ServiceInfo(
        namespace(s),
        "svc-" + s,
        "NodePort",
        labels,
        Optional.of(Map.of("app", "svc-" + s, "tier", "web")));
  }

  /**
   * What DNS holds, given what is desired: the same records owned by us, with about 5% drift: 2%
   * with other targets, 2% missing, and 1% extra records of services that are gone.
   */
  public static List<CurrentRecord> currentWithDrift(List<DesiredRecord> desired, long seed) {
    Random random = new Random(seed);
    List<CurrentRecord> current = new ArrayList<>(desired.size());
    int extra = 0;
    for (DesiredRecord d : desired) {
      int roll = random.nextInt(100);
      RecordSet r = d.record();
      if (roll < 2) {
        continue; // missing: a create
      }
      if (roll < 4) {
        r =
            RecordSet.of(
                r.name(), RecordType.A, r.ttl(), List.of("203.0.113." + random.nextInt(250)));
        if (d.record().type() != RecordType.A) {
          r = RecordSet.of(r.name(), RecordType.A, r.ttl(), List.of("203.0.113.1"));
        }
      }
      current.add(new CurrentRecord(r, Ownership.ownedBy("kuberoute", d.resource())));
      if (roll == 4) {
        RecordSet orphan =
            RecordSet.of(
                r.name().prepend("gone" + extra++), RecordType.A, 60, List.of("198.51.100.7"));
        current.add(new CurrentRecord(orphan, Ownership.ownedBy("kuberoute", "service/gone/x")));
      }
    }
    return current;
  }
}
