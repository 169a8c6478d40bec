package io.kuberoute.dns.fake;

import io.kuberoute.core.config.ConfigSection;
import io.kuberoute.core.spi.BackendSpec;
import io.kuberoute.core.spi.DnsBackendProvider;

/**
 * {@code dns_backend = fakedns}: the {@link PrintingDnsBackend}; the section's contents are
 * ignored.
 */
public final class FakeDnsProvider implements DnsBackendProvider {

  @Override
  public String name() {
    return "fakedns";
  }

  @Override
  public String sectionExample() {
    return "it may be empty";
  }

  @Override
  public BackendSpec parse(ConfigSection section) {
    section.ignore(section.keys().toArray(String[]::new));
    return context -> new PrintingDnsBackend(context.ownerId(), context.stdout());
  }
}
