package io.kuberoute.bench;

import com.google.common.net.InetAddresses;
import io.kuberoute.core.internal.routing.*;
import io.kuberoute.core.model.ClusterSnapshot;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.NodeInfo;
import io.kuberoute.core.model.PodInfo;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import io.kuberoute.core.model.ServiceInfo;
import io.kuberoute.core.model.ServiceRef;
import io.kuberoute.core.routing.*;
import io.kuberoute.core.template.Template;
import io.kuberoute.core.template.TemplateException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The route resolver as it was before issue 13 (commit a0e6352), kept only so that the resolve+plan
 * benchmark can compare the current one with it in the same run: on this shared machine figures
 * from different runs differ by up to 2x.
 */
final class BeforeRouteResolver {

  private final RouteSettings settings;

  BeforeRouteResolver(RouteSettings settings) {
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
      Object outcome = resolveOne(service, nodes, pods, claimed);
      if (outcome instanceof Route route) {
        routes.add(route);
      } else {
        problems.add((ServiceProblem) outcome);
      }
    }
    return new Resolution(routes, problems);
  }

  private Object resolveOne(
      ServiceInfo service, Nodes nodes, PodIndex pods, Map<DnsName, ServiceRef> claimed) {
    LabelKeys keys = settings.labels();
    Map<String, String> labels = service.labels();
    String domainText;
    String nameText;
    try {
      domainText = render(labels.get(keys.domain()));
      nameText = render(labels.get(keys.name()));
    } catch (TemplateException e) {
      return problem(service, ServiceProblem.Reason.InvalidTemplate, e.getMessage(), null);
    }
    DnsName domain;
    DnsName fqdn;
    try {
      domain = DnsName.of(domainText);
      fqdn = DnsName.of(nameText + "." + domainText);
    } catch (IllegalArgumentException e) {
      return problem(
          service,
          ServiceProblem.Reason.InvalidDnsName,
          "labels %s='%s' and %s='%s' do not form a valid DNS name: %s"
              .formatted(keys.name(), nameText, keys.domain(), domainText, e.getMessage()),
          null);
    }
    ServiceRef winner = claimed.get(fqdn);
    if (winner != null) {
      return problem(
          service,
          ServiceProblem.Reason.DuplicateName,
          "name %s is already claimed by service %s (the first by namespace/name wins)"
              .formatted(fqdn, winner),
          null);
    }
    Quota quota = Quota.NONE;
    String quotaLabel = labels.get(keys.quota());
    if (quotaLabel != null) {
      try {
        quota = Quota.parse(quotaLabel);
      } catch (IllegalArgumentException e) {
        return problem(
            service,
            ServiceProblem.Reason.InvalidQuota,
            "label %s: %s".formatted(keys.quota(), e.getMessage()),
            fqdn);
      }
    }
    Optional<Failover> failover = Optional.empty();
    String failoverLabel = labels.get(keys.failover());
    if (failoverLabel != null && !failoverLabel.isBlank()) {
      try {
        failover = Optional.of(Failover.parse(render(failoverLabel)));
      } catch (TemplateException e) {
        return problem(service, ServiceProblem.Reason.InvalidTemplate, e.getMessage(), fqdn);
      } catch (IllegalArgumentException e) {
        return problem(
            service,
            ServiceProblem.Reason.InvalidFailover,
            "label %s: %s".formatted(keys.failover(), e.getMessage()),
            fqdn);
      }
    }
    claimed.put(fqdn, service.ref());

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
    List<String> v4 = new ArrayList<>(servingNodes.size());
    List<String> v6 = new ArrayList<>(0);
    for (String nodeName : servingNodes) {
      NodeAddresses addresses = nodes.addresses(nodeName, settings.nodeAddress());
      v4.addAll(addresses.v4());
      v6.addAll(addresses.v6());
    }
    v4 = sortedDistinct(v4);
    v6 = sortedDistinct(v6);
    List<String> endpoints = new ArrayList<>(v4);
    endpoints.addAll(v6);

    boolean quotaMet = quota.isMetBy(servingNodes.size(), nodes.total());
    Decision decision = Decision.decide(quotaMet, !endpoints.isEmpty(), failover.isPresent());
    List<RecordSet> records = new ArrayList<>(2);
    long ttl = settings.ttl();
    switch (decision) {
      case ADDRESSES, REMAINING_ADDRESSES -> {
        if (!v4.isEmpty()) {
          records.add(RecordSet.of(fqdn, RecordType.A, ttl, v4));
        }
        if (!v6.isEmpty()) {
          records.add(RecordSet.of(fqdn, RecordType.AAAA, ttl, v6));
        }
      }
      case FAILOVER -> records.add(failover.orElseThrow().recordAt(fqdn, ttl));
      case NONE -> {}
    }
    return new Route(
        service.ref(),
        fqdn,
        domain,
        quota,
        servingNodes.size(),
        nodes.total(),
        List.copyOf(endpoints),
        failover,
        decision,
        records);
  }

  private static List<String> sortedDistinct(List<String> values) {
    if (values.size() < 2) {
      return values;
    }
    return values.stream().sorted().distinct().toList();
  }

  private String render(String labelValue) {
    if (!Template.isTemplate(labelValue)) {
      return labelValue;
    }
    return Template.compile(labelValue).render(settings.replacements());
  }

  private static ServiceProblem problem(
      ServiceInfo service, ServiceProblem.Reason reason, String message, DnsName fqdn) {
    return new ServiceProblem(service.ref(), reason, message, Optional.ofNullable(fqdn));
  }

  /** A node's published addresses under the address mode, canonical, split by family. */
  private record NodeAddresses(List<String> v4, List<String> v6) {}

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
          byAddress.putIfAbsent(ip, node);
        }
        for (String ip : node.externalIps()) {
          byAddress.putIfAbsent(ip, node);
        }
      }
      total = byName.size();
    }

    int total() {
      return total;
    }

    NodeInfo of(PodInfo pod) {
      if (pod.nodeName().isPresent()) {
        return byName.get(pod.nodeName().get());
      }
      return pod.hostIp().map(byAddress::get).orElse(null);
    }

    /** The node's addresses under {@code mode}, parsed once per resolution; non-IPs dropped. */
    NodeAddresses addresses(String nodeName, NodeAddressMode mode) {
      return addresses.computeIfAbsent(
          nodeName,
          n -> {
            NodeInfo node = byName.get(n);
            List<String> v4 = new ArrayList<>(1);
            List<String> v6 = new ArrayList<>(0);
            for (String address : mode.select(node.internalIps(), node.externalIps())) {
              if (!InetAddresses.isInetAddress(address)) {
                continue;
              }
              InetAddress ip = InetAddresses.forString(address);
              (ip instanceof Inet4Address ? v4 : v6).add(InetAddresses.toAddrString(ip));
            }
            return new NodeAddresses(v4, v6);
          });
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
