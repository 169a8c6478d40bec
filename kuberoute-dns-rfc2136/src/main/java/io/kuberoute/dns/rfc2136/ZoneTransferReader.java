package io.kuberoute.dns.rfc2136;

import io.kuberoute.core.model.DnsName;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;

/**
 * Reads a whole zone by AXFR (signed with the key, when there is one) into a {@link ZoneContent}. A
 * transfer the server refuses becomes a {@link ZoneUnreadable} with one clear line; when the
 * refusal came to a signed request, {@link KeyCheck} tells its cause (dnsjava's transfer does not
 * pass the answer's TSIG error on).
 */
final class ZoneTransferReader {

  private static final Logger log = LoggerFactory.getLogger(ZoneTransferReader.class);

  /** A zone the server would not (or could not) transfer; the server itself answers. */
  static final class ZoneUnreadable extends Exception {
    private static final long serialVersionUID = 1L;

    ZoneUnreadable(String message) {
      super(message, null, false, false);
    }
  }

  private final DnsClient client;
  private final ServerErrors errors;
  private final KeyCheck keyCheck;

  ZoneTransferReader(DnsClient client, ServerErrors errors) {
    this.client = Objects.requireNonNull(client, "client");
    this.errors = Objects.requireNonNull(errors, "errors");
    this.keyCheck = new KeyCheck(client);
  }

  /**
   * Transfers {@code zone}.
   *
   * @throws DnsFailure if the server cannot be reached or does not answer in time
   * @throws ZoneUnreadable if it answers but does not transfer the zone
   */
  ZoneContent read(DnsName zone) throws DnsFailure, ZoneUnreadable {
    List<Record> records;
    try {
      records = client.transfer(RecordConverter.name(zone));
    } catch (DnsFailure f) {
      if (f.serverDown()) {
        throw f;
      }
      if (f.kind() == DnsFailure.Kind.REJECTED) {
        throw new ZoneUnreadable(
            errors.transferRefused(zone, f.rcode(), diagnose(zone, f.rcode())));
      }
      throw new ZoneUnreadable(errors.transferFailed(zone, f));
    }
    ZoneContent content = ZoneContent.of(zone, records);
    log.debug("rfc2136: AXFR of zone {}: {} records", zone, content.transferredRecords());
    return content;
  }

  private OptionalInt diagnose(DnsName zone, int rcode) throws DnsFailure {
    return rcode == Rcode.NOTAUTH || rcode == Rcode.REFUSED
        ? keyCheck.tsigError(zone)
        : OptionalInt.empty();
  }
}
