package io.kuberoute.dns.route53;

import io.kuberoute.core.port.DnsBackend;

/**
 * AWS Route53.
 *
 * <p>TODO(issue 6): implemented by the Route53 issue; this is the seam the CLI wires against.
 */
public final class Route53DnsBackend {
  private Route53DnsBackend() {}

  /** A backend writing records owned by {@code ownerId}. Makes no AWS call before the first read. */
  public static DnsBackend create(Route53Settings settings, String ownerId) {
    throw new UnsupportedOperationException("the Route53 backend is not implemented yet (issue 6)");
  }
}
