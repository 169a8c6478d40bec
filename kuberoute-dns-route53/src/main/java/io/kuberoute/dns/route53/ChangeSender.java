package io.kuberoute.dns.route53;

import io.kuberoute.core.DnsBackendException;
import io.kuberoute.core.model.DnsName;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;

/**
 * Sends the batches of one apply (ChangeResourceRecordSets) and maps every failure to the names it
 * concerns. A batch Route53 refuses for its content (InvalidChangeBatch, InvalidInput) is sent
 * again one name at a time, so that a name refused alone is reported with Route53's message and the
 * others are written. Access denied or a vanished zone fails the zone's remaining names; a failure
 * after the SDK's retries (throttling, server errors) or an unreachable Route53 stops the apply and
 * fails the names not yet sent. Accepted changes go into the {@link ZoneWriteBasis}. One instance
 * per apply; not thread-safe.
 */
final class ChangeSender {

  private static final Logger log = LoggerFactory.getLogger(ChangeSender.class);

  private final Route53Client client;
  private final String comment;
  private final ZoneWriteBasis basis;
  private final Map<DnsName, String> failed;
  private final Set<String> deniedZones = new HashSet<>();
  private boolean anySent;
  private DnsBackendException unreachable;
  private String stopReason;

  /**
   * @param comment the change batch comment
   * @param failed where the failed names go, with the reason
   */
  ChangeSender(
      Route53Client client, String comment, ZoneWriteBasis basis, Map<DnsName, String> failed) {
    this.client = Objects.requireNonNull(client, "client");
    this.comment = Objects.requireNonNull(comment, "comment");
    this.basis = Objects.requireNonNull(basis, "basis");
    this.failed = Objects.requireNonNull(failed, "failed");
  }

  /** Sends one batch of {@code zone}, falling back to one request per name if it is refused. */
  void sendBatch(HostedZone zone, List<ChangeBatcher.Group> batch) {
    if (skip(zone, batch)) {
      return;
    }
    Optional<AwsServiceException> refused = send(zone, batch);
    if (refused.isEmpty()) {
      return;
    }
    if (batch.size() == 1) {
      refuse(zone, batch.get(0), refused.get());
      return;
    }
    log.warn(
        "route53: zone {} refused a request of {} names ({}); sending them one name at a time",
        zone,
        batch.size(),
        Route53Errors.describe(refused.get()));
    for (ChangeBatcher.Group group : batch) {
      if (skip(zone, List.of(group))) {
        continue;
      }
      send(zone, List.of(group)).ifPresent(e -> refuse(zone, group, e));
    }
  }

  /**
   * Throws when Route53 could not be reached and nothing at all was sent: the whole apply failed.
   *
   * @throws DnsBackendException if no request reached Route53
   */
  void throwIfUnreachable() {
    if (unreachable != null && !anySent) {
      throw new DnsBackendException(unreachable.getMessage(), true, unreachable);
    }
  }

  private boolean skip(HostedZone zone, List<ChangeBatcher.Group> batch) {
    String reason = stopReason;
    if (reason == null && deniedZones.contains(zone.id())) {
      reason = "zone " + zone + " refused an earlier request";
    }
    if (reason == null) {
      return false;
    }
    for (ChangeBatcher.Group g : batch) {
      failed.put(g.name(), "not sent: " + reason);
    }
    return true;
  }

  private void refuse(HostedZone zone, ChangeBatcher.Group group, AwsServiceException e) {
    failed.put(
        group.name(),
        "Route53 refused the change in zone " + zone.name() + ": " + Route53Errors.describe(e));
  }

  /**
   * Sends one request. Returns the refusal when Route53 refused the batch's content (the caller may
   * split it); records every other failure itself.
   */
  private Optional<AwsServiceException> send(HostedZone zone, List<ChangeBatcher.Group> batch) {
    List<Change> body = ChangeBatcher.changesOf(batch);
    try {
      client.changeResourceRecordSets(
          r -> r.hostedZoneId(zone.id()).changeBatch(b -> b.changes(body).comment(comment)));
      anySent = true;
      basis.accepted(zone, body);
      log.debug(
          "route53: zone {} accepted {} change(s) at {} name(s)", zone, body.size(), batch.size());
      return Optional.empty();
    } catch (AwsServiceException e) {
      if (Route53Errors.refusedContent(e)) {
        return Optional.of(e);
      }
      String message;
      if (Route53Errors.noSuchZone(e)) {
        basis.gone(zone);
        message = "hosted zone " + zone + " no longer exists (" + Route53Errors.describe(e) + ")";
        deniedZones.add(zone.id());
      } else if (Route53Errors.denied(e)) {
        message =
            "Route53 denied ChangeResourceRecordSets on hosted zone %s: %s (the IAM policy must allow "
                    .formatted(zone, Route53Errors.describe(e))
                + "route53:ChangeResourceRecordSets on arn:aws:route53:::hostedzone/"
                + zone.id()
                + ")";
        deniedZones.add(zone.id());
      } else {
        int attempts = e.numAttempts() == null ? 1 : e.numAttempts();
        message = "Route53 failed after " + attempts + " attempt(s): " + Route53Errors.describe(e);
        stopReason = message;
      }
      fail(batch, message);
      return Optional.empty();
    } catch (SdkClientException e) {
      String message = Route53Errors.unreachable(e);
      unreachable = new DnsBackendException(message, true, e);
      stopReason = message;
      fail(batch, message);
      return Optional.empty();
    }
  }

  private void fail(List<ChangeBatcher.Group> batch, String message) {
    for (ChangeBatcher.Group g : batch) {
      failed.put(g.name(), message);
    }
  }
}
