package io.kuberoute.dns.skydns;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * An {@link EtcdGateway} over a sorted map, to run the backend without etcd: range reads page by
 * page as etcd answers them ({@link #PAGE_SIZE} keys, continuing after the last key), transactions
 * with etcd's guards (a key's revision, or its absence), one store revision per write, and counts
 * of the calls. Thread-safe.
 */
final class MapEtcdGateway implements EtcdGateway {

  private record Stored(byte[] value, long modRevision) {}

  private final NavigableMap<String, Stored> keys = new TreeMap<>();
  private long revision = 1;
  private int pages;
  private int commits;

  /** Writes {@code key} outside any transaction, as another client would. */
  synchronized void put(String key, String value) {
    revision++;
    keys.put(key, new Stored(value.getBytes(java.nio.charset.StandardCharsets.UTF_8), revision));
  }

  /** Range calls made (one per page). */
  synchronized int pages() {
    return pages;
  }

  synchronized int commits() {
    return commits;
  }

  synchronized int size() {
    return keys.size();
  }

  @Override
  public synchronized List<EtcdEntry> range(String start, String end) {
    List<EtcdEntry> out = new ArrayList<>();
    String from = start;
    while (true) {
      pages++;
      Iterator<Map.Entry<String, Stored>> page =
          keys.subMap(from, true, end, false).entrySet().iterator();
      String last = null;
      for (int i = 0; i < PAGE_SIZE && page.hasNext(); i++) {
        Map.Entry<String, Stored> e = page.next();
        out.add(new EtcdEntry(e.getKey(), e.getValue().value(), e.getValue().modRevision()));
        last = e.getKey();
      }
      if (!page.hasNext()) {
        return out;
      }
      from = last + "\0";
    }
  }

  @Override
  public synchronized TxnOutcome commit(Txn txn, String what) {
    commits++;
    for (Expect e : txn.expects()) {
      Stored s = keys.get(e.key());
      boolean holds =
          e.modRevision() == Expect.ABSENT
              ? s == null
              : s != null && s.modRevision() == e.modRevision();
      if (!holds) {
        return new TxnOutcome(false, revision);
      }
    }
    revision++;
    txn.deletes().forEach(keys::remove);
    for (Put p : txn.puts()) {
      keys.put(p.key(), new Stored(p.value(), revision));
    }
    return new TxnOutcome(true, revision);
  }

  @Override
  public void close() {}

  @Override
  public String toString() {
    return "a map";
  }
}
