package io.kuberoute.dns.skydns;

import io.kuberoute.core.port.DnsBackend;

/**
 * SkyDNS/CoreDNS records in etcd v3.
 *
 * <p>TODO(issue 5): implemented by the SkyDNS issue; this is the seam the CLI wires against.
 */
public final class SkyDnsDnsBackend {
  private SkyDnsDnsBackend() {}

  /** A backend writing records owned by {@code ownerId}. Does not contact etcd before the first read. */
  public static DnsBackend create(SkyDnsSettings settings, String ownerId) {
    throw new UnsupportedOperationException("the SkyDNS backend is not implemented yet (issue 5)");
  }
}
