package io.kuberoute.k8s;

import static io.kuberoute.k8s.K8sObjects.node;
import static io.kuberoute.k8s.K8sObjects.pod;
import static io.kuberoute.k8s.K8sObjects.routed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kuberoute.core.app.SyncResult;
import io.kuberoute.core.app.SyncService;
import io.kuberoute.core.app.SyncSettings;
import io.kuberoute.core.app.SyncTrigger;
import io.kuberoute.testkit.fixtures.InMemoryDnsBackend;
import io.kuberoute.testkit.k8s.MockApiServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ini4j.Ini;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ServiceAccount of every overlay under deploy/ may do exactly what kuberoute asks of the API
 * server, no more and no less: the program runs against fabric8's mock API server (informers, an
 * Event, and with leader election acquiring, renewing and releasing the Lease), every request is
 * recorded and checked against the rendered RBAC objects, and every granted verb must be one of the
 * recorded requests.
 */
class RbacIT {

  private static final String LEASE_NAMESPACE = DeployManifestsTest.NAMESPACE;

  private static final Pattern PATH =
      Pattern.compile(
          "/apis?(?:/(?<group>[^/]+))?/v1(?:/namespaces/(?<ns>[^/]+))?"
              + "/(?<resource>[^/?]+)(?:/(?<name>[^/?]+))?(?<query>\\?.*)?");

  /** Replays by lease name ("" without leader election). */
  private static final Map<String, List<Access>> REPLAYS = new ConcurrentHashMap<>();

  /**
   * The requests of the replays to non-resource URLs: only the probe of a silent API server, {@code
   * GET /version}, which Kubernetes lets every authenticated user (and, by default, every
   * unauthenticated one) make through the ClusterRole {@code system:public-info-viewer}, so deploy/
   * grants nothing for it.
   */
  private static final java.util.Set<String> NON_RESOURCE = ConcurrentHashMap.newKeySet();

  /** One API call as RBAC sees it. */
  record Access(String group, String namespace, String resource, String verb, String name) {
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

  static List<String> overlays() throws Exception {
    return DeployFiles.overlays();
  }

  @Test
  void withoutLeaderElectionKuberouteListsAndWatchesAndRecordsEvents() throws Exception {
    assertThat(new TreeSet<>(replay(Optional.empty()).stream().map(Access::toString).toList()))
        .containsExactly(
            "events create",
            "nodes list",
            "nodes watch",
            "pods list",
            "pods watch",
            "services list",
            "services watch");
  }

  @Test
  void withLeaderElectionItAlsoCreatesReadsAndPatchesItsLease() throws Exception {
    List<Access> accesses = replay(Optional.of("kuberoute"));

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
    assertThat(accesses)
        .filteredOn(a -> a.resource().equals("leases"))
        .allSatisfy(a -> assertThat(a.namespace()).isEqualTo(LEASE_NAMESPACE))
        .filteredOn(a -> !a.verb().equals("create"))
        .allSatisfy(a -> assertThat(a.name()).isEqualTo("kuberoute"));
  }

