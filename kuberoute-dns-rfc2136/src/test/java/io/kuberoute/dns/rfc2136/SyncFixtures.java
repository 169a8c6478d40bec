package io.kuberoute.dns.rfc2136;

import static io.kuberoute.testkit.fixtures.Fixtures.node;
import static io.kuberoute.testkit.fixtures.Fixtures.pod;
import static io.kuberoute.testkit.fixtures.Fixtures.routed;
import static io.kuberoute.testkit.fixtures.Fixtures.withLabel;

import io.kuberoute.core.app.SyncService;
import io.kuberoute.core.app.SyncSettings;
import io.kuberoute.core.config.Secret;
import io.kuberoute.core.model.ClusterSnapshot;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.NodeInfo;
import io.kuberoute.core.model.PodInfo;
import io.kuberoute.core.model.ServiceInfo;
import io.kuberoute.core.plan.PlanSettings;
import io.kuberoute.core.plan.Policy;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.core.routing.RouteSettings;
import io.kuberoute.testkit.dns.TestDnsServer;
import io.kuberoute.testkit.fixtures.MutableClock;
import io.kuberoute.testkit.fixtures.MutableClusterSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A cluster that tests change between syncs, sync services over it, and the zone lines kuberoute
 * writes.
 */
final class SyncFixtures {

  static final String OWNER = "kuberoute";

  final MutableClusterSource cluster = new MutableClusterSource();
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:05:00Z"));

  /** Settings for {@code server}: its key, {@code zones} (none: found by SOA), a short timeout. */
  static Rfc2136Settings settings(TestDnsServer server, String... zones) {
    return Rfc2136Settings.defaults("127.0.0.1")
        .withPort(server.port())
        .withZones(zones)
        .withTsig(tsig(server.key()))
        .withTimeout(Duration.ofSeconds(3));
  }

  /** The backend's form of a key the test server knows. */
  static TsigKey tsig(TestDnsServer.Key key) {
    return new TsigKey(
        DnsName.of(key.name()),
        TsigAlgorithm.byName(key.algorithm()).orElseThrow(),
        Secret.of(key.secret()));
  }

  static SyncSettings syncSettings(String ownerId, boolean adopt) {
    return new SyncSettings(
        RouteSettings.defaults(),
        new PlanSettings(
            ownerId, Policy.SYNC, adopt, PlanSettings.DEFAULT_MAX_DELETE_PERCENT, false),
        Optional.empty(),
        Duration.ofSeconds(60),
        false);
  }

  SyncService service(DnsBackend backend, SyncSettings settings) {
    return SyncService.builder(cluster, backend, settings).clock(clock).build();
  }

  SyncService service(DnsBackend backend) {
    return service(backend, syncSettings(OWNER, true));
  }

  /** Sets the cluster: the services and one Ready node with a live pod per (service, node IP). */
  void set(List<ServiceInfo> services, Map<String, List<String>> nodeIpsByService) {
    set(services, nodeIpsByService, List.of());
  }

  /** As {@link #set(List, Map)}, plus nodes that run no pod of anything. */
  void set(
      List<ServiceInfo> services,
      Map<String, List<String>> nodeIpsByService,
      List<String> idleNodeIps) {
    List<PodInfo> pods = new ArrayList<>();
    Map<String, NodeInfo> nodes = new LinkedHashMap<>();
    nodeIpsByService.forEach(
        (service, ips) -> {
          for (String ip : ips) {
            String nodeName = nodeName(ip);
            nodes.putIfAbsent(nodeName, node(nodeName, ip));
            pods.add(pod(service + "-" + nodeName, service, nodeName));
          }
        });
    for (String ip : idleNodeIps) {
      nodes.putIfAbsent(nodeName(ip), node(nodeName(ip), ip));
    }
    cluster.set(new ClusterSnapshot(services, pods, List.copyOf(nodes.values()), true));
  }

  private static String nodeName(String ip) {
    return "node-" + ip.replace(':', '-').replace('.', '-');
  }

  /** A routed service {@code service} publishing {@code name.domain}. */
  static ServiceInfo service(String service, String name, String domain) {
    return routed(service, name, domain);
  }

  /** {@code s} with failover {@code target} and quota {@code quota}. */
  static ServiceInfo withFailover(ServiceInfo s, String target, String quota) {
    return withLabel(withLabel(s, "kuberoute_failover", target), "kuberoute_quota", quota);
  }

  /**
   * The zone lines kuberoute writes for {@code fqdn}: one per target ({@code A}, {@code AAAA} or,
   * for a name, {@code CNAME}) with TTL 60, and the mark of {@code service/default/<service>}.
   */
  static Set<String> published(String fqdn, String service, String... targets) {
    Set<String> out = new TreeSet<>();
    for (String t : targets) {
      String type =
          t.contains(":") ? "AAAA" : Character.isDigit(t.charAt(t.length() - 1)) ? "A" : "CNAME";
      out.add(fqdn + ". 60 " + type + " " + t + (type.equals("CNAME") ? "." : ""));
    }
    out.add(mark(fqdn, OWNER, "service/default/" + service));
    return out;
  }

  static String mark(String fqdn, String owner, String resource) {
    return "_kuberoute."
        + fqdn
        + ". 300 TXT \"heritage=kuberoute,owner="
        + owner
        + ",resource="
        + resource
        + "\"";
  }

  @SafeVarargs
  static Set<String> merged(Set<String>... sets) {
    Set<String> out = new TreeSet<>();
    for (Set<String> s : sets) {
      out.addAll(s);
    }
    return out;
  }
}
