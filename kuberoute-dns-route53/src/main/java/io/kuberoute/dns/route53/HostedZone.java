package io.kuberoute.dns.route53;

import io.kuberoute.core.model.DnsName;
import java.util.Objects;

/** A Route53 hosted zone: its id (without the {@code /hostedzone/} prefix), name and visibility. */
record HostedZone(String id, DnsName name, boolean privateZone) {

  HostedZone {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
  }

  /** Strips the {@code /hostedzone/} prefix Route53 puts on zone ids in some responses. */
  static String plainId(String id) {
    int slash = id.lastIndexOf('/');
    return slash >= 0 ? id.substring(slash + 1) : id;
  }

  @Override
  public String toString() {
    return name + " (" + id + ", " + (privateZone ? "private" : "public") + ")";
  }
}
