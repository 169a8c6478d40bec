package io.kuberoute.report.s3;

import static io.kuberoute.report.s3.S3TestSupport.ACCESS_KEY_ID;
import static io.kuberoute.report.s3.S3TestSupport.BUCKET;
import static io.kuberoute.report.s3.S3TestSupport.SECRET_ACCESS_KEY;
import static io.kuberoute.report.s3.S3TestSupport.SYNC_TIME;
import static io.kuberoute.report.s3.S3TestSupport.golden;
import static io.kuberoute.report.s3.S3TestSupport.knownCluster;
import static io.kuberoute.report.s3.S3TestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kuberoute.core.ClusterUnavailableException;
import io.kuberoute.core.app.SyncError;
import io.kuberoute.core.app.SyncResult;
import io.kuberoute.core.app.SyncService;
import io.kuberoute.core.app.SyncSettings;
import io.kuberoute.core.app.SyncTrigger;
import io.kuberoute.core.model.ClusterSnapshot;
import io.kuberoute.core.port.ClusterSource;
import io.kuberoute.testkit.fixtures.InMemoryDnsBackend;
import io.kuberoute.testkit.fixtures.MutableClock;
import io.kuberoute.testkit.net.TcpProxy;
import io.kuberoute.testkit.s3.S3Server;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The sink wired into the core's {@link SyncService}, as the command line wires it: when the report
 * is written, what it holds when the Kubernetes API is unreachable, and DNS work going on while S3
 * is down. DNS is the core's {@link InMemoryDnsBackend}; S3 is S3Mock in-process.
 */
class S3ReportSyncIT {

  @RegisterExtension static final S3Server S3 = S3Server.withBucket(BUCKET);

  private static final List<String> KNOWN_RECORDS =
      List.of(
          "api.example.com A 60 198.51.100.7",
          "blog.example.org A 60 10.0.0.2",
          "shop.example.com A 60 10.0.0.2,203.0.113.1",
          "status.example.com CNAME 60 status-backup.example.net");

  private final MutableClock clock = new MutableClock(SYNC_TIME);
  private final InMemoryDnsBackend dns = new InMemoryDnsBackend("kuberoute");
  private final ScriptedSource cluster = new ScriptedSource(knownCluster());

  @Test
  void
      whenTheApiServerBecomesUnreachableTheObjectHoldsTheLastKnownStateWithApiserverAvailableFalse() {
    try (S3StatusSink sink = S3StatusSink.create(settings(s3Mock(), "unreachable/state.json"))) {
      SyncService sync = syncService(sink);
      sync.sync(SyncTrigger.FULL);
      assertThat(object("unreachable/state.json")).isEqualTo(golden("known-cluster.json"));

      cluster.fail("kubernetes API server https://10.96.0.1:443 unreachable: connect timed out");
      clock.advance(Duration.ofSeconds(10));
      SyncResult result = sync.sync(SyncTrigger.FULL);

      assertThat(result.errors())
          .extracting(SyncError::cause)
          .containsExactly(SyncError.Cause.CLUSTER);
      assertThat(object("unreachable/state.json")).isEqualTo(golden("api-unreachable.json"));
      assertThat(dns.appliedChangeSets()).hasSize(1);
      assertThat(records()).isEqualTo(KNOWN_RECORDS);
    }
  }

  @Test
  void anApiServerUnreachableFromTheStartIsReportedWithNothingKnown() {
    cluster.fail("kubernetes API server https://10.96.0.1:443 unreachable: connection refused");
    try (S3StatusSink sink = S3StatusSink.create(settings(s3Mock(), "never/state.json"))) {
      syncService(sink).sync(SyncTrigger.FULL);
    }

    assertThat(text("never/state.json"))
        .isEqualTo(
            """
            {
                "apiserver_available": false,
                "deletions_held": [],
                "errors": [
                    "kubernetes API server https://10.96.0.1:443 unreachable: connection refused"
                ],
                "last_sync": null,
                "nodes": {},
                "services": {}
            }""");
    assertThat(dns.appliedChangeSets()).isEmpty();
  }

