package io.kuberoute.core.internal.routing;

import com.google.common.net.InetAddresses;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;

/**
 * Where a name points when its service misses its quota: an IP address (published as A or AAAA) or
 * a host name (published as CNAME).
 */
public sealed interface Failover {

  /** The record set publishing this failover at {@code name}. */
  RecordSet recordAt(DnsName name, long ttl);

  /** The failover as text, as the label gave it. */
  String target();

  /** An IP literal: A for IPv4, AAAA for IPv6. */
  record Address(String target) implements Failover {
    public Address {
      if (!InetAddresses.isInetAddress(target)) {
        throw new IllegalArgumentException("failover '" + target + "' is not an IP address");
      }
      target = InetAddresses.toAddrString(InetAddresses.forString(target));
    }

    public RecordType type() {
      InetAddress address = InetAddresses.forString(target);
      return address instanceof Inet4Address ? RecordType.A : RecordType.AAAA;
    }

    @Override
    public RecordSet recordAt(DnsName name, long ttl) {
      return new RecordSet(name, type(), ttl, List.of(target));
    }
  }

  /** A host name: CNAME. */
  record Host(DnsName host) implements Failover {
    @Override
    public RecordSet recordAt(DnsName name, long ttl) {
      return new RecordSet(name, RecordType.CNAME, ttl, List.of(host.value()));
    }

    @Override
    public String target() {
      return host.value();
    }
  }

  /**
   * An IP literal becomes {@link Address}, anything else must be a valid DNS name.
   *
   * @throws IllegalArgumentException if it is neither
   */
  static Failover parse(String text) {
    String v = text.strip();
    if (InetAddresses.isInetAddress(v)) {
      return new Address(v);
    }
    try {
      return new Host(DnsName.of(v));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "failover '"
              + text
              + "' is neither an IP address nor a valid DNS name: "
              + e.getMessage(),
          e);
    }
  }
}
