package io.kuberoute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.core.app.SyncError;
import io.kuberoute.core.app.SyncResult;
import io.kuberoute.core.app.SyncTrigger;
import io.kuberoute.core.model.DesiredRecord;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import io.kuberoute.core.plan.ChangeSet;
import io.kuberoute.core.plan.RecordUpdate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Every sync result is counted into the Prometheus metrics. */
class SyncMetricsTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private final TestClusterSource source = new TestClusterSource();
  private final AtomicBoolean leader = new AtomicBoolean(true);
  private final SyncMetrics metrics =
      new SyncMetrics(source, leader::get, Clock.fixed(T0, ZoneOffset.UTC));

  private static RecordSet a(String name, String ip) {
    return new RecordSet(DnsName.of(name), RecordType.A, 60, List.of(ip));
  }

  private List<String> lines() {
    return metrics.scrape().lines().filter(l -> l.startsWith("kuberoute_")).toList();
  }

  @Test
  void beforeAnySyncEverySeriesIsThereAtZero() {
    assertThat(lines())
        .contains(
            "kuberoute_syncs_total{outcome=\"success\",trigger=\"full\"} 0.0",
            "kuberoute_syncs_total{outcome=\"standby\",trigger=\"heartbeat\"} 0.0",
            "kuberoute_changes_total{action=\"delete\"} 0.0",
            "kuberoute_sync_errors_total{cause=\"cluster\"} 0.0",
            "kuberoute_sync_errors_total{cause=\"report\"} 0.0",
            "kuberoute_records_managed 0.0",
            "kuberoute_services_failover 0.0",
            "kuberoute_last_successful_sync_timestamp_seconds 0.0",
            "kuberoute_cluster_synced 1.0",
            "kuberoute_cluster_available 1.0",
            "kuberoute_syncs_total{outcome=\"starting\",trigger=\"event\"} 0.0",
            "kuberoute_leader 1.0");
  }

  @Test
  void theAvailabilityGaugeFollowsTheClusterHealthAndAStartingSyncIsNoFailure() {
    source.setHealth(
        io.kuberoute.core.port.ClusterHealth.starting("waiting for the first list of nodes", T0));
    metrics.record(
        new SyncResult(
            T0,
            Duration.ofMillis(1),
            SyncTrigger.FULL,
            SyncResult.Outcome.STARTING,
            ChangeSet.EMPTY,
            ChangeSet.EMPTY,
            List.of(),
            0,
            0));
    assertThat(lines())
        .contains(
            "kuberoute_cluster_available 0.0",
            "kuberoute_syncs_total{outcome=\"starting\",trigger=\"full\"} 1.0",
            "kuberoute_syncs_total{outcome=\"failed\",trigger=\"full\"} 0.0",
            "kuberoute_sync_errors_total{cause=\"cluster\"} 0.0",
            "kuberoute_last_successful_sync_timestamp_seconds 0.0");

    source.setHealth(
        io.kuberoute.core.port.ClusterHealth.unavailable(
            "the watch of nodes has been closed for more than 5 s", T0));
    assertThat(lines()).contains("kuberoute_cluster_available 0.0", "kuberoute_cluster_synced 1.0");
    source.setHealth(io.kuberoute.core.port.ClusterHealth.available(T0));
    assertThat(lines()).contains("kuberoute_cluster_available 1.0");
  }

  @Test
  void theSyncDurationIsAHistogramWithBuckets() {
    metrics.record(
        new SyncResult(
            T0,
            Duration.ofMillis(30),
            SyncTrigger.EVENT,
            SyncResult.Outcome.SUCCESS,
            ChangeSet.EMPTY,
            ChangeSet.EMPTY,
            List.of(),
            0,
            0));

    assertThat(lines())
        .contains(
            "kuberoute_sync_duration_seconds_bucket{trigger=\"event\",le=\"0.025\"} 0",
            "kuberoute_sync_duration_seconds_bucket{trigger=\"event\",le=\"0.05\"} 1",
            "kuberoute_sync_duration_seconds_bucket{trigger=\"event\",le=\"+Inf\"} 1",
            "kuberoute_sync_duration_seconds_count{trigger=\"event\"} 1");
  }

  @Test
  void everyBackendCallIsCountedByOperationAndOutcome() {
    io.kuberoute.testkit.fixtures.InMemoryDnsBackend dns =
        new io.kuberoute.testkit.fixtures.InMemoryDnsBackend("kuberoute");
    io.kuberoute.core.port.DnsBackend metered = metrics.metered(dns, "fakedns");
    assertThat(lines())
        .contains(
            "kuberoute_dns_calls_total{backend=\"fakedns\",operation=\"read\",outcome=\"ok\"} 0.0");

    metered.read(List.of(DnsName.of("example.com")), true);
    dns.failDomain(DnsName.of("example.com"), "zone gone");
    metered.read(List.of(DnsName.of("example.com")), true);
    dns.setUnreachable(true);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> metered.apply(ChangeSet.EMPTY))
        .hasMessage("in-memory DNS is unreachable");

    assertThat(lines())
        .contains(
            "kuberoute_dns_calls_total{backend=\"fakedns\",operation=\"read\",outcome=\"ok\"} 1.0",
            "kuberoute_dns_calls_total{backend=\"fakedns\",operation=\"read\",outcome=\"partial\"} 1.0",
            "kuberoute_dns_calls_total{backend=\"fakedns\",operation=\"apply\",outcome=\"error\"} 1.0",
            "kuberoute_dns_call_duration_seconds_count{backend=\"fakedns\",operation=\"read\"} 2");
    assertThat(metered.ownerId()).contains("kuberoute");
  }

  @Test
  void eachRoutedServiceHasAFailoverGaugeThatFollowsItAndGoesWithIt() {
    java.util.Map<io.kuberoute.core.model.ServiceRef, Boolean> states = new java.util.TreeMap<>();
    states.put(new io.kuberoute.core.model.ServiceRef("default", "shop"), false);
    states.put(new io.kuberoute.core.model.ServiceRef("web", "api"), true);
    metrics.trackFailover(() -> java.util.Map.copyOf(states));
    SyncResult sync =
        new SyncResult(
            T0,
            Duration.ofMillis(3),
            SyncTrigger.FULL,
            SyncResult.Outcome.SUCCESS,
            ChangeSet.EMPTY,
            ChangeSet.EMPTY,
            List.of(),
            0,
            1);

    metrics.record(sync);
    assertThat(lines())
        .contains(
            "kuberoute_service_failover{namespace=\"default\",service=\"shop\"} 0.0",
            "kuberoute_service_failover{namespace=\"web\",service=\"api\"} 1.0");

    states.remove(new io.kuberoute.core.model.ServiceRef("web", "api"));
    states.put(new io.kuberoute.core.model.ServiceRef("default", "shop"), true);
    metrics.record(sync);
    assertThat(lines().stream().filter(l -> l.startsWith("kuberoute_service_failover{")))
        .containsExactly("kuberoute_service_failover{namespace=\"default\",service=\"shop\"} 1.0");
  }

  @Test
  void theFailoverRowsAreReadWhenScrapedOnceAfterSyncsNotByEachSync() {
    java.util.concurrent.atomic.AtomicInteger reads =
        new java.util.concurrent.atomic.AtomicInteger();
    metrics.trackFailover(
        () -> {
          reads.incrementAndGet();
          return java.util.Map.of(new io.kuberoute.core.model.ServiceRef("default", "shop"), true);
        });
    SyncResult sync =
        new SyncResult(
            T0,
            Duration.ofMillis(3),
            SyncTrigger.EVENT,
            SyncResult.Outcome.SUCCESS,
            ChangeSet.EMPTY,
            ChangeSet.EMPTY,
            List.of(),
            0,
            1);

    for (int i = 0; i < 50; i++) {
      metrics.record(sync);
    }
    assertThat(reads).as("syncs alone read no Service").hasValue(0);
    assertThat(lines())
        .contains("kuberoute_service_failover{namespace=\"default\",service=\"shop\"} 1.0");
    lines();
    assertThat(reads)
        .as("one read for the first scrape, none for a scrape with no sync between")
        .hasValue(1);
    metrics.record(sync);
    lines();
    assertThat(reads).hasValue(2);
  }

  @Test
  void theJvmsOwnFiguresAreThereToo() {
    String scrape = metrics.scrape();
    double heapUsed =
        scrape
            .lines()
            .filter(l -> l.startsWith("jvm_memory_used_bytes{area=\"heap\""))
            .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
            .sum();
    assertThat(heapUsed).isPositive();
    assertThat(scrape)
        .contains(
            "jvm_threads_live_threads ", "jvm_classes_loaded_classes ", "process_uptime_seconds ");
  }

  @Test
  void aSyncCountsItsOutcomeDurationChangesErrorsAndGauges() {
    ChangeSet applied =
        new ChangeSet(
            List.of(
                new DesiredRecord(a("a.example.com", "10.0.0.1"), "service/default/a"),
                new DesiredRecord(a("b.example.com", "10.0.0.2"), "service/default/b")),
            List.of(
                new RecordUpdate(
                    a("c.example.com", "10.0.0.3"),
                    a("c.example.com", "10.0.0.4"),
                    "service/default/c")),
            List.of(a("d.example.com", "10.0.0.5")));
    metrics.record(
        new SyncResult(
            T0,
            Duration.ofMillis(250),
            SyncTrigger.EVENT,
            SyncResult.Outcome.SUCCESS,
            applied,
            applied,
            List.of(
                new SyncError(SyncError.Cause.SERVICE, "default/x", "bad quota"),
                new SyncError(SyncError.Cause.SERVICE, "default/y", "bad quota"),
                new SyncError(SyncError.Cause.CONFLICT, "e.example.com", "owned by another")),
            7,
            2));
    leader.set(false);
    source.setSynced(false);

    assertThat(lines())
        .contains(
            "kuberoute_syncs_total{outcome=\"success\",trigger=\"event\"} 1.0",
            "kuberoute_sync_duration_seconds_count{trigger=\"event\"} 1",
            "kuberoute_sync_duration_seconds_sum{trigger=\"event\"} 0.25",
            "kuberoute_changes_total{action=\"create\"} 2.0",
            "kuberoute_changes_total{action=\"update\"} 1.0",
            "kuberoute_changes_total{action=\"delete\"} 1.0",
            "kuberoute_sync_errors_total{cause=\"service\"} 2.0",
            "kuberoute_sync_errors_total{cause=\"conflict\"} 1.0",
            "kuberoute_records_managed 7.0",
            "kuberoute_services_failover 2.0",
            "kuberoute_last_successful_sync_timestamp_seconds 1.7723592E9",
            "kuberoute_cluster_synced 0.0",
            "kuberoute_leader 0.0");
  }

  @Test
  void aFailedSyncKeepsTheGaugesOfTheLastGoodOne() {
    metrics.record(
        new SyncResult(
            T0,
            Duration.ofMillis(10),
            SyncTrigger.FULL,
            SyncResult.Outcome.SUCCESS,
            ChangeSet.EMPTY,
            ChangeSet.EMPTY,
            List.of(),
            5,
            1));
    metrics.record(
        new SyncResult(
            T0,
            Duration.ofMillis(10),
            SyncTrigger.FULL,
            SyncResult.Outcome.FAILED,
            ChangeSet.EMPTY,
            ChangeSet.EMPTY,
            List.of(new SyncError(SyncError.Cause.CLUSTER, "kubernetes", "unreachable")),
            0,
            0));

    assertThat(lines())
        .contains(
            "kuberoute_syncs_total{outcome=\"failed\",trigger=\"full\"} 1.0",
            "kuberoute_syncs_total{outcome=\"success\",trigger=\"full\"} 1.0",
            "kuberoute_sync_errors_total{cause=\"cluster\"} 1.0",
            "kuberoute_records_managed 5.0",
            "kuberoute_services_failover 1.0");
  }

  @Test
  void apiCallsAndWatchRestartsAreCountedOnTheSameRegistryAndThereAtZeroFromTheStart() {
    io.micrometer.prometheusmetrics.PrometheusMeterRegistry registry = SyncMetrics.newRegistry();
    SyncMetrics.ApiCalls api =
        new SyncMetrics.ApiCalls(registry); // before the cluster connects, as in Wiring
    SyncMetrics shared =
        new SyncMetrics(registry, source, leader::get, Clock.fixed(T0, ZoneOffset.UTC));
    assertThat(shared.scrape().lines())
        .contains(
            "kuberoute_api_calls_total{outcome=\"2xx\",resource=\"services\",verb=\"list\"} 0.0",
            "kuberoute_api_calls_total{outcome=\"error\",resource=\"nodes\",verb=\"watch\"} 0.0",
            "kuberoute_watch_restarts_total{resource=\"pods\"} 0.0");

    api.call("list", "services", "2xx");
    api.call("watch", "services", "2xx");
    api.call("watch", "services", "2xx");
    api.call("create", "events", "4xx"); // a series that appears with its first request
    api.watchRestarted("services");

    assertThat(shared.scrape().lines())
        .contains(
            "kuberoute_api_calls_total{outcome=\"2xx\",resource=\"services\",verb=\"list\"} 1.0",
            "kuberoute_api_calls_total{outcome=\"2xx\",resource=\"services\",verb=\"watch\"} 2.0",
            "kuberoute_api_calls_total{outcome=\"4xx\",resource=\"events\",verb=\"create\"} 1.0",
            "kuberoute_watch_restarts_total{resource=\"services\"} 1.0",
            "kuberoute_watch_restarts_total{resource=\"nodes\"} 0.0");
    assertThat(lines())
        .contains(
            "kuberoute_watch_restarts_total{resource=\"services\"} 0.0"); // registries are not
    // shared
  }
}
