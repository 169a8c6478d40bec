package io.kuberoute.report.s3;

import io.kuberoute.core.ConfigurationException;
import io.kuberoute.core.config.ConfigSection;
import io.kuberoute.core.config.Secret;
import io.kuberoute.core.template.Template;
import io.kuberoute.core.template.TemplateException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;

/**
 * Where and how the state report is written: the {@code [s3report]} section (the original README
 * spells it {@code [s3_report]}; both are read the same way), with {@code key} already rendered
 * with the {@code [replacements]}.
 *
 * @param bucketName the bucket, e.g. {@code kuberoute-state}
 * @param key the object key after templating, e.g. {@code prod/kuberoute.json}
 * @param credentials a static key pair; empty: the AWS SDK's default credential chain
 * @param region the region to sign for and send to; empty: the SDK's region settings (environment,
 *     profile), else {@code us-east-1}, with cross-region access on so the bucket's own region is
 *     followed
 * @param acl the canned ACL sent with each write; empty: none is sent ({@code acl = none})
 * @param contentType the object's {@code Content-Type}
 * @param endpoint an S3-compatible endpoint (MinIO, Ceph, ...), addressed path-style; empty: AWS
 */
public record S3ReportSettings(
    String bucketName,
    String key,
    Optional<StaticCredentials> credentials,
    Optional<String> region,
    Optional<ObjectCannedACL> acl,
    String contentType,
    Optional<URI> endpoint) {

  /** The section name the original code read. */
  public static final String SECTION = "s3report";

  /** The section name the original README used; accepted as well. */
  public static final String README_SECTION = "s3_report";

  /** The {@code acl} value that sends no ACL (for buckets with ACLs disabled). */
  public static final String NO_ACL = "none";

  public static final ObjectCannedACL DEFAULT_ACL = ObjectCannedACL.PRIVATE;

  /** The body is always JSON, so this is also the type for a key without a known extension. */
  public static final String JSON = "application/json";

  /** Longest key S3 accepts, in UTF-8 bytes. */
  static final int MAX_KEY_BYTES = 1024;

  // current rules plus the legacy us-east-1 ones (upper case, underscores, up to 255 characters)
  private static final Pattern BUCKET = Pattern.compile("[A-Za-z0-9._-]{3,255}");
  private static final String BUCKET_ALLOWED =
      "a bucket name: 3 to 255 letters, digits, dots, hyphens or underscores, without s3:// or a path";
  private static final Pattern REGION = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final String REGION_ALLOWED =
      "a region name such as eu-central-1: lower-case letters, digits and single hyphens";
  private static final String TOKEN = "[A-Za-z0-9!#$%&'*+.^_`|~-]+";
  private static final Pattern MEDIA_TYPE =
      Pattern.compile(TOKEN + "/" + TOKEN + "(\\s*;[^\\r\\n]*)?");
  private static final String MEDIA_TYPE_ALLOWED =
      "a media type such as application/json or application/json; charset=utf-8";

  public S3ReportSettings {
    Objects.requireNonNull(bucketName, "bucketName");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(acl, "acl");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(endpoint, "endpoint");
    if (!BUCKET.matcher(bucketName).matches()) {
      throw new IllegalArgumentException(
          "bucketName '" + bucketName + "' is not " + BUCKET_ALLOWED);
    }
    String keyProblem = keyProblem(key);
    if (keyProblem != null) {
      throw new IllegalArgumentException("key '" + key + "': " + keyProblem);
    }
    region.ifPresent(
        r -> {
          if (!REGION.matcher(r).matches()) {
            throw new IllegalArgumentException("region '" + r + "' is not " + REGION_ALLOWED);
          }
        });
    if (acl.isPresent() && acl.get() == ObjectCannedACL.UNKNOWN_TO_SDK_VERSION) {
      throw new IllegalArgumentException("acl must be a canned ACL");
    }
    if (!MEDIA_TYPE.matcher(contentType).matches()) {
      throw new IllegalArgumentException(
          "contentType '" + contentType + "' is not " + MEDIA_TYPE_ALLOWED);
    }
    endpoint.ifPresent(
        e -> {
          String scheme = e.getScheme() == null ? "" : e.getScheme().toLowerCase(Locale.ROOT);
          if (!(scheme.equals("http") || scheme.equals("https")) || e.getHost() == null) {
            throw new IllegalArgumentException(
                "endpoint '" + e + "' is not an http(s) URL with a host");
          }
        });
  }

  private static final String REQUIRED =
      "%s is required: the report has no default %s (S3ReportSettings.builder(bucketName, key))";

  /**
   * Settings for {@code s3://bucketName/key} with every other default: the SDK's default credential
   * chain and region settings, the {@code private} ACL, AWS's endpoint, and the content type the
   * key's extension suggests ({@value #JSON} unless it ends in {@code .txt}).
   */
  public static S3ReportSettings defaults(String bucketName, String key) {
    return builder(bucketName, key).build();
  }

  /**
   * A builder for {@code s3://bucketName/key} (both required: there is no default bucket or key),
   * starting from {@link #defaults(String, String)}. The key is used as it is, not templated.
   *
   * @throws NullPointerException when either is null, saying it is required
   */
  public static Builder builder(String bucketName, String key) {
    return new Builder(bucketName, key);
  }

  /** A builder holding these settings. */
  public Builder toBuilder() {
    Builder b = new Builder(bucketName, key);
    b.credentials = credentials;
    b.region = region;
    b.acl = acl;
    b.contentType = Optional.of(contentType);
    b.endpoint = endpoint;
    return b;
  }

  /** Builds {@link S3ReportSettings}; see {@link S3ReportSettings#builder(String, String)}. */
  public static final class Builder {
    private final String bucketName;
    private final String key;
    private Optional<StaticCredentials> credentials = Optional.empty();
    private Optional<String> region = Optional.empty();
    private Optional<ObjectCannedACL> acl = Optional.of(DEFAULT_ACL);
    private Optional<String> contentType = Optional.empty();
    private Optional<URI> endpoint = Optional.empty();

    private Builder(String bucketName, String key) {
      this.bucketName =
          Objects.requireNonNull(bucketName, REQUIRED.formatted("bucketName", "bucket"));
      this.key = Objects.requireNonNull(key, REQUIRED.formatted("key", "object key"));
    }

    /** A static key pair, both parts at once; without it the SDK's default chain is used. */
    public Builder staticCredentials(String accessKeyId, Secret secretAccessKey) {
      this.credentials = Optional.of(new StaticCredentials(accessKeyId, secretAccessKey));
      return this;
    }

    /** The region to sign for and send to, such as {@code eu-central-1}. */
    public Builder region(String value) {
      this.region = Optional.of(Objects.requireNonNull(value, "region"));
      return this;
    }

    /** The canned ACL sent with each write (default {@code private}). */
    public Builder acl(ObjectCannedACL value) {
      this.acl = Optional.of(Objects.requireNonNull(value, "acl"));
      return this;
    }

    /** Sends no ACL, for buckets with ACLs disabled ({@code acl = none}). */
    public Builder noAcl() {
      this.acl = Optional.empty();
      return this;
    }

    /** The object's {@code Content-Type}; by default the key's extension decides. */
    public Builder contentType(String value) {
      this.contentType = Optional.of(Objects.requireNonNull(value, "contentType"));
      return this;
    }

    /** An S3-compatible endpoint (MinIO, Ceph, ...), addressed path-style. */
    public Builder endpoint(URI value) {
      this.endpoint = Optional.of(Objects.requireNonNull(value, "endpoint"));
      return this;
    }

    /**
     * The settings.
     *
     * @throws IllegalArgumentException saying which value breaks which rule
     */
    public S3ReportSettings build() {
      return new S3ReportSettings(
          bucketName,
          key,
          credentials,
          region,
          acl,
          contentType.orElseGet(() -> guessContentType(key)),
          endpoint);
    }
  }

  /**
   * A static access key pair. {@link #toString()} shows neither part, so a log line or message that
   * prints the settings leaks nothing.
   */
  public record StaticCredentials(String accessKeyId, Secret secretAccessKey) {
    public StaticCredentials {
      Objects.requireNonNull(accessKeyId, "accessKeyId");
      Objects.requireNonNull(secretAccessKey, "secretAccessKey");
      if (accessKeyId.isEmpty() || secretAccessKey.isEmpty()) {
        throw new IllegalArgumentException("both parts of the key pair must be non-empty");
      }
    }

    @Override
    public String toString() {
      return "StaticCredentials[<hidden>]";
    }
  }

  /**
   * Reads the section and renders {@code key} with {@code replacements}. Errors name {@code
   * <section>.<key>} with the section's own name (so {@code s3_report.key} when the file used that
   * spelling) and never show a credential.
   *
   * @throws ConfigurationException for a missing required key, a malformed template or one naming a
   *     key {@code [replacements]} lacks, a lone half of the key pair, or an invalid value
   */
  public static S3ReportSettings fromConfig(
      ConfigSection section, Map<String, String> replacements) {
    Objects.requireNonNull(replacements, "replacements");
    String bucket = section.required("bucket_name");
    if (!BUCKET.matcher(bucket).matches()) {
      throw section.invalid("bucket_name", bucket, BUCKET_ALLOWED);
    }

    String keyTemplate = section.required("key");
    String key;
    try {
      key = Template.compile(keyTemplate).render(replacements);
    } catch (TemplateException e) {
      throw new ConfigurationException(
          "invalid value for %s: %s".formatted(section.qualified("key"), e.getMessage()));
    }
    String keyProblem = keyProblem(key);
    if (keyProblem != null) {
      throw new ConfigurationException(
          "invalid value for %s: '%s' %s"
              .formatted(section.qualified("key"), keyTemplate, keyProblem));
    }

    Optional<String> accessKeyId = section.optional("aws_access_key_id");
    Optional<Secret> secret = section.secret("aws_secret_access_key");
    if (accessKeyId.isPresent() != secret.isPresent()) {
      String given = accessKeyId.isPresent() ? "aws_access_key_id" : "aws_secret_access_key";
      String missing = accessKeyId.isPresent() ? "aws_secret_access_key" : "aws_access_key_id";
      throw new ConfigurationException(
          "%s is set but %s is not (set both, or neither to use the default AWS credential chain)"
              .formatted(section.qualified(given), section.qualified(missing)));
    }
    Optional<StaticCredentials> credentials =
        accessKeyId.map(id -> new StaticCredentials(id, secret.orElseThrow()));

    Optional<String> region = section.optional("region_name");
    if (region.isPresent() && !REGION.matcher(region.get()).matches()) {
      throw section.invalid("region_name", region.get(), REGION_ALLOWED);
    }

    Optional<ObjectCannedACL> acl =
        section
            .optionalChoice("acl", aclChoices())
            .map(
                v ->
                    v.equals(NO_ACL)
                        ? Optional.<ObjectCannedACL>empty()
                        : Optional.of(ObjectCannedACL.fromValue(v)))
            .orElse(Optional.of(DEFAULT_ACL));

    String contentType = section.optional("content_type").orElseGet(() -> guessContentType(key));
    if (!MEDIA_TYPE.matcher(contentType).matches()) {
      throw section.invalid("content_type", contentType, MEDIA_TYPE_ALLOWED);
    }

    Optional<URI> endpoint = section.url("endpoint");

    return new S3ReportSettings(bucket, key, credentials, region, acl, contentType, endpoint);
  }

  /** The values {@code acl} accepts: S3's canned ACLs for objects, then {@code none}. */
  static List<String> aclChoices() {
    List<String> choices = new ArrayList<>();
    for (ObjectCannedACL acl : ObjectCannedACL.values()) {
      if (acl != ObjectCannedACL.UNKNOWN_TO_SDK_VERSION) {
        choices.add(acl.toString());
      }
    }
    choices.add(NO_ACL);
    return List.copyOf(choices);
  }

  /**
   * The content type for {@code key}, from its extension: {@code .json} (and anything unknown, as
   * the body is JSON) is {@code application/json}, {@code .txt} is {@code text/plain}.
   */
  static String guessContentType(String key) {
    String name = key.substring(key.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    return switch (extension) {
      case "txt", "text" -> "text/plain";
      default -> JSON;
    };
  }

  /** What is wrong with a rendered key, or null. */
  private static String keyProblem(String key) {
    if (key.isEmpty()) {
      return "is empty after templating";
    }
    int bytes = key.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_KEY_BYTES) {
      return "is %d bytes long after templating (allowed: at most %d bytes of UTF-8)"
          .formatted(bytes, MAX_KEY_BYTES);
    }
    return null;
  }

  /** {@code s3://bucket/key}, for messages. */
  public String location() {
    return "s3://" + bucketName + "/" + key;
  }
}
