package io.kuberoute.dns.webhook;

import io.kuberoute.core.model.Ownership;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.testkit.contract.AbstractDnsBackendContractTest;
import org.junit.jupiter.api.AfterEach;

/** The shared backend contract, against the in-test webhook provider. */
class WebhookDnsBackendContractTest extends AbstractDnsBackendContractTest {

  private WebhookTestProvider provider;

  @Override
  protected DnsBackend newBackend(String ownerId) {
    if (provider == null) {
      provider = WebhookTestProvider.running();
    }
    return WebhookFixtures.backend(provider, ownerId);
  }

  @Override
  protected void seed(RecordSet record, Ownership ownership) {
    WebhookFixtures.seed(provider, record, ownership, RESOURCE);
  }

  @AfterEach
  void stopProvider() {
    if (provider != null) {
      provider.close();
    }
  }
}
