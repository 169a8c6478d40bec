package io.kuberoute.k8s;

import static io.kuberoute.k8s.K8sObjects.node;
import static io.kuberoute.k8s.K8sObjects.pod;
import static io.kuberoute.k8s.K8sObjects.routed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kuberoute.core.app.SyncResult;
import io.kuberoute.core.app.SyncService;
import io.kuberoute.core.app.SyncSettings;
import io.kuberoute.core.app.SyncTrigger;
import io.kuberoute.core.model.CurrentRecord;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import io.kuberoute.testkit.fixtures.InMemoryDnsBackend;
import io.kuberoute.testkit.k8s.MockApiServer;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Leader election on a Lease: two instances against one mock API server, only the leader writes.
 */
class LeaseLeadershipIT {

  private static final Duration WAIT = Duration.ofSeconds(20);

  /** Short enough for a test; ordered as fabric8 requires (lease > renew > 2.2 × retry). */
  private static final LeaseLeadership.Timings FAST =
      new LeaseLeadership.Timings(
          Duration.ofMillis(3000), Duration.ofMillis(2000), Duration.ofMillis(300));

  private static final RecordSet SHOP =
      RecordSet.of("shop.example.com", RecordType.A, 60, "10.0.0.1");

  private MockApiServer server;
  private KubernetesClient admin;
  private final List<KubernetesCluster> clusters = new ArrayList<>();

  /** One kuberoute instance: its cluster connection, its own DNS and its sync service. */
  private record Instance(
      String id, KubernetesCluster cluster, InMemoryDnsBackend dns, SyncService sync) {
    boolean leads() {
      return cluster.leadership().isLeader();
    }

    List<RecordSet> records() {
      return dns.all().stream().map(CurrentRecord::record).toList();
    }
  }

  @BeforeEach
  void createCluster() {
    server = MockApiServer.start();
    admin = server.client();
    admin.resource(node("n1", "10.0.0.1", null, false, true)).create();
    admin.resource(routed("default", "shop")).create();
    admin.resource(pod("default", "shop-1", "shop", "n1", "Running", true)).create();
  }

  @AfterEach
  void stop() {
    clusters.forEach(KubernetesCluster::close);
    server.close();
  }

  private Instance instance(String id) {
    return instance(id, FAST);
  }

  private Instance instance(String id, LeaseLeadership.Timings timings) {
    KubernetesOptions options =
        new KubernetesOptions(
            Namespaces.of("default"),
            "kuberoute_domain",
            Duration.ofSeconds(60),
            Optional.of(new KubernetesOptions.LeaseSettings("kuberoute", "kuberoute", id)));
    KubernetesCluster cluster = KubernetesCluster.start(server.client(), options, timings);
    clusters.add(cluster);
    InMemoryDnsBackend dns = new InMemoryDnsBackend("kuberoute");
    SyncService sync =
        SyncService.builder(cluster.source(), dns, SyncSettings.defaults())
            .leadership(cluster.leadership())
            .build();
    await().atMost(WAIT).until(cluster.source()::isSynced);
    return new Instance(id, cluster, dns, sync);
  }

  private Lease lease() {
    return admin.leases().inNamespace("kuberoute").withName("kuberoute").get();
  }

