package io.kuberoute.dns.route53;

import io.kuberoute.core.ConfigurationException;
import io.kuberoute.core.config.ConfigSection;
import io.kuberoute.core.config.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code [route53]} section.
 *
 * <ul>
 *   <li>{@code aws_access_key_id}, {@code aws_secret_access_key}: a static key pair, both or
 *       neither. Without them the SDK's default credential chain is used (environment, system
 *       properties, {@code ~/.aws}, web identity, container and instance roles).
 *   <li>{@code region}: the signing region, default {@code us-east-1} (Route53 is global; China
 *       uses {@code cn-north-1}, GovCloud {@code us-gov-west-1}).
 *   <li>{@code endpoint}: an endpoint override (tests, Route53-compatible services).
 *   <li>{@code hosted_zone_id}: pins the one hosted zone kuberoute writes to.
 *   <li>{@code batch_size}: changes per ChangeResourceRecordSets call, 1..1000, default 1000.
 *   <li>{@code max_retries}: retries of a throttled or failed call, 0..20, default 3.
 *   <li>{@code timeout}: seconds one HTTP attempt may take, 1..600, default 30.
 * </ul>
 *
 * <p>The secret never appears in {@link #toString()} nor in any error; the access key id is not
 * shown either.
 */
public record Route53Settings(
    Optional<String> accessKeyId,
    Optional<Secret> secretAccessKey,
    Optional<String> region,
    Optional<URI> endpoint,
    Optional<String> hostedZoneId,
    int batchSize,
    int maxRetries,
    Duration timeout) {

  /** Route53's own maximum number of changes per request, and the default. */
  public static final int MAX_BATCH_SIZE = 1000;

  public static final int DEFAULT_MAX_RETRIES = 3;
  public static final int MAX_RETRIES_LIMIT = 20;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  public static final int MAX_TIMEOUT_SECONDS = 600;

  /**
   * Used when {@code region} is not set. Route53 is global; its API in the standard AWS partition
   * is signed for us-east-1 (also when {@code endpoint} overrides the URL).
   */
  public static final String DEFAULT_REGION = "us-east-1";

  private static final Pattern REGION = Pattern.compile("[a-z]{2,}(-[a-z0-9]+)+");
  private static final Pattern ZONE_ID = Pattern.compile("[A-Z0-9]{1,32}");
  private static final String ZONE_ID_PREFIX = "/hostedzone/";

  public Route53Settings {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(hostedZoneId, "hostedZoneId");
    Objects.requireNonNull(timeout, "timeout");
    if (accessKeyId.isPresent() != secretAccessKey.isPresent()) {
      throw new IllegalArgumentException("an access key id and its secret go together: set both or neither");
    }
    region.ifPresent(
        r -> {
          if (!REGION.matcher(r).matches()) {
            throw new IllegalArgumentException("'" + r + "' is not an AWS region name");
          }
        });
    hostedZoneId.ifPresent(
        z -> {
          if (!ZONE_ID.matcher(z).matches()) {
            throw new IllegalArgumentException("'" + z + "' is not a hosted zone id");
          }
        });
    if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
      throw new IllegalArgumentException("batch size must be 1.." + MAX_BATCH_SIZE + " but was " + batchSize);
    }
    if (maxRetries < 0 || maxRetries > MAX_RETRIES_LIMIT) {
      throw new IllegalArgumentException("max retries must be 0.." + MAX_RETRIES_LIMIT + " but was " + maxRetries);
    }
    if (timeout.isNegative() || timeout.isZero() || timeout.toSeconds() > MAX_TIMEOUT_SECONDS) {
      throw new IllegalArgumentException("timeout must be 1.." + MAX_TIMEOUT_SECONDS + " seconds but was " + timeout);
    }
  }

  /** Defaults everywhere: default credential chain, global region, no pinned zone. */
  public static Route53Settings defaults() {
    return new Route53Settings(
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        MAX_BATCH_SIZE, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT);
  }

  /** Parses {@code [route53]}; every error names {@code route53.<key>} and never shows the secret. */
  public static Route53Settings fromConfig(ConfigSection section) {
    Optional<String> keyId = section.optional("aws_access_key_id");
    Optional<Secret> secret = section.secret("aws_secret_access_key");
    if (keyId.isPresent() && secret.isEmpty()) {
      throw new ConfigurationException(
          ("%s is set but %s is not: set both for a static key pair, or neither to use the AWS "
                  + "default credential chain (environment, ~/.aws, instance or pod role)")
              .formatted(section.qualified("aws_access_key_id"), section.qualified("aws_secret_access_key")));
    }
    if (secret.isPresent() && keyId.isEmpty()) {
      throw new ConfigurationException(
          ("%s is set but %s is not: set both for a static key pair, or neither to use the AWS "
                  + "default credential chain (environment, ~/.aws, instance or pod role)")
              .formatted(section.qualified("aws_secret_access_key"), section.qualified("aws_access_key_id")));
    }
    Optional<String> region = section.optional("region").map(r -> r.toLowerCase(Locale.ROOT));
    region.ifPresent(
        r -> {
          if (!REGION.matcher(r).matches()) {
            throw section.invalid("region", r, "an AWS region name such as us-east-1, aws-global or cn-north-1");
          }
        });
    Optional<URI> endpoint = section.url("endpoint");
    Optional<String> zoneId = section.optional("hosted_zone_id").map(z -> parseZoneId(section, z));
    int batchSize = section.integer("batch_size", MAX_BATCH_SIZE, 1, MAX_BATCH_SIZE);
    int maxRetries = section.integer("max_retries", DEFAULT_MAX_RETRIES, 0, MAX_RETRIES_LIMIT);
    Duration timeout = section.seconds("timeout", DEFAULT_TIMEOUT, 1, MAX_TIMEOUT_SECONDS);
    return new Route53Settings(keyId, secret, region, endpoint, zoneId, batchSize, maxRetries, timeout);
  }

  private static String parseZoneId(ConfigSection section, String raw) {
    String id = raw.startsWith(ZONE_ID_PREFIX) ? raw.substring(ZONE_ID_PREFIX.length()) : raw;
    if (!ZONE_ID.matcher(id).matches()) {
      throw section.invalid(
          "hosted_zone_id", raw, "a hosted zone id such as Z0123456789ABCDEFGHIJ (upper-case letters and digits)");
    }
    return id;
  }

  /** The region the client signs for: {@code region}, else {@value #DEFAULT_REGION}. */
  public String effectiveRegion() {
    return region.orElse(DEFAULT_REGION);
  }

  /** Whether a static key pair is configured (else the default credential chain is used). */
  public boolean hasStaticCredentials() {
    return accessKeyId.isPresent();
  }

  @Override
  public String toString() {
    return "Route53Settings[credentials="
        + (hasStaticCredentials() ? "static key pair" : "default chain")
        + ", region=" + effectiveRegion()
        + ", endpoint=" + endpoint.map(URI::toString).orElse("default")
        + ", hostedZoneId=" + hostedZoneId.orElse("any")
        + ", batchSize=" + batchSize
        + ", maxRetries=" + maxRetries
        + ", timeout=" + timeout.toSeconds() + "s]";
  }
}
