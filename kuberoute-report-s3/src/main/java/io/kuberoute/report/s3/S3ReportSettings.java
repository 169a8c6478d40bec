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
 * spells it {@code [s3_report]}; both are read the same way), with {@code key} already rendered with
 * the {@code [replacements]}.
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
      throw new IllegalArgumentException("bucketName '" + bucketName + "' is not " + BUCKET_ALLOWED);
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
      throw new IllegalArgumentException("contentType '" + contentType + "' is not " + MEDIA_TYPE_ALLOWED);
    }
    endpoint.ifPresent(
        e -> {
          String scheme = e.getScheme() == null ? "" : e.getScheme().toLowerCase(Locale.ROOT);
          if (!(scheme.equals("http") || scheme.equals("https")) || e.getHost() == null) {
            throw new IllegalArgumentException("endpoint '" + e + "' is not an http(s) URL with a host");
          }
        });
  }

  /**
   * A static access key pair. {@link #toString()} shows neither part, so a log line or message
   * that prints the settings leaks nothing.
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
  public static S3ReportSettings fromConfig(ConfigSection section, Map<String, String> replacements) {
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
          "invalid value for %s: '%s' %s".formatted(section.qualified("key"), keyTemplate, keyProblem));
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
            .map(v -> v.equals(NO_ACL) ? Optional.<ObjectCannedACL>empty() : Optional.of(ObjectCannedACL.fromValue(v)))
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
