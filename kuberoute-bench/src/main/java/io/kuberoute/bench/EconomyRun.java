package io.kuberoute.bench;

import io.kuberoute.core.app.SyncResult;
import io.kuberoute.core.app.SyncService;
import io.kuberoute.core.app.SyncSettings;
import io.kuberoute.core.app.SyncTrigger;
import io.kuberoute.core.config.ConfigSection;
import io.kuberoute.core.model.ClusterSnapshot;
import io.kuberoute.core.model.PodInfo;
import io.kuberoute.core.model.Readiness;
import io.kuberoute.core.model.Termination;
import io.kuberoute.core.port.ClusterSource;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.dns.route53.Route53DnsBackend;
import io.kuberoute.dns.route53.Route53Settings;
import io.kuberoute.dns.skydns.SkyDnsDnsBackend;
import io.kuberoute.dns.skydns.SkyDnsSettings;
import io.kuberoute.testkit.etcd.EtcdServer;
import io.kuberoute.testkit.route53.Route53TestServer;
import io.kuberoute.testkit.route53.Route53TestServer.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark 4: backend economy, counted in calls, not times. The large cluster's records (10,000
 * services) are synced through the core sync service into the Route53 test server and into a real
 * etcd: the first sync, an idle second full sync, and one pod change (an event sync, then a full
 * sync).
 */
final class EconomyRun {
  private EconomyRun() {}

  /** A cluster view the benchmark changes by hand. */
  private static final class Source implements ClusterSource {
    volatile ClusterSnapshot snapshot;

    Source(ClusterSnapshot s) {
      snapshot = s;
    }

    @Override
    public ClusterSnapshot snapshot() {
      return snapshot;
    }
  }

  /** The cluster with {@code bench-target-0} NotReady: one record changes. */
  static ClusterSnapshot oneFlipped(ClusterSnapshot s) {
    List<PodInfo> pods = new ArrayList<>(s.pods().size());
    for (PodInfo p : s.pods()) {
      pods.add(
          p.name().equals(BenchCluster.FLIPPED_POD)
              ? p.withReadiness(Readiness.NOT_READY).withTermination(Termination.NOT_TERMINATING)
              : p);
    }
    return new ClusterSnapshot(s.services(), pods, s.nodes(), true);
  }

  private record Step(String name, SyncResult result, Map<String, Long> counts) {}

