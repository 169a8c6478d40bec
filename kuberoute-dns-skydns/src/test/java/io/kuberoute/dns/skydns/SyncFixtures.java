package io.kuberoute.dns.skydns;

import static io.kuberoute.testkit.fixtures.Fixtures.node;
import static io.kuberoute.testkit.fixtures.Fixtures.pod;
import static io.kuberoute.testkit.fixtures.Fixtures.routed;

import io.kuberoute.core.app.HeartbeatSettings;
import io.kuberoute.core.app.SyncService;
import io.kuberoute.core.app.SyncSettings;
import io.kuberoute.core.config.ConfigSection;
import io.kuberoute.core.model.ClusterSnapshot;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.NodeInfo;
import io.kuberoute.core.model.Ownership;
import io.kuberoute.core.model.PodInfo;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.ServiceInfo;
import io.kuberoute.core.plan.PlanSettings;
import io.kuberoute.core.plan.Policy;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.core.routing.RouteSettings;
import io.kuberoute.testkit.etcd.EtcdServer;
import io.kuberoute.testkit.fixtures.MutableClock;
import io.kuberoute.testkit.fixtures.MutableClusterSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A cluster that tests change between syncs, and sync services over SkyDNS backends. */
final class SyncFixtures {

  static final String PREFIX = "/skydns";
  static final SkyDnsLayout LAYOUT = new SkyDnsLayout(PREFIX);

  final MutableClusterSource cluster = new MutableClusterSource();
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:05:00Z"));

  /** {@code [skydns]} settings for {@code etcd} with extra keys. */
  static SkyDnsSettings settings(EtcdServer etcd, String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("endpoints", etcd.endpoint());
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return SkyDnsSettings.fromConfig(new ConfigSection("skydns", m));
  }

  static SyncSettings syncSettings(
      String ownerId, boolean adopt, Optional<HeartbeatSettings> heartbeat) {
    return new SyncSettings(
        RouteSettings.defaults(),
        new PlanSettings(
            ownerId, Policy.SYNC, adopt, PlanSettings.DEFAULT_MAX_DELETE_PERCENT, false),
        heartbeat,
        Duration.ofSeconds(60),
        false);
  }

  SyncService service(DnsBackend backend, SyncSettings settings) {
    return SyncService.builder(cluster, backend, settings).clock(clock).build();
  }

  SyncService service(DnsBackend backend) {
    return service(backend, syncSettings("kuberoute", true, Optional.empty()));
  }

  /** Sets the cluster: the services and one Ready node with a live pod per (service, node IP). */
  void set(List<ServiceInfo> services, Map<String, List<String>> nodeIpsByService) {
    List<PodInfo> pods = new ArrayList<>();
    Map<String, NodeInfo> nodes = new LinkedHashMap<>();
    nodeIpsByService.forEach(
        (service, ips) -> {
          for (String ip : ips) {
            String nodeName = "node-" + ip.replace(':', '-').replace('.', '-');
            nodes.putIfAbsent(nodeName, node(nodeName, ip));
            pods.add(pod(service + "-" + nodeName, service, nodeName));
          }
        });
    cluster.set(new ClusterSnapshot(services, pods, List.copyOf(nodes.values()), true));
  }

  /** A routed service {@code service} publishing {@code name.domain}. */
  static ServiceInfo service(String service, String name, String domain) {
    return routed(service, name, domain);
  }

  /** The key of one target of {@code name}. */
  static String key(String name, String target) {
    return LAYOUT.key(DnsName.of(name), target);
  }

  /** The JSON kuberoute writes. */
  static String json(String host, long ttl, String owner, String resource, String group) {
    return "{\"host\":\"%s\",\"ttl\":%d,\"owner\":\"%s\",\"resource\":\"%s\",\"group\":\"%s\"}"
        .formatted(host, ttl, owner, resource, group);
  }

  /**
   * The key → JSON kuberoute writes for the A/AAAA/CNAME targets of {@code name}, owner kuberoute,
   * TTL 60, claimed by the service {@code default/<first label of name>} (as {@link #service} names
   * them in these tests).
   */
  static Map<String, String> published(String name, String... targets) {
    return publishedBy("service/default/" + name.substring(0, name.indexOf('.')), name, targets);
  }

  /** As {@link #published}, claimed by {@code resource}. */
  static Map<String, String> publishedBy(String resource, String name, String... targets) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String t : targets) {
      out.put(key(name, t), json(t, 60, "kuberoute", resource, name));
    }
    return out;
  }

  /**
   * The keys someone other than kuberoute writes for {@code record}: leaves {@code x1..xN} as the
   * original kuberoute wrote them, {@code host} and {@code ttl}, and the mark's {@code owner} and
   * {@code resource} when it has them.
   */
  static Map<String, String> foreignKeys(RecordSet record, Ownership ownership) {
    String path = LAYOUT.path(record.name());
    String mark =
        ownership.owner().map(o -> ",\"owner\":\"" + o + "\"").orElse("")
            + ownership.resource().map(r -> ",\"resource\":\"" + r + "\"").orElse("");
    Map<String, String> out = new LinkedHashMap<>();
    int i = 1;
    for (String target : record.targets()) {
      out.put(
          path + "/x" + i++, "{\"host\":\"" + target + "\",\"ttl\":" + record.ttl() + mark + "}");
    }
    return out;
  }

  @SafeVarargs
  static Map<String, String> merged(Map<String, String>... maps) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map<String, String> m : maps) {
      out.putAll(m);
    }
    return out;
  }
}
