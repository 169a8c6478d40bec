package io.kuberoute.k8s;

import static io.kuberoute.k8s.K8sObjects.node;
import static io.kuberoute.k8s.K8sObjects.pod;
import static io.kuberoute.k8s.K8sObjects.routed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kuberoute.core.app.SyncResult;
import io.kuberoute.core.app.SyncService;
import io.kuberoute.core.app.SyncSettings;
import io.kuberoute.core.app.SyncTrigger;
import io.kuberoute.core.testing.InMemoryDnsBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Everything kuberoute asks of the API server (informers, events, leader election, releasing the
 * lease) is allowed by the RBAC objects under deploy/, checked request by request.
 */
class RbacIT {

  private static final Pattern PATH =
      Pattern.compile(
          "/apis?(?:/(?<group>[^/]+))?/v1(?:/namespaces/(?<ns>[^/]+))?"
              + "/(?<resource>[^/?]+)(?:/(?<name>[^/?]+))?(?<query>\\?.*)?");

  /** One API call as RBAC sees it. */
  private record Access(String group, String namespace, String resource, String verb, String name) {
    static Access of(String method, String path) {
      Matcher m = PATH.matcher(path);
      if (!m.matches()) {
        throw new AssertionError("unexpected request " + method + " " + path);
      }
      String group = m.group("group") == null ? "" : m.group("group");
      String name = m.group("name");
      String query = m.group("query") == null ? "" : m.group("query");
      String verb =
          switch (method) {
            case "GET" -> query.contains("watch=true") ? "watch" : name == null ? "list" : "get";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> "delete";
            default -> throw new AssertionError("unexpected method " + method);
          };
      return new Access(group, m.group("ns"), m.group("resource"), verb, name);
    }

    @Override
    public String toString() {
      return (group.isEmpty() ? "" : group + "/") + resource + " " + verb;
    }
  }

  @Test
  void everyRequestKuberouteMakesIsAllowedByTheDeployedRoles() throws Exception {
    ClusterRole clusterRole = DeployFiles.one(ClusterRole.class, "kuberoute");
    Role leaseRole = DeployFiles.one(Role.class, "kuberoute-leader-election");
    List<Access> accesses = new ArrayList<>();
    try (MockApiServer server = MockApiServer.start()) {
      KubernetesClient admin = server.client();
      admin.resource(node("n1", "10.0.0.1", null, false, true)).create();
      admin.resource(routed("default", "shop")).create();
      admin.resource(routed("default", "api", Map.of("kuberoute_quota", "lots"))).create();
      admin.resource(pod("default", "shop-1", "shop", "n1", "Running", true)).create();
      server.requests(); // the set-up above is not kuberoute's doing

      KubernetesOptions options =
          new KubernetesOptions(
              Namespaces.of("default"),
              "kuberoute_domain",
              Duration.ofSeconds(60),
              Optional.of(new KubernetesOptions.LeaseSettings("kuberoute", "kuberoute", "pod-1")));
      KubernetesCluster cluster =
          KubernetesCluster.start(
              server.client(),
              options,
              new LeaseLeadership.Timings(Duration.ofMillis(3000), Duration.ofMillis(2000), Duration.ofMillis(300)));
      try {
        SyncService sync =
            SyncService.builder(cluster.source(), new InMemoryDnsBackend("kuberoute"), SyncSettings.defaults())
                .events(cluster.events())
                .leadership(cluster.leadership())
                .build();
        await().atMost(Duration.ofSeconds(20)).until(() -> cluster.source().isSynced() && cluster.leadership().isLeader());
        assertThat(sync.sync(SyncTrigger.FULL).outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
        // the InvalidQuota event for api
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> {
                  for (String r : server.requests()) {
                    String[] parts = r.split(" ", 2);
                    accesses.add(Access.of(parts[0], parts[1]));
                  }
                  return accesses.stream().anyMatch(a -> a.resource().equals("events"));
                });
      } finally {
        cluster.close(); // releases the lease
      }
      for (String r : server.requests()) {
        String[] parts = r.split(" ", 2);
        accesses.add(Access.of(parts[0], parts[1]));
      }
    }

    for (Access a : accesses) {
      boolean allowed =
          DeployFiles.allows(clusterRole.getRules(), a.group(), a.resource(), a.verb(), a.name())
              || ("kuberoute".equals(a.namespace())
                  && DeployFiles.allows(leaseRole.getRules(), a.group(), a.resource(), a.verb(), a.name()));
      assertThat(allowed).as("%s is allowed", a).isTrue();
    }
    assertThat(new TreeSet<>(accesses.stream().map(Access::toString).toList()))
        .containsExactly(
            "coordination.k8s.io/leases create",
            "coordination.k8s.io/leases get",
            "coordination.k8s.io/leases patch",
            "events create",
            "nodes list",
            "nodes watch",
            "pods list",
            "pods watch",
            "services list",
            "services watch");
  }
}