  static void run(Report report) throws Exception {
    ClusterSnapshot cluster =
        BenchCluster.withTarget(ClusterGenerator.generate(ClusterGenerator.Size.LARGE, 42));
    int records = BenchCluster.firstSyncLines(cluster);

    // Route53
    List<Step> r53 = new ArrayList<>();
    int zoneSets;
    try (Route53TestServer server = Route53TestServer.start()) {
      String zone = server.createZone("example.com");
      Route53Settings settings =
          Route53Settings.fromConfig(
              new ConfigSection(
                  "route53",
                  Map.of(
                      "endpoint", server.endpoint().toString(),
                      "region", "us-east-1",
                      "aws_access_key_id", "AKIDBENCHMARK",
                      "aws_secret_access_key", "benchmark-only")));
      Source source = new Source(cluster);
      try (DnsBackend backend = Route53DnsBackend.create(settings, "kuberoute")) {
        SyncService sync = SyncService.builder(source, backend, SyncSettings.defaults()).build();
        r53.add(route53Step("first sync", sync, SyncTrigger.FULL, server));
        zoneSets = server.recordSets(zone).size();
        r53.add(route53Step("idle second sync (full)", sync, SyncTrigger.FULL, server));
        source.snapshot = oneFlipped(cluster);
        r53.add(route53Step("one pod change (event sync)", sync, SyncTrigger.EVENT, server));
        r53.add(route53Step("then a full sync", sync, SyncTrigger.FULL, server));
      }
    }

    // etcd
    List<Step> sky = new ArrayList<>();
    try (EtcdServer etcd = EtcdServer.startPlain()) {
      SkyDnsSettings settings =
          SkyDnsSettings.fromConfig(
              new ConfigSection("skydns", Map.of("endpoints", etcd.endpoint())));
      Source source = new Source(cluster);
      try (DnsBackend backend = SkyDnsDnsBackend.create(settings, "kuberoute")) {
        SyncService sync = SyncService.builder(source, backend, SyncSettings.defaults()).build();
        sky.add(etcdStep("first sync", sync, SyncTrigger.FULL, etcd));
        sky.add(etcdStep("idle second sync (full)", sync, SyncTrigger.FULL, etcd));
        source.snapshot = oneFlipped(cluster);
        sky.add(etcdStep("one pod change (event sync)", sync, SyncTrigger.EVENT, etcd));
        sky.add(etcdStep("then a full sync", sync, SyncTrigger.FULL, etcd));
      }
    }

    long idleChanges = r53.get(1).counts().get("change");
    long idleLists = r53.get(1).counts().get("list rrsets");
    long expectedLists = (zoneSets + 299L) / 300;
    long idleRevisions = sky.get(1).counts().get("revisions");
    report.target(
        "Route53 idle second sync: 0 change calls", String.valueOf(idleChanges), idleChanges == 0);
    report.target(
        "Route53 idle second sync: ⌈record sets/300⌉ = %d list calls".formatted(expectedLists),
        String.valueOf(idleLists),
        idleLists <= expectedLists);
    report.target(
        "etcd: revisions written by an idle sync = 0",
        String.valueOf(idleRevisions),
        idleRevisions == 0);

    StringBuilder table = new StringBuilder();
    table.append(
        "| Route53 | outcome | changes applied | ListHostedZones | ListResourceRecordSets | ChangeResourceRecordSets |\n");
    table.append("|---|---|---|---|---|---|\n");
    for (Step s : r53) {
      table.append(
          "| %s | %s | %d | %d | %d | %d |\n"
              .formatted(
                  s.name(),
                  s.result().outcome(),
                  s.result().applied().size(),
                  s.counts().get("list zones"),
                  s.counts().get("list rrsets"),
                  s.counts().get("change")));
    }
    table.append(
        "\n| etcd | outcome | changes applied | Range calls | Txn calls | revisions written |\n|---|---|---|---|---|---|\n");
    for (Step s : sky) {
      table.append(
          "| %s | %s | %d | %d | %d | %d |\n"
              .formatted(
                  s.name(),
                  s.result().outcome(),
                  s.result().applied().size(),
                  s.counts().get("range"),
                  s.counts().get("txn"),
                  s.counts().get("revisions")));
    }
    report.section(
        """
        ## 4. Backend economy (counts, not times)

        The large cluster %s: %,d record sets to publish, synced through the core's sync service into the Route53 test
        server (one hosted zone `example.com`, Route53's paging at 300 record sets) and into a real
        etcd. After the first sync the zone holds %,d record sets (each name's record and its
        `_kuberoute` ownership TXT, plus SOA and NS), so an idle full sync needs ⌈%,d/300⌉ = %d
        list calls. The pod change turns one of `bench-target`'s three pods NotReady: one record
        loses one address.

        %s
        An event-triggered sync answers the read from what the backend read and wrote before, so
        it lists nothing; the next full sync re-reads the zone and finds nothing to change.
        """
            .formatted(
                ClusterGenerator.Size.LARGE, records, zoneSets, zoneSets, expectedLists, table));
  }

  private static Step route53Step(
      String name, SyncService sync, SyncTrigger trigger, Route53TestServer server) {
    server.resetCounts();
    SyncResult r = sync.sync(trigger);
    Map<String, Long> counts = new java.util.LinkedHashMap<>();
    counts.put("list zones", (long) server.calls(Operation.LIST_HOSTED_ZONES));
    counts.put("list rrsets", (long) server.calls(Operation.LIST_RESOURCE_RECORD_SETS));
    counts.put("change", (long) server.calls(Operation.CHANGE_RESOURCE_RECORD_SETS));
    return new Step(name, r, counts);
  }

  private static Step etcdStep(
      String name, SyncService sync, SyncTrigger trigger, EtcdServer etcd) {
    long range = etcd.kvCalls("Range");
    long txn = etcd.kvCalls("Txn");
    long rev = revision(etcd);
    SyncResult r = sync.sync(trigger);
    Map<String, Long> counts = new java.util.LinkedHashMap<>();
    counts.put("range", etcd.kvCalls("Range") - range);
    counts.put("txn", etcd.kvCalls("Txn") - txn);
    counts.put("revisions", revision(etcd) - rev);
    return new Step(name, r, counts);
  }

  private static final Pattern REVISION = Pattern.compile("\"revision\":(\\d+)");

  private static long revision(EtcdServer etcd) {
    String status = etcd.etcdctl("endpoint", "status", "--write-out=json");
    Matcher m = REVISION.matcher(status);
    if (!m.find()) {
      throw new IllegalStateException("no revision in: " + status);
    }
    return Long.parseLong(m.group(1));
  }
}
