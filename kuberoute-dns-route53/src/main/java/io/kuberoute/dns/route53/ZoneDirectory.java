package io.kuberoute.dns.route53;

import io.kuberoute.core.DnsBackendException;
import io.kuberoute.core.model.DnsName;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * The hosted zones the credentials can see (ListHostedZones, every page), as a {@link ZoneIndex}.
 * The list is read on first use and kept; {@link #forget()} makes the next use read it again (a
 * zone vanished, or a domain found no zone). Not thread-safe (the backend serialises access).
 */
final class ZoneDirectory {

  private static final Logger log = LoggerFactory.getLogger(ZoneDirectory.class);

  private final Route53Client client;
  private final Optional<String> pinnedZoneId;
  private ZoneIndex index;

  /**
   * @param pinnedZoneId {@code hosted_zone_id}: when set, only that zone is used
   */
  ZoneDirectory(Route53Client client, Optional<String> pinnedZoneId) {
    this.client = Objects.requireNonNull(client, "client");
    this.pinnedZoneId = Objects.requireNonNull(pinnedZoneId, "pinnedZoneId");
  }

  /** Whether the zones are known (listed and not forgotten since). */
  boolean isListed() {
    return index != null;
  }

  /**
   * The zone index, listing the zones first if they are not known.
   *
   * @throws DnsBackendException if the zones cannot be listed (permanent when access is denied)
   */
  ZoneIndex index() {
    if (index == null) {
      index = new ZoneIndex(list(), pinnedZoneId);
    }
    return index;
  }

  /** Forgets the zones: the next {@link #index()} lists them again. */
  void forget() {
    index = null;
  }

  private List<HostedZone> list() {
    List<HostedZone> zones = new ArrayList<>();
    try {
      client
          .listHostedZonesPaginator(r -> {})
          .hostedZones()
          .forEach(
              z -> {
                if (DnsName.isValid(z.name())) {
                  boolean priv =
                      z.config() != null && Boolean.TRUE.equals(z.config().privateZone());
                  zones.add(new HostedZone(HostedZone.plainId(z.id()), DnsName.of(z.name()), priv));
                }
              });
    } catch (AwsServiceException e) {
      if (Route53Errors.denied(e)) {
        throw new DnsBackendException(
            "Route53 denied ListHostedZones: "
                + Route53Errors.describe(e)
                + " (the IAM policy must allow route53:ListHostedZones)",
            false,
            e);
      }
      throw new DnsBackendException(
          "listing Route53 hosted zones failed: " + Route53Errors.describe(e), true, e);
    } catch (SdkClientException e) {
      throw new DnsBackendException(Route53Errors.unreachable(e), true, e);
    }
    log.debug("route53: {} hosted zone(s) visible", zones.size());
    return zones;
  }
}
