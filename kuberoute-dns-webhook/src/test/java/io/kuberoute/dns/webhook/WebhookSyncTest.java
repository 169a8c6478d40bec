package io.kuberoute.dns.webhook;

import static io.kuberoute.dns.webhook.WebhookFixtures.drain;
import static io.kuberoute.testkit.fixtures.Fixtures.node;
import static io.kuberoute.testkit.fixtures.Fixtures.pod;
import static io.kuberoute.testkit.fixtures.Fixtures.routed;
import static io.kuberoute.testkit.fixtures.Fixtures.withLabel;
import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.core.app.SyncResult;
import io.kuberoute.core.app.SyncService;
import io.kuberoute.core.app.SyncSettings;
import io.kuberoute.core.app.SyncTrigger;
import io.kuberoute.core.model.ClusterSnapshot;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.NodeInfo;
import io.kuberoute.core.model.Ownership;
import io.kuberoute.core.model.PodInfo;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import io.kuberoute.core.model.ServiceInfo;
import io.kuberoute.core.plan.PlanSettings;
import io.kuberoute.testkit.fixtures.MutableClusterSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whole syncs through the core's {@link SyncService} against the in-test provider, counting
 * requests.
 */
class WebhookSyncTest {

  private static final String OWNER = "kuberoute";

  private final MutableClusterSource cluster = new MutableClusterSource();
  private final List<WebhookDnsBackend> backends = new ArrayList<>();
  private WebhookTestProvider provider;

  @BeforeEach
  void start() {
    provider = WebhookTestProvider.running();
  }

  @AfterEach
  void stop() {
    backends.forEach(WebhookDnsBackend::close);
    provider.close();
  }

  /** A fresh backend and sync service over the provider, as a fresh process has. */
  private SyncService freshProcess(String ownerId, Set<String> previousOwnerIds) {
    WebhookDnsBackend backend = WebhookFixtures.backend(provider, ownerId);
    backends.add(backend);
    SyncSettings settings =
        SyncSettings.defaults()
            .withPlan(
                PlanSettings.defaults()
                    .withOwnerId(ownerId)
                    .withPreviousOwnerIds(previousOwnerIds));
    return SyncService.builder(cluster, backend, settings).build();
  }

  private SyncService freshProcess() {
    return freshProcess(OWNER, Set.of());
  }

  /** The services, each with a live pod on a Ready node of each of its IPs. */
  private void cluster(List<ServiceInfo> services, Map<String, List<String>> ipsByService) {
    List<PodInfo> pods = new ArrayList<>();
    Map<String, NodeInfo> nodes = new LinkedHashMap<>();
    ipsByService.forEach(
        (service, ips) -> {
          for (String ip : ips) {
            String nodeName = "node-" + ip.replace('.', '-');
            nodes.putIfAbsent(nodeName, node(nodeName, ip));
            pods.add(pod(service + "-" + nodeName, service, nodeName));
          }
        });
    cluster.set(new ClusterSnapshot(services, pods, List.copyOf(nodes.values()), true));
  }