  @Test
  void theReportIsWrittenByEveryFullSyncAndByAnEventSyncWhenTheStateChangesOrAnIntervalPassed() {
    String key = "interval/state.json";
    try (S3StatusSink sink = S3StatusSink.create(settings(s3Mock(), key))) {
      SyncService sync = syncService(sink);
      assertThat(sync.settings().interval()).isEqualTo(Duration.ofSeconds(60));

      sync.sync(SyncTrigger.FULL);
      assertThat(object(key)).isEqualTo(golden("known-cluster.json"));
      delete(key);

      // idle event syncs within the interval: not written
      clock.advance(Duration.ofSeconds(30));
      sync.sync(SyncTrigger.EVENT);
      clock.advance(Duration.ofSeconds(29));
      sync.sync(SyncTrigger.EVENT);
      assertAbsent(key);

      // an idle event sync an interval after the last write writes it
      clock.advance(Duration.ofSeconds(1));
      sync.sync(SyncTrigger.EVENT);
      assertThat(text(key))
          .isEqualTo(sync.lastReport().orElseThrow().toJson())
          .contains("\n    \"last_sync\": \"2026-11-25T10:16:30Z\",\n");
      delete(key);

      // five idle full syncs a millisecond short of an interval apart (as the loop runs them):
      // five writes, where the age rule alone wrote every other one
      for (int i = 1; i <= 5; i++) {
        clock.advance(Duration.ofSeconds(60).minusMillis(1));
        sync.sync(SyncTrigger.FULL);
        assertThat(text(key))
            .as("idle full sync %d", i)
            .isEqualTo(sync.lastReport().orElseThrow().toJson());
        delete(key);
      }

      clock.advance(Duration.ofSeconds(5));
      cluster.set(withoutPod(knownCluster(), "shop-2"));
      sync.sync(SyncTrigger.EVENT);
      assertThat(text(key))
          .isEqualTo(sync.lastReport().orElseThrow().toJson())
          .contains(
              """
                      "shop.example.com": {
                          "current_quota": 33,
                          "deletion_held": false,
                          "endpoints": [
                              "203.0.113.1"
                          ],
                          "failover_active": false,
                          "healthy": false,
              """);
    }
  }

  @Test
  void whileS3IsDownDnsIsStillWrittenAndTheReportFollowsOnceS3IsBack() {
    TcpProxy s3 = TcpProxy.to(S3.httpPort());
    s3.kill(); // nothing listens there: S3 is down
    try (s3;
        LogCapture logs = new LogCapture();
        S3StatusSink sink = S3StatusSink.create(settings(s3.httpUrl(), "outage/state.json"))) {
      SyncService sync = syncService(sink);

      SyncResult down = sync.sync(SyncTrigger.FULL);

      assertThat(down.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
      assertThat(records()).isEqualTo(KNOWN_RECORDS);
      SyncError reportError =
          down.errors().stream()
              .filter(e -> e.cause() == SyncError.Cause.REPORT)
              .findFirst()
              .orElseThrow();
      assertThat(reportError.subject()).isEqualTo("s3");
      assertThat(reportError.message())
          .startsWith(
              "writing the state report to s3 failed: s3://kuberoute-state/outage/state.json:"
                  + " Unable to execute HTTP request: ")
          .contains("Connection refused");
      assertThat(sync.lastReport().orElseThrow().errors()).contains(reportError.message());
      assertAbsent("outage/state.json");

      s3.restore();
      clock.advance(Duration.ofSeconds(5));
      SyncResult back = sync.sync(SyncTrigger.FULL);

      assertThat(back.errors())
          .extracting(SyncError::cause)
          .containsExactly(SyncError.Cause.SERVICE);
      assertThat(text("outage/state.json"))
          .isEqualTo(sync.lastReport().orElseThrow().toJson())
          .contains("\n    \"last_sync\": \"2026-11-25T10:15:35Z\",\n");
      assertThat(dns.appliedChangeSets()).hasSize(1);
      assertThat(logs.lines())
          .anyMatch(
              l ->
                  l.startsWith(
                      "WARN writing the state report to s3 failed (retried next sync): s3://"))
          .contains(
              "INFO the state report is written to s3://kuberoute-state/outage/state.json again")
          .noneMatch(l -> l.contains(ACCESS_KEY_ID) || l.contains(SECRET_ACCESS_KEY));
    }
  }

  private SyncService syncService(S3StatusSink sink) {
    return SyncService.builder(cluster, dns, SyncSettings.defaults())
        .clock(clock)
        .statusSink(sink)
        .build();
  }

  private List<String> records() {
    return dns.all().stream().map(c -> c.record().toString()).toList();
  }

  private static String s3Mock() {
    return S3.endpoint();
  }

  private static byte[] object(String key) {
    return S3.reader().getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
  }

  private static String text(String key) {
    return new String(object(key), StandardCharsets.UTF_8);
  }

  private static void delete(String key) {
    S3.reader().deleteObject(b -> b.bucket(BUCKET).key(key));
    assertAbsent(key);
  }

  private static void assertAbsent(String key) {
    assertThatThrownBy(() -> object(key)).isInstanceOf(NoSuchKeyException.class);
  }

  private static ClusterSnapshot withoutPod(ClusterSnapshot s, String pod) {
    return new ClusterSnapshot(
        s.services(),
        s.pods().stream().filter(p -> !p.name().equals(pod)).toList(),
        s.nodes(),
        s.complete());
  }

  /** A cluster source that answers what the test last set, or fails like an unreachable API. */
  private static final class ScriptedSource implements ClusterSource {
    private volatile ClusterSnapshot snapshot;
    private volatile String failure;

    ScriptedSource(ClusterSnapshot snapshot) {
      this.snapshot = snapshot;
    }

    void set(ClusterSnapshot s) {
      snapshot = s;
      failure = null;
    }

    void fail(String message) {
      failure = message;
    }

    @Override
    public ClusterSnapshot snapshot() {
      String f = failure;
      if (f != null) {
        throw new ClusterUnavailableException(f);
      }
      return snapshot;
    }
  }
}
