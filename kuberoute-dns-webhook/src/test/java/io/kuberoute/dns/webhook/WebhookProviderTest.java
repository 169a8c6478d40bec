package io.kuberoute.dns.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.core.config.ConfigSection;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.core.spi.BackendContext;
import io.kuberoute.core.spi.BackendSpec;
import io.kuberoute.core.spi.DnsBackendProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class WebhookProviderTest {

  @Test
  void theServiceLoaderFindsTheProviderByName() {
    DnsBackendProvider found =
        ServiceLoader.load(DnsBackendProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(p -> p.name().equals("webhook"))
            .findFirst()
            .orElseThrow();

    assertThat(found).isInstanceOf(WebhookProvider.class);
    assertThat(found.sectionExample()).isEqualTo("e.g. 'url = http://localhost:8888'");
  }

  @Test
  void theBackendIsBuiltWhileTheProviderIsDown() {
    WebhookTestProvider provider = WebhookTestProvider.running();
    String url = provider.url();
    provider.stop();

    BackendSpec spec =
        new WebhookProvider()
            .parse(new ConfigSection("webhook", Map.of("url", url, "timeout", "2")));
    try (DnsBackend backend =
        spec.create(
            new BackendContext("kuberoute", new PrintStream(new ByteArrayOutputStream())))) {
      assertThat(backend).isInstanceOf(WebhookDnsBackend.class);
      assertThat(backend.toString()).isEqualTo("external-dns webhook provider at " + url);
    }
    assertThat(spec.describe())
        .isEqualTo("external-dns webhook provider at " + url + " (timeout 2 s, 3 retries)");
  }
}
