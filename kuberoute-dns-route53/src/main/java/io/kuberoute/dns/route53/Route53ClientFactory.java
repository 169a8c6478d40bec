package io.kuberoute.dns.route53;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.Route53ClientBuilder;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Builds the SDK's {@link Route53Client} from {@link Route53Settings}: the URL-connection HTTP
 * client with the attempt timeout as the one deadline, static keys or the SDK's default credential
 * chain, the standard retry strategy (exponential backoff with jitter, {@code max_retries} retries,
 * throttling included), the signing region and the endpoint override. Makes no network call.
 */
final class Route53ClientFactory {

  private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** A built client and what was built for it, closed with it. */
  record Built(Route53Client client, List<SdkAutoCloseable> resources) {
    Built {
      Objects.requireNonNull(client, "client");
      resources = List.copyOf(resources);
    }
  }

  private Route53ClientFactory() {}

  /**
   * @param retryBaseDelay when given, replaces the SDK's base delays of exponential backoff (tests
   *     use a few milliseconds)
   */
  static Built build(Route53Settings settings, Optional<Duration> retryBaseDelay) {
    Objects.requireNonNull(settings, "settings");
    SdkHttpClient http =
        UrlConnectionHttpClient.builder()
            .connectionTimeout(min(settings.timeout(), MAX_CONNECT_TIMEOUT))
            // the attempt timeout below is the deadline; the socket's is a second later, so that a
            // Route53 that does not answer always fails the same way
            .socketTimeout(settings.timeout().plusSeconds(1))
            .build();
    AwsCredentialsProvider credentials =
        settings.hasStaticCredentials()
            ? StaticCredentialsProvider.create(
                AwsBasicCredentials.create(
                    settings.accessKeyId().orElseThrow(),
                    settings.secretAccessKey().orElseThrow().reveal()))
            : DefaultCredentialsProvider.builder().build();
    StandardRetryStrategy.Builder retry =
        AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(settings.maxRetries() + 1);
    retryBaseDelay.ifPresent(
        base -> {
          BackoffStrategy backoff = BackoffStrategy.exponentialDelay(base, base.multipliedBy(8));
          retry.backoffStrategy(backoff).throttlingBackoffStrategy(backoff);
        });
    Route53ClientBuilder builder =
        Route53Client.builder()
            .region(Region.of(settings.effectiveRegion()))
            .credentialsProvider(credentials)
            .httpClient(http)
            .overrideConfiguration(
                o -> o.retryStrategy(retry.build()).apiCallAttemptTimeout(settings.timeout()));
    settings.endpoint().ifPresent(builder::endpointOverride);
    List<SdkAutoCloseable> resources = new ArrayList<>();
    resources.add(http);
    if (credentials instanceof SdkAutoCloseable closeable) {
      resources.add(closeable);
    }
    try {
      return new Built(builder.build(), resources);
    } catch (RuntimeException e) {
      resources.forEach(SdkAutoCloseable::close);
      throw e;
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
