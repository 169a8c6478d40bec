package io.kuberoute.dns.route53;

import io.kuberoute.core.config.ConfigSection;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.core.spi.BackendContext;
import io.kuberoute.core.spi.BackendSpec;
import io.kuberoute.core.spi.DnsBackendProvider;

/** {@code dns_backend = route53}, section {@code [route53]}: see {@link Route53Settings}. */
public final class Route53Provider implements DnsBackendProvider {

  @Override
  public String name() {
    return "route53";
  }

  @Override
  public String sectionExample() {
    return "e.g. 'aws_access_key_id = ...'";
  }

  @Override
  public BackendSpec parse(ConfigSection section) {
    return new Spec(Route53Settings.fromConfig(section));
  }

  /** The parsed {@code [route53]} section. */
  public record Spec(Route53Settings settings) implements BackendSpec {
    @Override
    public DnsBackend create(BackendContext context) {
      return Route53DnsBackend.create(settings, context.ownerId());
    }
  }
}
