package io.kuberoute.core.testing;

import io.kuberoute.core.model.ClusterSnapshot;
import io.kuberoute.core.model.NodeInfo;
import io.kuberoute.core.model.PodInfo;
import io.kuberoute.core.model.Readiness;
import io.kuberoute.core.model.Scheduling;
import io.kuberoute.core.model.ServiceInfo;
import io.kuberoute.core.model.Termination;
import io.kuberoute.core.port.ClusterChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

/**
 * A small cluster that changes at random, one object at a time, for tests that compare the
 * incremental engine with a full resolution. Names, labels and addresses come from small pools,
 * so that duplicates, shared addresses, invalid labels and selector overlaps happen often.
 */
public final class RandomCluster {

  private static final String[] NAMESPACES = {"a", "b"};
  private static final String[] APPS = {"web", "api", "db"};
  private static final String[] DOMAINS = {"example.com", "example.org", "other.net"};

  private final Random random;
  private final Map<String, ServiceInfo> services = new TreeMap<>();
  private final Map<String, PodInfo> pods = new TreeMap<>();
  private final Map<String, NodeInfo> nodes = new TreeMap<>();

  public RandomCluster(long seed) {
    this.random = new Random(seed);
  }

  /** A random starting cluster. */
  public RandomCluster populate() {
    for (int i = 0; i < 5; i++) {
      NodeInfo n = node("n" + i);
      nodes.put(n.name(), n);
    }
    for (int i = 0; i < 8; i++) {
      ServiceInfo s = service(NAMESPACES[random.nextInt(2)], "s" + i);
      services.put(s.namespace() + "/" + s.name(), s);
    }
    for (int i = 0; i < 25; i++) {
      PodInfo p = pod(NAMESPACES[random.nextInt(2)], "p" + i);
      pods.put(p.namespace() + "/" + p.name(), p);
    }
    return this;
  }

  public ClusterSnapshot snapshot() {
    return new ClusterSnapshot(List.copyOf(services.values()), List.copyOf(pods.values()), List.copyOf(nodes.values()), true);
  }

  /** Changes one object at random (adds, changes or removes it) and says what changed. */
  public ClusterChange next() {
    int kind = random.nextInt(10);
    if (kind < 6) {
      String ns = NAMESPACES[random.nextInt(2)];
      String name = "p" + random.nextInt(35);
      String key = ns + "/" + name;
      if (pods.containsKey(key) && random.nextInt(4) == 0) {
        pods.remove(key);
        return ClusterChange.podGone(ns, name);
      }
      PodInfo p = pod(ns, name);
      pods.put(key, p);
      return ClusterChange.pod(p);
    }
    if (kind < 8) {
      String name = "n" + random.nextInt(7);
      if (nodes.containsKey(name) && random.nextInt(4) == 0) {
        nodes.remove(name);
        return ClusterChange.nodeGone(name);
      }
      NodeInfo n = node(name);
      nodes.put(name, n);
      return ClusterChange.node(n);
    }
    String ns = NAMESPACES[random.nextInt(2)];
    String name = "s" + random.nextInt(10);
    String key = ns + "/" + name;
    if (services.containsKey(key) && random.nextInt(4) == 0) {
      services.remove(key);
      return ClusterChange.serviceGone(ns, name);
    }
    ServiceInfo s = service(ns, name);
    services.put(key, s);
    return ClusterChange.service(s);
  }

  private NodeInfo node(String name) {
    int ip = random.nextInt(8); // shared addresses happen
    List<String> internal = List.of("10.0.0." + ip);
    List<String> external = random.nextInt(3) == 0 ? List.of() : List.of("203.0.113." + random.nextInt(8));
    return new NodeInfo(
        name,
        internal,
        external,
        Scheduling.cordonedIf(random.nextInt(6) == 0),
        Readiness.readyIf(random.nextInt(6) != 0));
  }

  private PodInfo pod(String ns, String name) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app", APPS[random.nextInt(APPS.length)]);
    if (random.nextBoolean()) {
      labels.put("tier", random.nextBoolean() ? "front" : "back");
    }
    String phase = random.nextInt(8) == 0 ? "Pending" : "Running";
    boolean ready = random.nextInt(5) != 0;
    boolean terminating = random.nextInt(10) == 0;
    Optional<String> node = random.nextInt(6) == 0 ? Optional.empty() : Optional.of("n" + random.nextInt(7));
    Optional<String> hostIp = Optional.of("10.0.0." + random.nextInt(8));
    return new PodInfo(
        ns, name, labels, phase, Readiness.readyIf(ready), Termination.terminatingIf(terminating), node, hostIp);
  }

  private ServiceInfo service(String ns, String name) {
    Map<String, String> labels = new LinkedHashMap<>();
    int roll = random.nextInt(12);
    if (roll != 0) {
      labels.put("kuberoute_domain", roll == 1 ? "bad..domain" : DOMAINS[random.nextInt(DOMAINS.length)]);
    }
    labels.put("kuberoute_name", "n" + random.nextInt(5)); // duplicates happen
    int q = random.nextInt(6);
    if (q < 4) {
      labels.put("kuberoute_quota", String.valueOf(q * 25));
    } else if (q == 4) {
      labels.put("kuberoute_quota", "lots");
    }
    int f = random.nextInt(5);
    if (f == 0) {
      labels.put("kuberoute_failover", "192.0.2.1");
    } else if (f == 1) {
      labels.put("kuberoute_failover", "fallback.example.net");
    } else if (f == 2) {
      labels.put("kuberoute_failover", "not a name!");
    }
    Map<String, String> selector = new LinkedHashMap<>();
    int sel = random.nextInt(6);
    if (sel > 0) {
      selector.put("app", APPS[random.nextInt(APPS.length)]);
    }
    if (sel == 2 || sel == 5) {
      selector.put("tier", random.nextBoolean() ? "front" : "back");
    }
    String type = random.nextInt(10) == 0 ? "ClusterIP" : "NodePort";
    return new ServiceInfo(ns, name, type, labels, selector.isEmpty() && random.nextBoolean() ? Optional.empty() : Optional.of(selector));
  }
}
