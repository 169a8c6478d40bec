package io.kuberoute.dns.rfc2136;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Record;

/**
 * The real client, counting the requests the backend sends: zone transfers, UPDATEs and queries.
 */
final class CountingDnsClient implements DnsClient {

  /** Requests sent so far, by kind. */
  record Counts(int transfers, int updates, int queries) {
    int total() {
      return transfers + updates + queries;
    }

    Counts minus(Counts before) {
      return new Counts(
          transfers - before.transfers, updates - before.updates, queries - before.queries);
    }

    @Override
    public String toString() {
      return transfers
          + " AXFR + "
          + updates
          + " UPDATE + "
          + queries
          + " query = "
          + total()
          + " messages";
    }
  }

  private final DnsClient delegate;
  private final AtomicInteger transfers = new AtomicInteger();
  private final AtomicInteger updates = new AtomicInteger();
  private final AtomicInteger queries = new AtomicInteger();

  CountingDnsClient(DnsClient delegate) {
    this.delegate = delegate;
  }

  static CountingDnsClient of(Rfc2136Settings settings) {
    return new CountingDnsClient(new DnsjavaClient(settings));
  }

  Counts counts() {
    return new Counts(transfers.get(), updates.get(), queries.get());
  }

  @Override
  public List<Record> transfer(Name zone) throws DnsFailure {
    transfers.incrementAndGet();
    return delegate.transfer(zone);
  }

  @Override
  public Message send(Message message) throws DnsFailure {
    (message.getHeader().getOpcode() == Opcode.UPDATE ? updates : queries).incrementAndGet();
    return delegate.send(message);
  }

  @Override
  public boolean signs() {
    return delegate.signs();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
