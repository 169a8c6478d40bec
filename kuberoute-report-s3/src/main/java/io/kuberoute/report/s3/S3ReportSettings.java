package io.kuberoute.report.s3;

import io.kuberoute.core.config.ConfigSection;
import io.kuberoute.core.config.Secret;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code [s3report]} (or {@code [s3_report]}) section; {@code key} is already rendered with
 * the {@code [replacements]}.
 */
public record S3ReportSettings(
    String bucketName,
    String key,
    Optional<String> accessKeyId,
    Optional<Secret> secretAccessKey,
    Optional<String> region,
    String acl,
    String contentType,
    Optional<URI> endpoint) {

  public S3ReportSettings {
    Objects.requireNonNull(bucketName, "bucketName");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(acl, "acl");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(endpoint, "endpoint");
  }

  /**
   * Parses the section and renders {@code key} with {@code replacements}.
   *
   * <p>TODO(issue 7): keys, defaults and validation belong to the state report issue.
   */
  public static S3ReportSettings fromConfig(ConfigSection section, Map<String, String> replacements) {
    throw new UnsupportedOperationException("the S3 state report is not implemented yet (issue 7)");
  }
}
