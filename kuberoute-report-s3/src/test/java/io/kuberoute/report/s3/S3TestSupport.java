package io.kuberoute.report.s3;

import static io.kuberoute.testkit.fixtures.Fixtures.cordoned;
import static io.kuberoute.testkit.fixtures.Fixtures.labels;
import static io.kuberoute.testkit.fixtures.Fixtures.node;
import static io.kuberoute.testkit.fixtures.Fixtures.pod;
import static io.kuberoute.testkit.fixtures.Fixtures.service;

import io.kuberoute.core.app.SyncService;
import io.kuberoute.core.app.SyncSettings;
import io.kuberoute.core.app.SyncTrigger;
import io.kuberoute.core.config.ConfigSection;
import io.kuberoute.core.model.ClusterSnapshot;
import io.kuberoute.core.model.PodInfo;
import io.kuberoute.core.report.StatusReport;
import io.kuberoute.testkit.fixtures.InMemoryDnsBackend;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** What the S3 tests share: names, dummy credentials, the known cluster, golden files. */
final class S3TestSupport {
  private S3TestSupport() {}

  static final String BUCKET = "kuberoute-state";

  /** Dummy credentials, distinctive enough to search every message and log line for. */
  static final String ACCESS_KEY_ID = "AKIAKUBEROUTETEST7777";

  static final String SECRET_ACCESS_KEY = "kuberouteTestSecret/9f8e7d6c5b4a+ZYXWVUT";

  /** When the known cluster was synced. */
  static final Instant SYNC_TIME = Instant.parse("2026-11-25T10:15:30Z");

  /** A section named {@code name} with {@code key, value, ...}. */
  static ConfigSection section(String name, String... keyValues) {
    return new ConfigSection(name, labels(keyValues));
  }

  /**
   * The known cluster: three nodes (node-1 with an ExternalIP, node-2, node-3 cordoned) and six
   * services covering every row of the report: quota met (truncated 66), failover to an IP,
   * failover to a host name with no live pod, quota missed without failover, nothing published, and
   * one with an invalid quota label.
   */
  static ClusterSnapshot knownCluster() {
    return new ClusterSnapshot(
        List.of(
            service(
                "default",
                "shop",
                labels(
                    "kuberoute_domain",
                    "example.com",
                    "kuberoute_name",
                    "shop",
                    "kuberoute_quota",
                    "50")),
            service(
                "default",
                "api",
                labels(
                    "kuberoute_domain",
                    "example.com",
                    "kuberoute_name",
                    "api",
                    "kuberoute_quota",
                    "50",
                    "kuberoute_failover",
                    "198.51.100.7")),
            service(
                "default",
                "status",
                labels(
                    "kuberoute_domain",
                    "example.com",
                    "kuberoute_name",
                    "status",
                    "kuberoute_failover",
                    "status-backup.example.net")),
            service(
                "web",
                "blog",
                labels(
                    "kuberoute_domain",
                    "example.org",
                    "kuberoute_name",
                    "blog",
                    "kuberoute_quota",
                    "50")),
            service(
                "web", "gone", labels("kuberoute_domain", "example.org", "kuberoute_name", "gone")),
            service(
                "web",
                "broken",
                labels(
                    "kuberoute_domain",
                    "example.org",
                    "kuberoute_name",
                    "broken",
                    "kuberoute_quota",
                    "80%"))),
        List.of(
            pod("shop-1", "shop", "node-1"),
            pod("shop-2", "shop", "node-2"),
            pod("api-1", "api", "node-1"),
            webPod(pod("blog-1", "blog", "node-2")),
            webPod(pod("blog-2", "blog", "node-3"))),
        List.of(
            node("node-1", "10.0.0.1", "203.0.113.1"),
            node("node-2", "10.0.0.2"),
            cordoned(node("node-3", "10.0.0.3"))),
        true);
  }

  private static PodInfo webPod(PodInfo p) {
    return p.withNamespace("web");
  }

  /** The report of one sync of {@link #knownCluster()} at {@link #SYNC_TIME}. */
  static StatusReport knownReport() {
    SyncService sync =
        SyncService.builder(
                S3TestSupport::knownCluster,
                new InMemoryDnsBackend("kuberoute"),
                SyncSettings.defaults())
            .clock(Clock.fixed(SYNC_TIME, ZoneOffset.UTC))
            .build();
    sync.sync(SyncTrigger.FULL);
    return sync.lastReport().orElseThrow();
  }

  /**
   * Settings for the S3Mock (or a proxy in front of it) at {@code endpoint}, plus {@code extra}
   * keys.
   */
  static S3ReportSettings settings(String endpoint, String key, String... extra) {
    String[] base = {
      "bucket_name", BUCKET,
      "key", key,
      "aws_access_key_id", ACCESS_KEY_ID,
      "aws_secret_access_key", SECRET_ACCESS_KEY,
      "endpoint", endpoint
    };
    String[] all = Arrays.copyOf(base, base.length + extra.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return S3ReportSettings.fromConfig(section("s3report", all), Map.of());
  }

  /** A file under {@code src/test/resources/golden}. */
  static byte[] golden(String name) {
    try (InputStream in = S3TestSupport.class.getResourceAsStream("/golden/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing golden file " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
