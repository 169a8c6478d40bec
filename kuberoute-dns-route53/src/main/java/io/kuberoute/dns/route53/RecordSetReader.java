package io.kuberoute.dns.route53;

import io.kuberoute.core.DnsBackendException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.route53.Route53Client;

/** Lists every record set of one hosted zone (ListResourceRecordSets, all pages of 300). */
final class RecordSetReader {

  private static final Logger log = LoggerFactory.getLogger(RecordSetReader.class);

  /** Route53's largest page of ListResourceRecordSets. */
  static final int PAGE_SIZE = 300;

  private final Route53Client client;

  RecordSetReader(Route53Client client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /**
   * The zone's record sets.
   *
   * @throws ZoneUnreadable if Route53 refuses to list this zone (denied, failed); a {@link
   *     ZoneGone} if the zone no longer exists
   * @throws DnsBackendException if Route53 cannot be reached at all
   */
  ZoneRecords read(HostedZone zone) {
    try {
      ZoneRecords records =
          ZoneRecords.of(
              zone,
              client
                  .listResourceRecordSetsPaginator(
                      r -> r.hostedZoneId(zone.id()).maxItems(Integer.toString(PAGE_SIZE)))
                  .resourceRecordSets());
      log.debug("route53: read {} record set(s) of zone {}", records.listedCount(), zone);
      return records;
    } catch (AwsServiceException e) {
      if (Route53Errors.noSuchZone(e)) {
        throw new ZoneGone(
            "hosted zone " + zone + " no longer exists (" + Route53Errors.describe(e) + ")");
      }
      if (Route53Errors.denied(e)) {
        throw new ZoneUnreadable(
            "Route53 denied ListResourceRecordSets on hosted zone %s: %s (the IAM policy must allow "
                    .formatted(zone, Route53Errors.describe(e))
                + "route53:ListResourceRecordSets on arn:aws:route53:::hostedzone/"
                + zone.id()
                + ")");
      }
      throw new ZoneUnreadable(
          "reading hosted zone " + zone + " failed: " + Route53Errors.describe(e));
    } catch (SdkClientException e) {
      throw new DnsBackendException(Route53Errors.unreachable(e), true, e);
    }
  }

  /** The zone was deleted: the zone list is out of date. */
  static final class ZoneGone extends ZoneUnreadable {
    private static final long serialVersionUID = 1L;

    ZoneGone(String message) {
      super(message);
    }
  }
}