  @Test
  void theOnlyNonResourceRequestIsTheProbeOfASilentApiServer() throws Exception {
    replay(Optional.empty());
    assertThat(NON_RESOURCE).containsExactly("GET /version");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void theServiceAccountMayDoExactlyWhatKuberouteDoes(String overlay) throws Exception {
    List<HasMetadata> objects = DeployFiles.overlay(overlay);
    String namespace = DeployManifestsTest.deployment(objects).getMetadata().getNamespace();
    assertThat(namespace).isEqualTo(LEASE_NAMESPACE);
    Ini config = DeployManifestsTest.config(overlay, objects);
    boolean leaderElection =
        List.of("true", "yes", "on")
            .contains(
                Optional.ofNullable(config.get("kuberoute", "leader_election"))
                    .orElse("false")
                    .toLowerCase(Locale.ROOT));
    Optional<String> lease =
        leaderElection
            ? Optional.of(
                Optional.ofNullable(config.get("kuberoute", "lease_name")).orElse("kuberoute"))
            : Optional.empty();
    List<Access> accesses = replay(lease);
    DeployFiles.Grants grants = DeployFiles.grantsOf(objects, namespace, "kuberoute");

    // everything kuberoute does is allowed ...
    for (Access a : accesses) {
      assertThat(grants.allows(a.group(), a.resource(), a.verb(), a.name(), a.namespace()))
          .as("%s in %s is allowed (%s)", a, a.namespace(), overlay)
          .isTrue();
    }
    // ... and everything allowed is something kuberoute does
    assertUsed(grants.cluster(), null, accesses, overlay);
    grants.namespaced().forEach((ns, rules) -> assertUsed(rules, ns, accesses, overlay));
  }

  private static void assertUsed(
      List<PolicyRule> rules, String namespace, List<Access> accesses, String overlay) {
    for (PolicyRule r : rules) {
      List<String> names = r.getResourceNames() == null ? List.of() : r.getResourceNames();
      for (String group : r.getApiGroups()) {
        for (String resource : r.getResources()) {
          for (String verb : r.getVerbs()) {
            List<Access> matching =
                accesses.stream()
                    .filter(
                        a ->
                            a.group().equals(group)
                                && a.resource().equals(resource)
                                && a.verb().equals(verb))
                    .filter(a -> namespace == null || namespace.equals(a.namespace()))
                    .toList();
            String what =
                (group.isEmpty() ? "" : group + "/")
                    + resource
                    + " "
                    + verb
                    + (namespace == null ? "" : " in " + namespace);
            assertThat(matching)
                .as("%s is granted (%s) but kuberoute never does it", what, overlay)
                .isNotEmpty();
            for (String name : names) {
              assertThat(matching)
                  .as("%s on %s is granted (%s) but kuberoute never does it", what, name, overlay)
                  .anyMatch(a -> name.equals(a.name()));
            }
          }
        }
      }
    }
  }

  /**
   * Every request kuberoute makes, with leader election on the Lease {@code lease} when present.
   */
  private static synchronized List<Access> replay(Optional<String> lease) throws Exception {
    List<Access> known = REPLAYS.get(lease.orElse(""));
    if (known != null) {
      return known;
    }
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
              lease.map(
                  name -> new KubernetesOptions.LeaseSettings(name, LEASE_NAMESPACE, "pod-1")));
      System.setProperty(ApiServerHealth.Timings.SILENCE_PROPERTY, "300");
      KubernetesCluster cluster;
      try {
        cluster =
            KubernetesCluster.start(
                server.client(),
                options,
                new LeaseLeadership.Timings(
                    Duration.ofMillis(3000), Duration.ofMillis(2000), Duration.ofMillis(300)));
      } finally {
        System.clearProperty(ApiServerHealth.Timings.SILENCE_PROPERTY);
      }
      try {
        SyncService sync =
            SyncService.builder(
                    cluster.source(), new InMemoryDnsBackend("kuberoute"), SyncSettings.defaults())
                .events(cluster.events())
                .leadership(cluster.leadership())
                .build();
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> cluster.source().isSynced() && cluster.leadership().isLeader());
        assertThat(sync.sync(SyncTrigger.FULL).outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
        // the InvalidQuota event for api
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> {
                  record(server.requests(), accesses);
                  // with a silence of 300 ms (below) the source probes the API server too
                  return accesses.stream().anyMatch(a -> a.resource().equals("events"))
                      && !NON_RESOURCE.isEmpty();
                });
      } finally {
        cluster.close(); // releases the lease
      }
      record(server.requests(), accesses);
    }
    List<Access> done = List.copyOf(accesses);
    REPLAYS.put(lease.orElse(""), done);
    return done;
  }

  private static void record(List<String> requests, List<Access> into) {
    for (String r : requests) {
      String[] parts = r.split(" ", 2);
      if (!parts[1].startsWith("/api/") && !parts[1].startsWith("/apis/")) {
        NON_RESOURCE.add(r);
      } else {
        into.add(Access.of(parts[0], parts[1]));
      }
    }
  }
}
