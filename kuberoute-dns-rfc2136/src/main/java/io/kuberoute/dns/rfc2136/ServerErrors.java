package io.kuberoute.dns.rfc2136;

import io.kuberoute.core.model.DnsName;
import java.util.Objects;
import java.util.OptionalInt;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.TSIGRecord;

/**
 * What the server's answers mean, as one line each that names the zone (or the server) and the
 * cause, and says what to check. Never shows the secret (it knows only the key's name). Pure.
 */
final class ServerErrors {

  /** How an UPDATE ended. */
  record UpdateOutcome(Kind kind, String message) {
    enum Kind {
      /** NOERROR, signature verified: the name is as sent. */
      APPLIED,
      /** A prerequisite failed: the name changed since it was read; nothing was written. */
      CONFLICT,
      /** REFUSED or NOTAUTH: the key (or its absence) is not allowed to update the zone. */
      REFUSED,
      /** Anything else; whether the name changed is known after the next read. */
      FAILED
    }

    static final UpdateOutcome APPLIED_OUTCOME = new UpdateOutcome(Kind.APPLIED, "");
  }

  private final Rfc2136Settings settings;

  ServerErrors(Rfc2136Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** The line for a server that cannot be reached at all. */
  String unreachable(DnsFailure f) {
    return switch (f.kind()) {
      case TIMEOUT ->
          "the DNS server %s did not answer within %d s"
              .formatted(settings.endpoint(), settings.timeout().toSeconds());
      case UNREACHABLE ->
          "the DNS server %s is unreachable: %s".formatted(settings.endpoint(), f.getMessage());
      case REJECTED, BAD_ANSWER ->
          "the DNS server %s gave no usable answer: %s"
              .formatted(settings.endpoint(), f.getMessage());
    };
  }

  /**
   * The line for a zone transfer answered with {@code rcode}; {@code tsigError} is the TSIG error a
   * diagnostic query got back with the same key, when known.
   */
  String transferRefused(DnsName zone, int rcode, OptionalInt tsigError) {
    if (rcode != Rcode.REFUSED && rcode != Rcode.NOTAUTH) {
      return "zone %s: zone transfer failed (%s): the server cannot transfer the zone; see its log (is the zone loaded?)"
          .formatted(zone, Rcode.string(rcode));
    }
    return "zone %s: zone transfer refused (%s): %s"
        .formatted(zone, Rcode.string(rcode), cause(zone, tsigError, "transfer", "allow-transfer"));
  }

  /**
   * The line for a zone transfer that failed otherwise (an answer that did not verify, a broken
   * stream).
   */
  String transferFailed(DnsName zone, DnsFailure f) {
    String text = f.getMessage();
    if (text.startsWith("TSIG failure")) {
      return "zone %s: the server's zone transfer answer did not verify with TSIG key '%s' (%s); is the secret the server's?"
          .formatted(zone, keyName(), text);
    }
    return "zone %s: the zone transfer failed: %s".formatted(zone, text);
  }

  /** The line for an SOA query about {@code name} that found no zone. */
  String noZoneFound(DnsName name, Message response) {
    int rcode = response.getRcode();
    if (rcode == Rcode.NOERROR || rcode == Rcode.NXDOMAIN) {
      return ("the DNS server %s serves no zone that holds %s (its answer to an SOA query names none);"
              + " list the zones to manage in rfc2136.zones")
          .formatted(settings.endpoint(), name);
    }
    if (rcode == Rcode.NOTAUTH && tsigError(response).isPresent()) {
      return "the DNS server %s refused an SOA query for %s (%s): %s"
          .formatted(
              settings.endpoint(),
              name,
              Rcode.string(rcode),
              tsigCause(tsigError(response).getAsInt()));
    }
    return ("the DNS server %s answers %s to an SOA query for %s: it serves no zone that holds it;"
            + " list the zones to manage in rfc2136.zones")
        .formatted(settings.endpoint(), Rcode.string(rcode), name);
  }

  /** What the answer to the UPDATE of {@code name} in {@code zone} means. */
  UpdateOutcome update(DnsName zone, DnsName name, Message response, boolean signed) {
    int rcode = response.getRcode();
    switch (rcode) {
      case Rcode.NOERROR -> {
        if (signed && !response.isVerified()) {
          return new UpdateOutcome(
              UpdateOutcome.Kind.FAILED,
              ("zone %s: the answer to the update of %s carries no valid signature of TSIG key '%s';"
                      + " whether %s changed is known after the next read")
                  .formatted(zone, name, keyName(), name));
        }
        return UpdateOutcome.APPLIED_OUTCOME;
      }
      case Rcode.NXRRSET, Rcode.YXRRSET, Rcode.NXDOMAIN, Rcode.YXDOMAIN -> {
        return new UpdateOutcome(
            UpdateOutcome.Kind.CONFLICT,
            ("%s changed on the server since it was read (prerequisite failed: %s; another writer?);"
                    + " nothing written, retried after a fresh read at the next sync")
                .formatted(name, Rcode.string(rcode)));
      }
      case Rcode.REFUSED, Rcode.NOTAUTH -> {
        return new UpdateOutcome(
            UpdateOutcome.Kind.REFUSED, updateRefused(zone, rcode, tsigError(response)));
      }
      case Rcode.NOTZONE -> {
        return new UpdateOutcome(
            UpdateOutcome.Kind.FAILED,
            "zone %s: the server says %s is not in zone %s (NOTZONE)".formatted(zone, name, zone));
      }
      case Rcode.SERVFAIL -> {
        return new UpdateOutcome(
            UpdateOutcome.Kind.FAILED,
            "zone %s: the server failed to apply the update of %s (SERVFAIL); see the server's log"
                .formatted(zone, name));
      }
      default -> {
        return new UpdateOutcome(
            UpdateOutcome.Kind.FAILED,
            "zone %s: update of %s rejected (%s)".formatted(zone, name, Rcode.string(rcode)));
      }
    }
  }

  /**
   * The line for an UPDATE answered REFUSED or NOTAUTH; {@code tsigError} is the answer's TSIG
   * error, or what {@link KeyCheck} found.
   */
  String updateRefused(DnsName zone, int rcode, OptionalInt tsigError) {
    return "zone %s: update refused (%s): %s"
        .formatted(zone, Rcode.string(rcode), cause(zone, tsigError, "update", "update-policy"));
  }

  /** The TSIG error an answer carries, if it carries a TSIG record with one. */
  static OptionalInt tsigError(Message response) {
    TSIGRecord tsig = response.getTSIG();
    return tsig == null || tsig.getError() == Rcode.NOERROR
        ? OptionalInt.empty()
        : OptionalInt.of(tsig.getError());
  }

  private String cause(DnsName zone, OptionalInt tsigError, String action, String bindOption) {
    if (tsigError.isPresent()) {
      return tsigCause(tsigError.getAsInt());
    }
    String what = action.equals("update") ? "updates" : "zone transfers";
    if (settings.tsig().isEmpty()) {
      return ("the server allows no %s of an unsigned request: set rfc2136.tsig_key_name and rfc2136.tsig_secret"
              + " to the key its policy names")
          .formatted(what);
    }
    return ("TSIG key '%s' is not allowed to %s zone %s (BIND: %s; Knot: an acl with action %s and this key),"
            + " or the server is not the primary for %s")
        .formatted(keyName(), action, zone, bindOption, action, zone);
  }

  private String tsigCause(int error) {
    return switch (error) {
      case Rcode.BADKEY ->
          ("the server does not know TSIG key '%s' with algorithm %s (BADKEY): check"
                  + " rfc2136.tsig_key_name and rfc2136.tsig_algorithm")
              .formatted(keyName(), algorithm());
      case Rcode.BADSIG ->
          ("the signature with TSIG key '%s' did not verify (BADSIG): rfc2136.tsig_secret is not"
                  + " the server's secret for that key")
              .formatted(keyName());
      case Rcode.BADTIME ->
          ("the server rejected the time of the signature (BADTIME): the clocks of kuberoute and"
              + " the server differ by more than 5 minutes");
      default -> "TSIG error %s with key '%s'".formatted(Rcode.TSIGstring(error), keyName());
    };
  }

  private String keyName() {
    return settings.tsig().map(k -> k.name().value()).orElse("(none)");
  }

  private String algorithm() {
    return settings.tsig().map(k -> k.algorithm().configName()).orElse("(none)");
  }
}