  @Test
  void onlyTheLeaderWritesAndTheOtherTakesOverWhenTheLeaderStops() {
    Instance a = instance("kuberoute-a");
    Instance b = instance("kuberoute-b");
    await().atMost(WAIT).until(() -> a.leads() || b.leads());
    Instance leader = a.leads() ? a : b;
    Instance standby = leader.equals(a) ? b : a;

    SyncResult leaderResult = leader.sync().sync(SyncTrigger.FULL);
    SyncResult standbyResult = standby.sync().sync(SyncTrigger.FULL);

    assertThat(standby.leads()).isFalse();
    assertThat(lease().getSpec().getHolderIdentity()).isEqualTo(leader.id());
    assertThat(leaderResult.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(leader.records()).containsExactly(SHOP);
    assertThat(standbyResult.outcome()).isEqualTo(SyncResult.Outcome.STANDBY);
    assertThat(standby.dns().reads()).isZero();
    assertThat(standby.dns().appliedChangeSets()).isEmpty();

    leader.cluster().close(); // releases the lease

    await().atMost(WAIT).until(standby::leads);
    assertThat(lease().getSpec().getHolderIdentity()).isEqualTo(standby.id());
    assertThat(standby.sync().sync(SyncTrigger.FULL).outcome())
        .isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(standby.records()).containsExactly(SHOP);
  }

  @Test
  void withTheDefaultTimingsAStandbyTakesAReleasedLeaseWithin2point2Seconds() {
    LeaseLeadership.Timings timings = LeaseLeadership.Timings.DEFAULT;
    assertThat(timings.retryPeriod()).isEqualTo(Duration.ofSeconds(1));
    assertThat(timings.longestTakeOver()).isEqualTo(Duration.ofMillis(2200));
    Instance leader = instance("kuberoute-0", timings);
    await().atMost(WAIT).until(leader::leads);
    List<Duration> handOvers = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      Instance standby = instance("kuberoute-" + i, timings);
      assertThat(standby.leads()).isFalse();
      assertThat(lease().getSpec().getHolderIdentity()).isEqualTo(leader.id());

      long closing = System.nanoTime();
      leader.cluster().close(); // as on SIGTERM, after the sync in flight: releases the lease
      Duration releasing = Duration.ofNanos(System.nanoTime() - closing);
      assertThat(lease().getSpec().getHolderIdentity()).as("released when close returns").isEmpty();
      await().atMost(WAIT).pollInterval(Duration.ofMillis(10)).until(standby::leads);
      Duration handOver = Duration.ofNanos(System.nanoTime() - closing);
      handOvers.add(handOver);
      assertThat(handOver)
          .as("hand-over %d (release took %d ms): %s", i, releasing.toMillis(), handOvers)
          .isLessThanOrEqualTo(timings.longestTakeOver().plus(releasing).plusMillis(300));
      assertThat(lease().getSpec().getHolderIdentity()).isEqualTo(standby.id());
      assertThat(standby.sync().sync(SyncTrigger.FULL).outcome())
          .isEqualTo(SyncResult.Outcome.SUCCESS);
      leader = standby;
    }
    System.out.println("hand-overs with the default timings: " + handOvers);
  }

  @Test
  void aLostLeaseStopsWritingAndTheInstanceStandsAgain() {
    Instance a = instance("kuberoute-a");
    await().atMost(WAIT).until(a::leads);

    // another holder takes the lease (as after a network partition)
    // (the edit may conflict with a renewal: retried, as any writer of a Lease would)
    await()
        .atMost(WAIT)
        .ignoreExceptions()
        .until(
            () ->
                admin
                        .leases()
                        .inNamespace("kuberoute")
                        .withName("kuberoute")
                        .edit(
                            l ->
                                new LeaseBuilder(l)
                                    .editSpec()
                                    .withHolderIdentity("intruder")
                                    .withRenewTime(ZonedDateTime.now(ZoneOffset.UTC))
                                    .withLeaseDurationSeconds(2)
                                    .endSpec()
                                    .build())
                    != null);

    await().atMost(WAIT).until(() -> !a.leads());
    assertThat(a.sync().sync(SyncTrigger.FULL).outcome()).isEqualTo(SyncResult.Outcome.STANDBY);
    assertThat(a.dns().appliedChangeSets()).isEmpty();

    // the intruder does not renew: once its lease expires the instance, standing again, takes it
    await().atMost(WAIT).until(a::leads);
    assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("kuberoute-a");
  }

  @Test
  void aLeaderCutOffFromTheApiServerStopsWritingBeforeItsLeaseExpires() {
    Instance a = instance("kuberoute-a");
    await().atMost(WAIT).until(a::leads);

    server.stop();

    // renewals fail; within the renew deadline (2 s here, 10 s by default) isLeader() turns false,
    // before the lease (3 s here, 15 s by default) could pass to another instance
    await().atMost(WAIT).until(() -> !a.leads());
    assertThat(a.sync().sync(SyncTrigger.FULL).outcome()).isNotEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(a.dns().appliedChangeSets()).isEmpty();

    server.restart();
    await().atMost(WAIT).until(a::leads);
  }
}
