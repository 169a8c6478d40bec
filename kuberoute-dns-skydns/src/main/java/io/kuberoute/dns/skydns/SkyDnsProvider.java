package io.kuberoute.dns.skydns;

import io.kuberoute.core.config.ConfigSection;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.core.spi.BackendContext;
import io.kuberoute.core.spi.BackendSpec;
import io.kuberoute.core.spi.DnsBackendProvider;

/** {@code dns_backend = skydns}, section {@code [skydns]}: see {@link SkyDnsSettings}. */
public final class SkyDnsProvider implements DnsBackendProvider {

  @Override
  public String name() {
    return "skydns";
  }

  @Override
  public String sectionExample() {
    return "e.g. 'host = 127.0.0.1'";
  }

  @Override
  public BackendSpec parse(ConfigSection section) {
    return new Spec(SkyDnsSettings.fromConfig(section));
  }

  /** The parsed {@code [skydns]} section. */
  public record Spec(SkyDnsSettings settings) implements BackendSpec {
    @Override
    public DnsBackend create(BackendContext context) {
      return SkyDnsDnsBackend.create(settings, context.ownerId());
    }
  }
}
