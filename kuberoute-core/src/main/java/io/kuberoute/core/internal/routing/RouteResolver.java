package io.kuberoute.core.internal.routing;

import io.kuberoute.core.model.ClusterSnapshot;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.NodeInfo;
import io.kuberoute.core.model.PodInfo;
import io.kuberoute.core.model.ServiceInfo;
import io.kuberoute.core.model.ServiceRef;
import io.kuberoute.core.routing.NodeAddressMode;
import io.kuberoute.core.routing.RouteSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Computes, from a cluster snapshot, the records every qualifying service should publish.
 *
 * <ul>
 *   <li>A service qualifies if its type is one of {@code service_types} and it carries both the
 *       domain label and the name label (any value).
 *   <li>A pod belongs to a service if it is in the same namespace and its labels contain the
 *       service's selector. A service without a selector, or with an empty one, has no pods (as in
 *       Kubernetes, where such a service's endpoints are managed by hand).
 *   <li>A pod is live if its phase is Running, its Ready condition is True, it is not being
 *       deleted, and its node (by {@code spec.nodeName}, else by {@code status.hostIP}) exists, is
 *       schedulable and is Ready.
 *   <li>Quota: {@code 100 × distinct nodes with a live pod ÷ all nodes ≥ quota}; see {@link
 *       Decision} for the table that picks addresses or failover.
 * </ul>
 *
 * <p>Pure and thread-safe: no I/O, no logging. Services are processed in namespace/name order, so
 * when two services claim the same name the first one wins and the other gets a {@link
 * ServiceProblem.Reason#DuplicateName} problem. Cost is linear in services, pods and nodes: pods
 * are indexed by namespace and selector label.
 */
public final class RouteResolver {

  private final RouteSettings settings;

  public RouteResolver(RouteSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  public RouteSettings settings() {
    return settings;
  }

  /** True if {@code service} is one kuberoute routes (type and both labels). */
  public boolean qualifies(ServiceInfo service) {
    return settings.serviceTypes().contains(service.type())
        && service.labels().containsKey(settings.labels().domain())
        && service.labels().containsKey(settings.labels().name());
  }

  /** True if the pod counts towards a service: Running, Ready and not terminating. */
  public static boolean isLivePod(PodInfo pod) {
    return pod.isRunning() && pod.ready() && !pod.terminating();
  }

  public Resolution resolve(ClusterSnapshot snapshot) {
    Nodes nodes = new Nodes(snapshot.nodes());
    List<ServiceInfo> qualifying =
        snapshot.services().stream()
            .filter(this::qualifies)
            .sorted(Comparator.comparing(ServiceInfo::namespace).thenComparing(ServiceInfo::name))
            .toList();
    PodIndex pods = new PodIndex(snapshot.pods(), qualifying);
    Map<DnsName, ServiceRef> claimed = new HashMap<>();
    List<Route> routes = new ArrayList<>();
    List<ServiceProblem> problems = new ArrayList<>();
    for (ServiceInfo service : qualifying) {
      ServiceOutcome outcome = resolveOne(service, nodes, pods, claimed);
      if (outcome instanceof Route route) {
        routes.add(route);
      } else {
        problems.add((ServiceProblem) outcome);
      }
    }
    return new Resolution(routes, problems);
  }

  private ServiceOutcome resolveOne(
      ServiceInfo service, Nodes nodes, PodIndex pods, Map<DnsName, ServiceRef> claimed) {
    ServiceLabels labels = ServiceLabels.parse(service, settings);
    if (labels.nameProblem() != null) {
      return labels.nameProblem();
    }
    ServiceRef winner = claimed.get(labels.fqdn());
    if (winner != null) {
      return labels.duplicateOf(winner);
    }
    if (labels.labelProblem() != null) {
      return labels.labelProblem();
    }
    claimed.put(labels.fqdn(), service.ref());

    Set<String> servingNodes = new HashSet<>();
    for (PodInfo pod : pods.select(service)) {
      if (!isLivePod(pod)) {
        continue;
      }
      NodeInfo node = nodes.of(pod);
      if (node != null && node.isServing()) {
        servingNodes.add(node.name());
      }
    }
    NodeAddressMode mode = settings.nodeAddress();
    return RouteBuilder.build(
        labels, servingNodes, n -> nodes.addresses(n, mode), nodes.total(), settings.ttl());
  }

  /** Nodes by name, and by address for pods that only report a hostIP. */
  private static final class Nodes {
    final Map<String, NodeInfo> byName = new HashMap<>();
    final Map<String, NodeInfo> byAddress = new HashMap<>();
    final Map<String, NodeAddresses> addresses = new HashMap<>();
    final int total;

    Nodes(List<NodeInfo> nodes) {
      for (NodeInfo node : nodes) {
        byName.putIfAbsent(node.name(), node);
        for (String ip : node.internalIps()) {
          byAddress.merge(ip, node, Nodes::first);
        }
        for (String ip : node.externalIps()) {
          byAddress.merge(ip, node, Nodes::first);
        }
      }
      total = byName.size();
    }

    int total() {
      return total;
    }

    /** Of two nodes reporting the same address, the one whose name sorts first finds its pods. */
    static NodeInfo first(NodeInfo a, NodeInfo b) {
      return a.name().compareTo(b.name()) <= 0 ? a : b;
    }

    NodeInfo of(PodInfo pod) {
      if (pod.nodeName().isPresent()) {
        return byName.get(pod.nodeName().get());
      }
      return pod.hostIp().map(byAddress::get).orElse(null);
    }

    /** The node's addresses under {@code mode}, parsed once per resolution; non-IPs dropped. */
    NodeAddresses addresses(String nodeName, NodeAddressMode mode) {
      return addresses.computeIfAbsent(nodeName, n -> NodeAddresses.of(byName.get(n), mode));
    }
  }

  /**
   * Pods by (namespace, label key, label value) for the keys selectors use, so that finding a
   * service's pods costs the size of its smallest selector bucket.
   */
  private static final class PodIndex {
    /** The label keys a namespace's selectors use, and per key: label value → pods. */
    private record NamespaceIndex(String[] keys, List<Map<String, List<PodInfo>>> byKey) {
      Map<String, List<PodInfo>> of(String key) {
        for (int i = 0; i < keys.length; i++) {
          if (keys[i].equals(key)) {
            return byKey.get(i);
          }
        }
        return Map.of();
      }
    }

    private final Map<String, NamespaceIndex> byNamespace = new HashMap<>();

    /** Indexes, in one pass over the pods, every label a qualifying service's selector names. */
    PodIndex(List<PodInfo> pods, List<ServiceInfo> services) {
      Map<String, Set<String>> keysByNamespace = new HashMap<>();
      for (ServiceInfo service : services) {
        Map<String, String> selector = service.selector().orElse(Map.of());
        if (!selector.isEmpty()) {
          keysByNamespace
              .computeIfAbsent(service.namespace(), n -> new java.util.LinkedHashSet<>())
              .addAll(selector.keySet());
        }
      }
      keysByNamespace.forEach(
          (namespace, keys) -> {
            List<Map<String, List<PodInfo>>> byKey = new ArrayList<>(keys.size());
            for (int i = 0; i < keys.size(); i++) {
              byKey.add(new HashMap<>());
            }
            byNamespace.put(namespace, new NamespaceIndex(keys.toArray(String[]::new), byKey));
          });
      for (PodInfo pod : pods) {
        NamespaceIndex index = byNamespace.get(pod.namespace());
        if (index == null) {
          continue;
        }
        Map<String, String> labels = pod.labels();
        for (int i = 0; i < index.keys().length; i++) {
          String value = labels.get(index.keys()[i]);
          if (value != null) {
            index.byKey().get(i).computeIfAbsent(value, v -> new ArrayList<>(4)).add(pod);
          }
        }
      }
    }

    List<PodInfo> select(ServiceInfo service) {
      Map<String, String> selector = service.selector().orElse(Map.of());
      NamespaceIndex index = byNamespace.get(service.namespace());
      if (selector.isEmpty() || index == null) {
        return List.of();
      }
      List<PodInfo> smallest = null;
      for (Map.Entry<String, String> term : selector.entrySet()) {
        List<PodInfo> bucket = index.of(term.getKey()).getOrDefault(term.getValue(), List.of());
        if (smallest == null || bucket.size() < smallest.size()) {
          smallest = bucket;
        }
        if (smallest.isEmpty()) {
          return List.of();
        }
      }
      List<PodInfo> matching = new ArrayList<>(smallest.size());
      for (PodInfo pod : smallest) {
        if (Selectors.isSubset(selector, pod.labels())) {
          matching.add(pod);
        }
      }
      return matching;
    }
  }
}
