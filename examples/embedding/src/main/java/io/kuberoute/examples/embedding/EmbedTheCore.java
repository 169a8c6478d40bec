package io.kuberoute.examples.embedding;

import io.kuberoute.core.app.SyncResult;
import io.kuberoute.core.app.SyncService;
import io.kuberoute.core.app.SyncSettings;
import io.kuberoute.core.app.SyncTrigger;
import io.kuberoute.core.model.ClusterSnapshot;
import io.kuberoute.core.model.NodeInfo;
import io.kuberoute.core.model.PodInfo;
import io.kuberoute.core.model.Readiness;
import io.kuberoute.core.model.ServiceInfo;
import io.kuberoute.core.plan.PlanSettings;
import io.kuberoute.core.port.ClusterSource;
import io.kuberoute.dns.fake.PrintingDnsBackend;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The core embedded in another program: its own cluster view (no Kubernetes client), the printing
 * backend (no DNS server), three syncs. The printing backend prints each change it applies on
 * stdout; this program adds a line before each sync and the outcome after it.
 *
 * <p>Run with {@code java -cp ... io.kuberoute.examples.embedding.EmbedTheCore}. What it prints is
 * {@code src/test/resources/expected/EmbedTheCore.txt}, which a test compares on every build.
 */
public final class EmbedTheCore {

  /** One owner id, given to the planner and to the backend: the sync service refuses two. */
  static final String OWNER_ID = "embed-demo";

  private EmbedTheCore() {}

  public static void main(String[] args) {
    // 1. The cluster view. A ClusterSource has one method to implement, snapshot(); the view
    //    here is a reference the program swaps. A real source copies a cached view (it must be
    //    cheap and thread-safe) and throws ClusterUnavailableException when it has none.
    AtomicReference<ClusterSnapshot> view = new AtomicReference<>(cluster(true));
    ClusterSource source = view::get;

    // 2. Where the records go, marked as owned by OWNER_ID.
    PrintingDnsBackend backend = new PrintingDnsBackend(OWNER_ID, System.out);

    // 3. The settings: the defaults (the kuberoute_* labels, NodePort Services, TTL 60,
    //    policy sync, a 60 s interval), with our owner id. Each builder names what it sets.
    SyncSettings settings =
        SyncSettings.builder().plan(PlanSettings.builder().ownerId(OWNER_ID).build()).build();
    SyncService service = SyncService.builder(source, backend, settings).build();

    // 4. Sync. FULL reads DNS; EVENT is answered from what the service read and wrote.
    System.out.println("# sync 1: shop runs on 2 of 3 nodes, quota 50%");
    report(service.sync(SyncTrigger.FULL));

    view.set(cluster(false));
    System.out.println("# sync 2: shop-2 is not Ready, 1 of 3 nodes is below the quota: failover");
    report(service.sync(SyncTrigger.FULL));

    view.set(new ClusterSnapshot(List.of(), List.of(), nodes(), true));
    System.out.println("# sync 3: the Service is gone: its record is deleted");
    report(service.sync(SyncTrigger.FULL));

    System.out.println("# sync 4: nothing changed: nothing is written");
    report(service.sync(SyncTrigger.FULL));
  }

  /** A NodePort Service with kuberoute's labels, two pods, three nodes. */
  static ClusterSnapshot cluster(boolean shop2Ready) {
    ServiceInfo shop =
        ServiceInfo.builder("default", "shop")
            .type("NodePort")
            .labels(
                Map.of(
                    "kuberoute_domain", "example.com",
                    "kuberoute_name", "shop",
                    "kuberoute_quota", "50",
                    "kuberoute_failover", "shop-failover.example.net"))
            .selector(Map.of("app", "shop")) // the pod selector
            .build();
    List<PodInfo> pods =
        List.of(pod("shop-1", "node-1", true), pod("shop-2", "node-2", shop2Ready));
    // complete = true: every object is in the view. While it is false nothing is deleted.
    return new ClusterSnapshot(List.of(shop), pods, nodes(), true);
  }

  private static PodInfo pod(String name, String node, boolean ready) {
    return PodInfo.builder("default", name)
        .labels(Map.of("app", "shop"))
        .phase(PodInfo.RUNNING)
        .readiness(ready ? Readiness.READY : Readiness.NOT_READY) // the Ready condition
        .nodeName(node) // spec.nodeName; hostIp(...) is only used when there is none
        .build(); // not terminating unless .termination(Termination.TERMINATING)
  }

  private static List<NodeInfo> nodes() {
    return List.of(
        node("node-1", "203.0.113.1"),
        node("node-2", "203.0.113.2"),
        node("node-3", "203.0.113.3"));
  }

  private static NodeInfo node(String name, String externalIp) {
    return NodeInfo.builder(name)
        .externalIps(externalIp) // published first, under node_address = auto
        .readiness(Readiness.READY) // schedulable unless .scheduling(Scheduling.CORDONED)
        .build();
  }

  private static void report(SyncResult result) {
    System.out.printf(
        "# -> %s, %d change(s) applied, %d record set(s) owned, %d service(s) in failover%n",
        result.outcome(),
        result.applied().size(),
        result.managedRecords(),
        result.servicesInFailover());
    result.errors().forEach(e -> System.out.println("# error: " + e.message()));
  }
}
