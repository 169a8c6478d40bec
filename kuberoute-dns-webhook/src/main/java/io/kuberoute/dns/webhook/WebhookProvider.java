package io.kuberoute.dns.webhook;

import io.kuberoute.core.config.ConfigSection;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.core.spi.BackendContext;
import io.kuberoute.core.spi.BackendSpec;
import io.kuberoute.core.spi.DnsBackendProvider;

/** {@code dns_backend = webhook}, section {@code [webhook]}: see {@link WebhookSettings}. */
public final class WebhookProvider implements DnsBackendProvider {

  @Override
  public String name() {
    return "webhook";
  }

  @Override
  public String sectionExample() {
    return "e.g. 'url = http://localhost:8888'";
  }

  @Override
  public BackendSpec parse(ConfigSection section) {
    return new Spec(WebhookSettings.fromConfig(section));
  }

  /** The parsed {@code [webhook]} section. */
  public record Spec(WebhookSettings settings) implements BackendSpec {
    @Override
    public DnsBackend create(BackendContext context) {
      return WebhookDnsBackend.create(settings, context.ownerId());
    }

    @Override
    public String describe() {
      return "external-dns webhook provider at %s (timeout %s, %d retries)"
          .formatted(
              settings.displayUrl(),
              WebhookClient.seconds(settings.timeout()),
              settings.maxRetries());
    }
  }
}
