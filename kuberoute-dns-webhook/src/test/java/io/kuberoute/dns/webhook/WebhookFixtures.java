package io.kuberoute.dns.webhook;

import io.kuberoute.core.model.Ownership;
import io.kuberoute.core.model.RecordSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Shared set-up of the webhook tests. */
final class WebhookFixtures {

  /** Retries without waiting, so a test of 5xx answers takes no time; the sleeps are counted. */
  static final WebhookClient.Backoff NO_BACKOFF =
      new WebhookClient.Backoff(Duration.ZERO, Duration.ZERO);

  private WebhookFixtures() {}

  static WebhookSettings settings(WebhookTestProvider provider) {
    return WebhookSettings.builder().url(provider.url()).timeout(Duration.ofSeconds(5)).build();
  }

  /** A backend over the real JDK HTTP client, retrying without waiting. */
  static WebhookDnsBackend backend(WebhookSettings settings, String ownerId) {
    return WebhookDnsBackend.create(
        settings, ownerId, new JdkWebhookHttp(settings), NO_BACKOFF, d -> {});
  }

  static WebhookDnsBackend backend(WebhookTestProvider provider, String ownerId) {
    return backend(settings(provider), ownerId);
  }

  /**
   * Writes {@code record} and its mark (if owned) straight into the provider, as an earlier run
   * would have.
   */
  static void seed(
      WebhookTestProvider provider, RecordSet record, Ownership ownership, String defaultResource) {
    provider.put(RecordMapping.toEndpoint(record));
    ownership
        .owner()
        .ifPresent(
            owner ->
                provider.put(
                    RecordMapping.markEndpoint(
                        OwnershipMark.nameFor(record.name()).orElseThrow(),
                        owner,
                        ownership.resource().orElse(defaultResource))));
  }

  /** The requests of {@code provider} since the last call, then forgets them. */
  static List<String> drain(WebhookTestProvider provider) {
    List<String> out = new ArrayList<>(provider.requests());
    provider.clearRequests();
    return out;
  }
}
