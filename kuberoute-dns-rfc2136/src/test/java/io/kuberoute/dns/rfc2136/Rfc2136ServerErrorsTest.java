package io.kuberoute.dns.rfc2136;

import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.core.model.DnsName;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.WireParseException;

/** One line per answer, naming the zone (or the server) and the cause. */
class Rfc2136ServerErrorsTest {

  static final DnsName ZONE = DnsName.of("example.com");
  static final DnsName SHOP = DnsName.of("shop.example.com");

  private final Rfc2136Settings signed =
      Rfc2136Settings.defaults("127.0.0.1")
          .withPort(5353)
          .withTimeout(Duration.ofSeconds(2))
          .withTsig(TsigKey.of("kuberoute-key", Rfc2136SettingsTest.SECRET));
  private final ServerErrors errors = new ServerErrors(signed);

  private static Message answer(int rcode) {
    Message m = new Message();
    m.getHeader().setRcode(rcode);
    return m;
  }

  @Test
  void prerequisiteFailuresAreConflictsOfThatName() {
    for (int rcode : new int[] {Rcode.NXRRSET, Rcode.YXRRSET, Rcode.NXDOMAIN, Rcode.YXDOMAIN}) {
      ServerErrors.UpdateOutcome o = errors.update(ZONE, SHOP, answer(rcode), true);
      assertThat(o.kind()).isEqualTo(ServerErrors.UpdateOutcome.Kind.CONFLICT);
      assertThat(o.message())
          .isEqualTo(
              ("shop.example.com changed on the server since it was read (prerequisite failed: %s; another writer?);"
                      + " nothing written, retried after a fresh read at the next sync")
                  .formatted(Rcode.string(rcode)));
    }
  }

  @Test
  void otherAnswersFailTheNameWithTheirCause() {
    assertThat(errors.update(ZONE, SHOP, answer(Rcode.SERVFAIL), true))
        .isEqualTo(
            new ServerErrors.UpdateOutcome(
                ServerErrors.UpdateOutcome.Kind.FAILED,
                "zone example.com: the server failed to apply the update of shop.example.com (SERVFAIL); see the server's log"));
    assertThat(errors.update(ZONE, SHOP, answer(Rcode.NOTZONE), true).message())
        .isEqualTo(
            "zone example.com: the server says shop.example.com is not in zone example.com (NOTZONE)");
    assertThat(errors.update(ZONE, SHOP, answer(Rcode.FORMERR), true).message())
        .isEqualTo("zone example.com: update of shop.example.com rejected (FORMERR)");
    assertThat(errors.update(ZONE, SHOP, answer(Rcode.NOERROR), true))
        .as("a NOERROR whose signature did not verify is not trusted")
        .isEqualTo(
            new ServerErrors.UpdateOutcome(
                ServerErrors.UpdateOutcome.Kind.FAILED,
                "zone example.com: the answer to the update of shop.example.com carries no valid signature of TSIG key"
                    + " 'kuberoute-key'; whether shop.example.com changed is known after the next read"));
    assertThat(errors.update(ZONE, SHOP, answer(Rcode.NOERROR), false).kind())
        .isEqualTo(ServerErrors.UpdateOutcome.Kind.APPLIED);
  }

  @Test
  void refusalsNameTheTsigCause() {
    assertThat(errors.updateRefused(ZONE, Rcode.NOTAUTH, OptionalInt.of(Rcode.BADTIME)))
        .isEqualTo(
            "zone example.com: update refused (NOTAUTH): the server rejected the time of the signature (BADTIME): the"
                + " clocks of kuberoute and the server differ by more than 5 minutes");
    assertThat(errors.transferRefused(ZONE, Rcode.REFUSED, OptionalInt.empty()))
        .isEqualTo(
            "zone example.com: zone transfer refused (REFUSED): TSIG key 'kuberoute-key' is not allowed to transfer"
                + " zone example.com (BIND: allow-transfer; Knot: an acl with action transfer and this key), or the"
                + " server is not the primary for example.com");
  }

  @Test
  void aTransferTheServerCannotServeSaysSo() {
    assertThat(errors.transferRefused(ZONE, Rcode.SERVFAIL, OptionalInt.empty()))
        .isEqualTo(
            "zone example.com: zone transfer failed (SERVFAIL): the server cannot transfer the zone; see its log (is"
                + " the zone loaded?)");
  }

  @Test
  void aServerOutOfReachIsNamedWithItsEndpoint() throws IOException {
    assertThat(
            errors.unreachable(
                DnsjavaClient.ioFailure(new SocketTimeoutException("Query timed out"))))
        .isEqualTo("the DNS server 127.0.0.1:5353 did not answer within 2 s");
    assertThat(
            errors.unreachable(
                DnsjavaClient.ioFailure(
                    new IOException("Timed out while trying to resolve x./SOA"))))
        .isEqualTo("the DNS server 127.0.0.1:5353 did not answer within 2 s");
    assertThat(
            errors.unreachable(DnsjavaClient.ioFailure(new ConnectException("Connection refused"))))
        .isEqualTo("the DNS server 127.0.0.1:5353 is unreachable: Connection refused");
    assertThat(DnsjavaClient.ioFailure(new WireParseException("truncated")).kind())
        .isEqualTo(DnsFailure.Kind.BAD_ANSWER);
  }
}
