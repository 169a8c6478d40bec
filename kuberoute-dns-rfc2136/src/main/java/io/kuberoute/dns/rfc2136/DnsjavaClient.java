package io.kuberoute.dns.rfc2136;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.WireParseException;
import org.xbill.DNS.ZoneTransferException;
import org.xbill.DNS.ZoneTransferIn;

/**
 * {@link DnsClient} over dnsjava: {@link ZoneTransferIn} for AXFR, {@link SimpleResolver} for
 * everything else (TCP unless {@code rfc2136.tcp = false}), each request signed with the TSIG key
 * when one is set. The server's name is resolved on each request, so a server that moves to another
 * address is followed and nothing is looked up before the first request.
 */
final class DnsjavaClient implements DnsClient {

  private final Rfc2136Settings settings;
  private final Optional<TSIG> tsig;

  DnsjavaClient(Rfc2136Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.tsig = TsigSetup.signer(settings.tsig());
  }

  @Override
  public boolean signs() {
    return tsig.isPresent();
  }

  @Override
  public List<Record> transfer(Name zone) throws DnsFailure {
    ZoneTransferIn transfer = ZoneTransferIn.newAXFR(zone, address(), tsig.orElse(null));
    transfer.setTimeout(settings.timeout());
    try {
      transfer.run();
      return transfer.getAXFR();
    } catch (ZoneTransferException e) {
      String text = Objects.requireNonNullElse(e.getMessage(), "zone transfer failed");
      int rcode = Rcode.value(text);
      throw rcode > 0
          ? new DnsFailure(DnsFailure.Kind.REJECTED, rcode, text, e)
          : DnsFailure.of(DnsFailure.Kind.BAD_ANSWER, text, e);
    } catch (IOException e) {
      throw ioFailure(e);
    }
  }

  @Override
  public Message send(Message message) throws DnsFailure {
    SimpleResolver resolver = new SimpleResolver(address());
    resolver.setTCP(settings.tcp());
    resolver.setTimeout(settings.timeout());
    tsig.ifPresent(resolver::setTSIGKey);
    try {
      return resolver.send(message);
    } catch (IOException e) {
      throw ioFailure(e);
    }
  }

  private InetSocketAddress address() throws DnsFailure {
    InetSocketAddress address = new InetSocketAddress(settings.server(), settings.port());
    if (address.isUnresolved()) {
      throw DnsFailure.of(
          DnsFailure.Kind.UNREACHABLE,
          "the host name " + settings.server() + " does not resolve",
          null);
    }
    return address;
  }

  /**
   * Sorts an I/O error into "no answer in time", "an answer we cannot use" and "no connection"
   * (refused, reset, closed, no route: everything else).
   */
  static DnsFailure ioFailure(IOException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      if (root instanceof SocketTimeoutException || root instanceof WireParseException) {
        break;
      }
      root = root.getCause();
    }
    String text = describe(root == e ? e : root);
    if (root instanceof WireParseException || e instanceof WireParseException) {
      return DnsFailure.of(DnsFailure.Kind.BAD_ANSWER, "unreadable answer: " + text, e);
    }
    if (root instanceof SocketTimeoutException
        || text.toLowerCase(Locale.ROOT).contains("timed out")) {
      return DnsFailure.of(DnsFailure.Kind.TIMEOUT, text, e);
    }
    return DnsFailure.of(DnsFailure.Kind.UNREACHABLE, text, e);
  }

  private static String describe(Throwable t) {
    String message = t.getMessage();
    return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
  }
}
