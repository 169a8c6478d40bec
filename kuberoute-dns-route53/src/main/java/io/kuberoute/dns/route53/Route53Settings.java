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
      throw new InvalidSetting(
          Part.KEY_PAIR, "", "an access key id and its secret go together: set both or neither");
    }
    region.ifPresent(
        r -> {
          if (!REGION.matcher(r).matches()) {
            throw new InvalidSetting(Part.REGION, r, "'" + r + "' is not an AWS region name");
          }
        });
    hostedZoneId =
        hostedZoneId.map(
            z -> {
              String id = z.startsWith(ZONE_ID_PREFIX) ? z.substring(ZONE_ID_PREFIX.length()) : z;
              if (!ZONE_ID.matcher(id).matches()) {
                throw new InvalidSetting(
                    Part.HOSTED_ZONE_ID, z, "'" + z + "' is not a hosted zone id");
              }
              return id;
            });
    if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
      throw new IllegalArgumentException(
          "batch size must be 1.." + MAX_BATCH_SIZE + " but was " + batchSize);
    }
    if (maxRetries < 0 || maxRetries > MAX_RETRIES_LIMIT) {
      throw new IllegalArgumentException(
          "max retries must be 0.." + MAX_RETRIES_LIMIT + " but was " + maxRetries);
    }
    if (timeout.isNegative() || timeout.isZero() || timeout.toSeconds() > MAX_TIMEOUT_SECONDS) {
      throw new IllegalArgumentException(
          "timeout must be 1.." + MAX_TIMEOUT_SECONDS + " seconds but was " + timeout);
    }
  }

  /** The parts whose rule the constructor checks and {@link #fromConfig} reports by key. */
  private enum Part {
    KEY_PAIR,
    REGION,
    HOSTED_ZONE_ID
  }

  /** A rule of the constructor broken: which part, and the value given. */
  private static final class InvalidSetting extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    final transient Part part;
    final String value;

    InvalidSetting(Part part, String value, String message) {
      super(message);
      this.part = part;
      this.value = value;
    }
  }

  /** Defaults everywhere: default credential chain, global region, no pinned zone. */
  public static Route53Settings defaults() {
    return builder().build();
  }

  /**
   * A builder starting from {@link #defaults()}: the default credential chain, region {@value
   * #DEFAULT_REGION}, Route53's own endpoint, any hosted zone, batches of {@value #MAX_BATCH_SIZE},
   * {@value #DEFAULT_MAX_RETRIES} retries, a 30 s timeout. {@link Builder#build()} checks the
   * values (the record's constructor does, once).
   */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.accessKeyId = accessKeyId;
    b.secretAccessKey = secretAccessKey;
    b.region = region;
    b.endpoint = endpoint;
    b.hostedZoneId = hostedZoneId;
    b.batchSize = batchSize;
    b.maxRetries = maxRetries;
    b.timeout = timeout;
    return b;
  }

  /** Builds {@link Route53Settings}; see {@link Route53Settings#builder()}. */
  public static final class Builder {
    private Optional<String> accessKeyId = Optional.empty();
    private Optional<Secret> secretAccessKey = Optional.empty();
    private Optional<String> region = Optional.empty();
    private Optional<URI> endpoint = Optional.empty();
    private Optional<String> hostedZoneId = Optional.empty();
    private int batchSize = MAX_BATCH_SIZE;
    private int maxRetries = DEFAULT_MAX_RETRIES;
    private Duration timeout = DEFAULT_TIMEOUT;

    private Builder() {}

    /** A static key pair: both parts at once, so half a pair cannot be given. */
    public Builder staticCredentials(String accessKeyId, Secret secretAccessKey) {
      this.accessKeyId = Optional.of(Objects.requireNonNull(accessKeyId, "accessKeyId"));
      this.secretAccessKey =
          Optional.of(Objects.requireNonNull(secretAccessKey, "secretAccessKey"));
      return this;
    }

    /** The SDK's default credential chain (the default). */
    public Builder defaultCredentials() {
      this.accessKeyId = Optional.empty();
      this.secretAccessKey = Optional.empty();
      return this;
    }

    /** The signing region, such as {@code cn-north-1}. */
    public Builder region(String value) {
      this.region = Optional.of(Objects.requireNonNull(value, "region"));
      return this;
    }

    /** An endpoint override: a test server or a Route53-compatible service. */
    public Builder endpoint(URI value) {
      this.endpoint = Optional.of(Objects.requireNonNull(value, "endpoint"));
      return this;
    }

    /** The one hosted zone to write to, with or without the {@code /hostedzone/} prefix. */
    public Builder hostedZoneId(String value) {
      this.hostedZoneId = Optional.of(Objects.requireNonNull(value, "hostedZoneId"));
      return this;
    }

    /** Changes per ChangeResourceRecordSets call, 1..{@value Route53Settings#MAX_BATCH_SIZE}. */
    public Builder batchSize(int value) {
      this.batchSize = value;
      return this;
    }

    /** Retries of a throttled or failed call, 0..{@value Route53Settings#MAX_RETRIES_LIMIT}. */
    public Builder maxRetries(int value) {
      this.maxRetries = value;
      return this;
    }

    /** How long one HTTP attempt may take, 1..{@value Route53Settings#MAX_TIMEOUT_SECONDS} s. */
    public Builder timeout(Duration value) {
      this.timeout = Objects.requireNonNull(value, "timeout");
      return this;
    }

    /**
     * The settings.
     *
     * @throws IllegalArgumentException saying which value breaks which rule
     */
    public Route53Settings build() {
      return new Route53Settings(
          accessKeyId,
          secretAccessKey,
          region,
          endpoint,
          hostedZoneId,
          batchSize,
          maxRetries,
          timeout);
    }
  }

  /**
   * Parses {@code [route53]}; every error names {@code route53.<key>} and never shows the secret.
   * The rules are the constructor's: an error it reports is told here by the key it came from.
   */
  public static Route53Settings fromConfig(ConfigSection section) {
    Optional<String> keyId = section.optional("aws_access_key_id");
    Optional<Secret> secret = section.secret("aws_secret_access_key");
    Optional<String> region = section.optional("region").map(r -> r.toLowerCase(Locale.ROOT));
    Optional<URI> endpoint = section.url("endpoint");
    Optional<String> zoneId = section.optional("hosted_zone_id");
    int batchSize = section.integer("batch_size", MAX_BATCH_SIZE, 1, MAX_BATCH_SIZE);
    int maxRetries = section.integer("max_retries", DEFAULT_MAX_RETRIES, 0, MAX_RETRIES_LIMIT);
    Duration timeout = section.seconds("timeout", DEFAULT_TIMEOUT, 1, MAX_TIMEOUT_SECONDS);
    try {
      return new Route53Settings(
          keyId, secret, region, endpoint, zoneId, batchSize, maxRetries, timeout);
    } catch (InvalidSetting e) {
      throw switch (e.part) {
        case KEY_PAIR -> {
          String given = keyId.isPresent() ? "aws_access_key_id" : "aws_secret_access_key";
          String missing = keyId.isPresent() ? "aws_secret_access_key" : "aws_access_key_id";
          yield new ConfigurationException(
              ("%s is set but %s is not: set both for a static key pair, or neither to use the AWS "
                      + "default credential chain (environment, ~/.aws, instance or pod role)")
                  .formatted(section.qualified(given), section.qualified(missing)));
        }
        case REGION ->
            section.invalid(
                "region",
                e.value,
                "an AWS region name such as us-east-1, aws-global or cn-north-1");
        case HOSTED_ZONE_ID ->
            section.invalid(
                "hosted_zone_id",
                e.value,
                "a hosted zone id such as Z0123456789ABCDEFGHIJ (upper-case letters and digits)");
      };
    }
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
        + ", region="
        + effectiveRegion()
        + ", endpoint="
        + endpoint.map(URI::toString).orElse("default")
        + ", hostedZoneId="
        + hostedZoneId.orElse("any")
        + ", batchSize="
        + batchSize
        + ", maxRetries="
        + maxRetries
        + ", timeout="
        + timeout.toSeconds()
        + "s]";
  }
}
