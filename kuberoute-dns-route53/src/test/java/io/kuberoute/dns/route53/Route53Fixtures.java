package io.kuberoute.dns.route53;

import io.kuberoute.core.config.Secret;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import io.kuberoute.testkit.route53.Route53TestServer;
import java.time.Duration;
import java.util.Optional;

/** Settings and conversions shared by the Route53 tests. */
final class Route53Fixtures {
  private Route53Fixtures() {}

  /** Backoff base for tests: retries take milliseconds, not seconds. */
  static final Optional<Duration> FAST_RETRIES = Optional.of(Duration.ofMillis(5));

  static final String KEY_ID = "AKIDKUBEROUTETEST";
  static final String SECRET = "s3cr3t-Kuberoute-Test-Value/9f8e7d";

  /** Static test credentials, the server's endpoint, batch size 1000, 3 retries. */
  static Route53Settings settings(Route53TestServer server) {
    return settings(
        server,
        Route53Settings.MAX_BATCH_SIZE,
        Route53Settings.DEFAULT_MAX_RETRIES,
        Optional.empty());
  }

  static Route53Settings settings(
      Route53TestServer server, int batchSize, int maxRetries, Optional<String> zoneId) {
    return new Route53Settings(
        Optional.of(KEY_ID),
        Optional.of(Secret.of(SECRET)),
        Optional.empty(),
        Optional.of(server.endpoint()),
        zoneId,
        batchSize,
        maxRetries,
        Duration.ofSeconds(5));
  }

  /** The record set as Route53 would hold it. */
  static Route53TestServer.RecordSet serverSet(RecordSet r) {
    String[] values =
        r.targets().stream()
            .map(t -> r.type() == RecordType.CNAME ? DnsName.of(t).absolute() : t)
            .toArray(String[]::new);
    return Route53TestServer.RecordSet.of(r.name().value(), r.type().name(), r.ttl(), values);
  }
}
