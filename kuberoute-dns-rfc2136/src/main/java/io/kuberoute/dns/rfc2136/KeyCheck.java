package io.kuberoute.dns.rfc2136;

import io.kuberoute.core.model.DnsName;
import java.util.Objects;
import java.util.OptionalInt;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * After the server refused a signed transfer or update, tells why with one signed SOA query for the
 * zone: its TSIG error says whether the server knows the key at all (BADKEY: unknown name or
 * algorithm; BADSIG: wrong secret; BADTIME: clock skew). No error means the key is fine and only
 * the zone's policy does not allow it (Knot answers BADKEY in that case too, so its answer to the
 * refused request alone does not tell). Used only after a refusal: it costs one message.
 */
final class KeyCheck {

  private final DnsClient client;

  KeyCheck(DnsClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /**
   * The TSIG error the server answers a signed SOA query for {@code zone} with; empty when it
   * accepts the key (or requests are unsigned).
   */
  OptionalInt tsigError(DnsName zone) throws DnsFailure {
    if (!client.signs()) {
      return OptionalInt.empty();
    }
    Message answer =
        client.send(
            Message.newQuery(Record.newRecord(RecordConverter.name(zone), Type.SOA, DClass.IN)));
    return ServerErrors.tsigError(answer);
  }
}
