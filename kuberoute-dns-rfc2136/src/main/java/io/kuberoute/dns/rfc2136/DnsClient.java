package io.kuberoute.dns.rfc2136;

import java.util.List;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * The seam between the backend's logic and the wire: the two kinds of exchange it has with the
 * primary server. The implementation signs every request with the configured TSIG key and checks
 * the signatures of the answers ({@link DnsjavaClient}); tests wrap it to count messages.
 *
 * <p>Every call returns or fails within the configured timeout. Implementations are safe for use by
 * one thread at a time.
 */
interface DnsClient extends AutoCloseable {

  /**
   * A full zone transfer (AXFR, always over TCP) of {@code zone}.
   *
   * @return every record of the zone, as the server sent them (the SOA first)
   * @throws DnsFailure if the server cannot be reached, does not answer in time, refuses the
   *     transfer (with its rcode) or answers something that does not verify
   */
  List<Record> transfer(Name zone) throws DnsFailure;

  /**
   * Sends one message (an UPDATE or a query) and returns the server's answer, whatever its rcode.
   *
   * @throws DnsFailure if the server cannot be reached, does not answer in time or answers
   *     something unreadable
   */
  Message send(Message message) throws DnsFailure;

  /** Whether requests are signed with a TSIG key. */
  boolean signs();

  @Override
  default void close() {}
}
