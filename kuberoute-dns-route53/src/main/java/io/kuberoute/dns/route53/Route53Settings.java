package io.kuberoute.dns.route53;

import io.kuberoute.core.config.ConfigSection;
import io.kuberoute.core.config.Secret;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code [route53]} section. Without an access key pair, the SDK's default credential chain is
 * used.
 */
public record Route53Settings(
    Optional<String> accessKeyId,
    Optional<Secret> secretAccessKey,
    Optional<String> region,
    Optional<URI> endpoint,
    Optional<String> hostedZoneId,
    int batchSize,
    int maxRetries) {

  public Route53Settings {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(hostedZoneId, "hostedZoneId");
  }

  /**
   * Parses {@code [route53]}.
   *
   * <p>TODO(issue 6): keys, defaults and validation belong to the Route53 issue.
   */
  public static Route53Settings fromConfig(ConfigSection section) {
    throw new UnsupportedOperationException("the Route53 backend is not implemented yet (issue 6)");
  }
}
