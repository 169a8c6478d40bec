package io.kuberoute.report.s3;

import io.kuberoute.core.KuberouteException;
import io.kuberoute.core.port.StatusSink;
import io.kuberoute.core.report.StatusReport;
import io.kuberoute.core.report.StatusReportJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Writes the state report ({@link StatusReportJson}, the original's JSON) to one S3 object,
 * overwriting it each time, with the configured content type and canned ACL.
 *
 * <p>Creating the sink builds the S3 client and contacts nothing: credentials from the default
 * chain are looked up at the first write, and a region not given in the configuration is taken from
 * the SDK's local settings only (no instance metadata call). The sync that publishes waits for the
 * write, so every write has a deadline: 10 s in all, the SDK's retries included (3 s to connect, 5
 * s per attempt). A failed write throws; the sync service logs it, counts it and writes again at
 * the next sync. Thread-safe. {@link #close()} releases the client.
 *
 * <p>The same request shape goes to AWS and to S3-compatible stores: a plain body with {@code
 * Content-Length} and {@code Content-MD5} (checked by the store), no aws-chunked encoding and no
 * trailing checksums, which several S3-compatible stores do not understand.
 */
public final class S3StatusSink implements StatusSink, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(S3StatusSink.class);

  /**
   * Deadlines of one write.
   *
   * @param connect TCP connect, per attempt
   * @param socket longest wait for response bytes, per attempt
   * @param attempt one attempt
   * @param call the whole write, the SDK's retries included
   */
  record Timeouts(Duration connect, Duration socket, Duration attempt, Duration call) {
    static final Timeouts DEFAULT =
        new Timeouts(
            Duration.ofSeconds(3),
            Duration.ofSeconds(5),
            Duration.ofSeconds(5),
            Duration.ofSeconds(10));
  }

  /** The region when neither the configuration nor the SDK's local settings name one. */
  static final Region FALLBACK_REGION = Region.US_EAST_1;

  private static final String HIDDEN = "<hidden>";

  private final S3ReportSettings settings;
  private final S3Client client;
  private final Optional<SdkAutoCloseable> ownedCredentials;
  private boolean failing;

  private S3StatusSink(
      S3ReportSettings settings, S3Client client, Optional<SdkAutoCloseable> ownedCredentials) {
    this.settings = settings;
    this.client = client;
    this.ownedCredentials = ownedCredentials;
  }

  /** A sink for {@code settings}. Makes no network call. */
  public static S3StatusSink create(S3ReportSettings settings) {
    return create(
        settings,
        new AwsRegionProviderChain(
            new SystemSettingsRegionProvider(), new AwsProfileRegionProvider()));
  }

  /**
   * As {@link #create(S3ReportSettings)}, with {@code localRegion} consulted when the settings name
   * no region (tests pass their own).
   */
  static S3StatusSink create(S3ReportSettings settings, AwsRegionProvider localRegion) {
    return create(settings, localRegion, Timeouts.DEFAULT);
  }

  /** As {@link #create(S3ReportSettings, AwsRegionProvider)}, with other deadlines (tests). */
  static S3StatusSink create(
      S3ReportSettings settings, AwsRegionProvider localRegion, Timeouts timeouts) {
    Objects.requireNonNull(settings, "settings");
    RegionChoice region = chooseRegion(settings.region(), localRegion);
    AwsCredentialsProvider credentials;
    Optional<SdkAutoCloseable> owned;
    if (settings.credentials().isPresent()) {
      S3ReportSettings.StaticCredentials c = settings.credentials().get();
      credentials =
          StaticCredentialsProvider.create(
              AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey().reveal()));
      owned = Optional.empty();
    } else {
      DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build();
      credentials = chain;
      owned = Optional.of(chain);
    }
    var builder =
        S3Client.builder()
            .httpClient(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(timeouts.connect())
                    .socketTimeout(timeouts.socket())
                    .build())
            .region(region.region())
            .crossRegionAccessEnabled(region.crossRegion())
            .credentialsProvider(credentials)
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .serviceConfiguration(
                S3Configuration.builder()
                    .pathStyleAccessEnabled(settings.endpoint().isPresent())
                    .chunkedEncodingEnabled(false)
                    .build())
            .overrideConfiguration(
                o -> o.apiCallTimeout(timeouts.call()).apiCallAttemptTimeout(timeouts.attempt()));
    settings.endpoint().ifPresent(builder::endpointOverride);
    return new S3StatusSink(settings, builder.build(), owned);
  }

  /** The region to use and whether to follow the bucket to another region. */
  record RegionChoice(Region region, boolean crossRegion) {}

  /**
   * A configured region is used as it is: requests are signed for it and sent to it. Without one,
   * the SDK's local settings ({@code AWS_REGION}, {@code aws.region}, the profile) or else {@link
   * #FALLBACK_REGION}, with cross-region access so the bucket's own region is followed.
   */
  static RegionChoice chooseRegion(Optional<String> configured, AwsRegionProvider localRegion) {
    if (configured.isPresent()) {
      return new RegionChoice(Region.of(configured.get()), false);
    }
    Region local;
    try {
      local = localRegion.getRegion();
    } catch (RuntimeException e) {
      local = null;
    }
    return new RegionChoice(local == null ? FALLBACK_REGION : local, true);
  }

  @Override
  public String name() {
    return "s3";
  }

  /**
   * Writes {@code report} as the object's whole content.
   *
   * @throws KuberouteException naming the object and what went wrong (never a credential)
   */
  @Override
  public void publish(StatusReport report) {
    byte[] body = StatusReportJson.render(report).getBytes(StandardCharsets.UTF_8);
    PutObjectRequest.Builder request =
        PutObjectRequest.builder()
            .bucket(settings.bucketName())
            .key(settings.key())
            .contentType(settings.contentType())
            .contentLength((long) body.length)
            .contentMD5(md5(body));
    settings.acl().ifPresent(request::acl);
    try {
      client.putObject(request.build(), RequestBody.fromBytes(body));
    } catch (SdkException e) {
      markFailing();
      throw new KuberouteException(settings.location() + ": " + scrub(describe(e)), e);
    }
    if (markWorking()) {
      log.info("the state report is written to {} again", settings.location());
    }
    log.debug("state report written to {} ({} bytes)", settings.location(), body.length);
  }

  private synchronized void markFailing() {
    failing = true;
  }

  /** True if the previous write had failed. */
  private synchronized boolean markWorking() {
    boolean was = failing;
    failing = false;
    return was;
  }

  /** The S3 error code and message, or the client-side reason. */
  private static String describe(SdkException e) {
    if (e instanceof S3Exception s3) {
      AwsErrorDetails details = s3.awsErrorDetails();
      String code = details == null ? null : details.errorCode();
      String message = details == null ? null : details.errorMessage();
      StringBuilder out = new StringBuilder();
      out.append(code == null || code.isEmpty() ? "error" : code);
      if (message != null && !message.isEmpty()) {
        out.append(": ").append(message);
      }
      out.append(" (HTTP ").append(s3.statusCode()).append(')');
      return out.toString();
    }
    String message = e.getMessage();
    return message == null || message.isEmpty() ? e.getClass().getSimpleName() : message;
  }

  /** Removes the configured key pair from a message, should a store ever echo it back. */
  String scrub(String message) {
    if (settings.credentials().isEmpty()) {
      return message;
    }
    S3ReportSettings.StaticCredentials c = settings.credentials().get();
    return message.replace(c.secretAccessKey().reveal(), HIDDEN).replace(c.accessKeyId(), HIDDEN);
  }

  private static String md5(byte[] body) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is a required JDK algorithm", e);
    }
  }

  public S3ReportSettings settings() {
    return settings;
  }

  /** The client, for tests that inspect its configuration. */
  S3Client client() {
    return client;
  }

  @Override
  public void close() {
    client.close();
    ownedCredentials.ifPresent(SdkAutoCloseable::close);
  }

  @Override
  public String toString() {
    return "S3StatusSink[" + settings.location() + "]";
  }
}
