package io.kuberoute.dns.rfc2136;

import io.kuberoute.core.config.ConfigSection;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.core.spi.BackendContext;
import io.kuberoute.core.spi.BackendSpec;
import io.kuberoute.core.spi.DnsBackendProvider;

/** {@code dns_backend = rfc2136}, section {@code [rfc2136]}: see {@link Rfc2136Settings}. */
public final class Rfc2136Provider implements DnsBackendProvider {

  @Override
  public String name() {
    return "rfc2136";
  }

  @Override
  public String sectionExample() {
    return "e.g. 'server = 192.0.2.53'";
  }

  @Override
  public BackendSpec parse(ConfigSection section) {
    return new Spec(Rfc2136Settings.fromConfig(section));
  }

  /** The parsed {@code [rfc2136]} section. */
  public record Spec(Rfc2136Settings settings) implements BackendSpec {
    @Override
    public DnsBackend create(BackendContext context) {
      return Rfc2136DnsBackend.create(settings, context.ownerId());
    }

    @Override
    public String describe() {
      return settings.describe();
    }
  }
}