  private static SyncResult ok(SyncResult r) {
    assertThat(r.errors()).isEmpty();
    assertThat(r.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    return r;
  }

  private static Endpoint a(String name, long ttl, String... ips) {
    return Endpoint.of(name, "A", ttl, List.of(ips));
  }

  private static Endpoint mark(String name, String owner, String resource) {
    return RecordMapping.markEndpoint(DnsName.of("_kuberoute." + name), owner, resource);
  }

  @Test
  void requestsPerSyncFirstIdleAndOneChange() {
    cluster(
        List.of(
            routed("shop", "shop", "example.com"),
            routed("blog", "blog", "example.com"),
            routed("api", "api", "example.org")),
        Map.of(
            "shop", List.of("10.0.0.1"), "blog", List.of("10.0.0.2"), "api", List.of("10.0.0.3")));
    SyncService sync = freshProcess();

    SyncResult first = ok(sync.sync(SyncTrigger.FULL));
    assertThat(first.applied().creates()).hasSize(3);
    assertThat(drain(provider))
        .containsExactly(
            "GET /",
            "GET /records",
            "POST /adjustendpoints",
            "POST /records",
            "POST /records",
            "POST /records");

    assertThat(ok(sync.sync(SyncTrigger.FULL)).planned().isEmpty()).isTrue();
    assertThat(drain(provider)).containsExactly("GET /records");
    assertThat(ok(sync.sync(SyncTrigger.EVENT)).planned().isEmpty()).isTrue();
    assertThat(drain(provider)).isEmpty();

    cluster(
        List.of(
            routed("shop", "shop", "example.com"),
            routed("blog", "blog", "example.com"),
            routed("api", "api", "example.org")),
        Map.of(
            "shop",
            List.of("10.0.0.1", "10.0.0.4"),
            "blog",
            List.of("10.0.0.2"),
            "api",
            List.of("10.0.0.3")));
    assertThat(ok(sync.sync(SyncTrigger.EVENT)).applied().updates()).hasSize(1);
    assertThat(drain(provider)).containsExactly("POST /adjustendpoints", "POST /records");

    cluster(
        List.of(
            routed("shop", "shop", "example.com"),
            routed("blog", "blog", "example.com"),
            routed("api", "api", "example.org")),
        Map.of(
            "shop", List.of("10.0.0.1"), "blog", List.of("10.0.0.2"), "api", List.of("10.0.0.3")));
    assertThat(ok(sync.sync(SyncTrigger.FULL)).applied().updates()).hasSize(1);
    assertThat(drain(provider))
        .containsExactly("GET /records", "POST /adjustendpoints", "POST /records");

    cluster(
        List.of(routed("shop", "shop", "example.com"), routed("blog", "blog", "example.com")),
        Map.of("shop", List.of("10.0.0.1"), "blog", List.of("10.0.0.2")));
    assertThat(ok(sync.sync(SyncTrigger.FULL)).applied().deletes()).hasSize(1);
    assertThat(drain(provider)).containsExactly("GET /records", "POST /records");
    assertThat(provider.all())
        .containsExactly(
            mark("blog.example.com", OWNER, "service/default/blog"),
            mark("shop.example.com", OWNER, "service/default/shop"),
            a("blog.example.com", 60, "10.0.0.2"),
            a("shop.example.com", 60, "10.0.0.1"));

    assertThat(ok(freshProcess().sync(SyncTrigger.FULL)).planned().isEmpty()).isTrue();
    assertThat(drain(provider)).containsExactly("GET /", "GET /records");
  }

  @Test
  void aHundredServicesTakeOneRequestEachOnTheFirstSyncAndOneInAllWhenIdle() {
    List<ServiceInfo> services = new ArrayList<>();
    Map<String, List<String>> ips = new LinkedHashMap<>();
    for (int i = 0; i < 100; i++) {
      services.add(routed("svc" + i, "svc" + i, "example.com"));
      ips.put("svc" + i, List.of("10.0." + (i / 10) + "." + (i % 10 + 1)));
    }
    cluster(services, ips);
    SyncService sync = freshProcess();

    long t0 = System.nanoTime();
    ok(sync.sync(SyncTrigger.FULL));
    long firstMillis = (System.nanoTime() - t0) / 1_000_000;
    List<String> first = drain(provider);
    t0 = System.nanoTime();
    ok(sync.sync(SyncTrigger.FULL));
    long idleMillis = (System.nanoTime() - t0) / 1_000_000;
    List<String> idle = drain(provider);

    assertThat(first).hasSize(103);
    assertThat(first.stream().filter("POST /records"::equals).count()).isEqualTo(100);
    assertThat(idle).containsExactly("GET /records");
    assertThat(provider.all()).hasSize(200);
    System.out.printf(
        "100 services: first sync %d requests in %d ms, idle full sync %d request in %d ms%n",
        first.size(), firstMillis, idle.size(), idleMillis);
  }

  @Test
  void aCanonicalisingProviderGivesNoChangeOnTheSecondSyncNorAfterARestart() {
    provider.canonicalise(300);
    ServiceInfo www =
        withLabel(
            withLabel(
                routed("www", "www", "example.com"), "kuberoute_failover", "failover.example.org"),
            "kuberoute_quota",
            "100");
    cluster(
        List.of(routed("shop", "shop", "example.com"), www), Map.of("shop", List.of("10.0.0.1")));
    SyncService sync = freshProcess();

    SyncResult first = ok(sync.sync(SyncTrigger.FULL));
    assertThat(first.applied().creates()).hasSize(2);
    assertThat(provider.all())
        .containsExactly(
            mark("shop.example.com", OWNER, "service/default/shop"),
            mark("www.example.com", OWNER, "service/default/www"),
            a("shop.example.com", 300, "10.0.0.1"),
            Endpoint.of("www.example.com", "CNAME", 300, List.of("failover.example.org.")));
    drain(provider);

    assertThat(ok(sync.sync(SyncTrigger.FULL)).planned().isEmpty()).isTrue();
    assertThat(ok(sync.sync(SyncTrigger.EVENT)).planned().isEmpty()).isTrue();
    assertThat(drain(provider)).containsExactly("GET /records");

    SyncService restarted = freshProcess();
    SyncResult afterRestart = ok(restarted.sync(SyncTrigger.FULL));
    assertThat(afterRestart.planned().updates()).hasSize(2);
    assertThat(drain(provider)).containsExactly("GET /", "GET /records", "POST /adjustendpoints");
    assertThat(ok(restarted.sync(SyncTrigger.FULL)).planned().isEmpty()).isTrue();
    assertThat(drain(provider)).containsExactly("GET /records");
  }

  @Test
  void aRestartedProcessCleansUpExactlyWhatTheLastRunOwned() {
    cluster(
        List.of(routed("shop", "shop", "example.com"), routed("blog", "blog", "example.org")),
        Map.of("shop", List.of("10.0.0.1"), "blog", List.of("10.0.0.2")));
    ok(freshProcess().sync(SyncTrigger.FULL));
    WebhookFixtures.seed(
        provider,
        RecordSet.of("theirs.example.org", RecordType.A, 60, "192.0.2.1"),
        Ownership.ownedBy("someone-else"),
        "service/x/y");
    WebhookFixtures.seed(
        provider,
        RecordSet.of("manual.example.org", RecordType.A, 60, "192.0.2.2"),
        Ownership.unowned(),
        "");
    provider.put(mark("parked.example.org", "someone-else", "service/x/z"));

    cluster(List.of(routed("shop", "shop", "example.com")), Map.of("shop", List.of("10.0.0.1")));
    drain(provider);
    SyncService restarted = freshProcess();
    SyncResult cleanup = ok(restarted.sync(SyncTrigger.FULL));

    assertThat(cleanup.applied().deletes())
        .containsExactly(RecordSet.of("blog.example.org", RecordType.A, 60, "10.0.0.2"));
    assertThat(cleanup.applied().creates()).isEmpty();
    assertThat(cleanup.applied().updates()).isEmpty();
    assertThat(drain(provider)).containsExactly("GET /", "GET /records", "POST /records");
    assertThat(provider.all())
        .containsExactly(
            mark("parked.example.org", "someone-else", "service/x/z"),
            mark("shop.example.com", OWNER, "service/default/shop"),
            mark("theirs.example.org", "someone-else", "service/x/y"),
            a("manual.example.org", 60, "192.0.2.2"),
            a("shop.example.com", 60, "10.0.0.1"),
            a("theirs.example.org", 60, "192.0.2.1"));
    assertThat(ok(restarted.sync(SyncTrigger.FULL)).planned().isEmpty()).isTrue();
  }

  @Test
  void aNewOwnerIdTakesOverThePreviousOnesRecordsAndMarks() {
    cluster(
        List.of(routed("shop", "shop", "example.com"), routed("blog", "blog", "example.org")),
        Map.of("shop", List.of("10.0.0.1"), "blog", List.of("10.0.0.2")));
    ok(freshProcess("cluster-a", Set.of()).sync(SyncTrigger.FULL));
    cluster(List.of(routed("shop", "shop", "example.com")), Map.of("shop", List.of("10.0.0.1")));

    SyncService renamed = freshProcess("cluster-b", Set.of("cluster-a"));
    SyncResult takeover = ok(renamed.sync(SyncTrigger.FULL));

    assertThat(takeover.applied().deletes())
        .containsExactly(RecordSet.of("blog.example.org", RecordType.A, 60, "10.0.0.2"));
    assertThat(takeover.applied().updates()).hasSize(1);
    assertThat(provider.all())
        .containsExactly(
            mark("shop.example.com", "cluster-b", "service/default/shop"),
            a("shop.example.com", 60, "10.0.0.1"));
    assertThat(ok(renamed.sync(SyncTrigger.FULL)).planned().isEmpty()).isTrue();
  }

  @Test
  void aNameTheProviderIsBusyWithFailsAloneAndConvergesOnTheNextSync() {
    cluster(
        List.of(routed("shop", "shop", "example.com"), routed("blog", "blog", "example.com")),
        Map.of("shop", List.of("10.0.0.1"), "blog", List.of("10.0.0.2")));
    SyncService sync = freshProcess();
    provider.failWrites("shop.example.com", 503);

    SyncResult busy = sync.sync(SyncTrigger.FULL);

    assertThat(busy.errors())
        .extracting(e -> e.subject() + ": " + e.message())
        .containsExactly(
            "shop.example.com: writing shop.example.com failed: webhook provider at "
                + provider.url()
                + ": POST /records answered HTTP 503 (try again later) 4 times: injected failure");
    assertThat(busy.applied().creates())
        .extracting(d -> d.record().name().value())
        .containsExactly("blog.example.com");

    provider.clearFaults();
    SyncResult next = ok(sync.sync(SyncTrigger.EVENT));
    assertThat(next.applied().creates())
        .extracting(d -> d.record().name().value())
        .containsExactly("shop.example.com");
    assertThat(ok(sync.sync(SyncTrigger.FULL)).planned().isEmpty()).isTrue();
  }
}
