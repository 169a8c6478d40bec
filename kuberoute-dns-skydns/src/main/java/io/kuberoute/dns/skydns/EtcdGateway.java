package io.kuberoute.dns.skydns;

import java.util.List;
import java.util.Objects;

/**
 * The etcd key-value calls the SkyDNS backend makes, and nothing more: a paged range read and a
 * guarded transaction of deletes and puts. {@link JetcdGateway} makes them with jetcd; the backend
 * can be built over any other implementation ({@link SkyDnsDnsBackend#create(EtcdGateway, String,
 * String)}), e.g. a map in a test.
 *
 * <p>A call that fails throws {@link EtcdFailure}, whose kind says whether only this call fails (a
 * key range the user may not read) or every call would (etcd unreachable, login refused). Not
 * thread-safe: the backend serialises its calls.
 */
interface EtcdGateway extends AutoCloseable {

  /** Keys per page of a range read (a page is one gRPC message, well below its 4 MiB limit). */
  int PAGE_SIZE = 1000;

  /**
   * A guard of a transaction: {@code key} was last modified at {@code modRevision}, or, when {@code
   * modRevision} is {@link #ABSENT}, does not exist.
   */
  record Expect(String key, long modRevision) {
    /** The revision of a key that must not exist. */
    static final long ABSENT = 0;

    public Expect {
      Objects.requireNonNull(key, "key");
    }
  }

  /** A key to write with its value. */
  record Put(String key, byte[] value) {
    public Put {
      Objects.requireNonNull(key, "key");
      value = value.clone();
    }

    @Override
    public byte[] value() {
      return value.clone();
    }
  }

  /**
   * One transaction: if every guard holds, delete the keys and write the puts; else change nothing.
   */
  record Txn(List<Expect> expects, List<String> deletes, List<Put> puts) {
    public Txn {
      expects = List.copyOf(expects);
      deletes = List.copyOf(deletes);
      puts = List.copyOf(puts);
    }
  }

  /** The outcome of a transaction: whether its guards held, and etcd's revision after it. */
  record TxnOutcome(boolean succeeded, long revision) {}

  /**
   * Gets ready for the first call without calling etcd (builds a client), so that the first call's
   * deadline is not spent loading classes. Optional.
   */
  default void prepare() {}

  /**
   * All keys in {@code [start, end)} with their values and revisions, in key order, read in pages
   * of at most {@link #PAGE_SIZE} keys (each page one call, continuing after the last key of the
   * one before; never one unbounded response) at the revision of the first page, so the pages form
   * one consistent snapshot. Keys that are not valid UTF-8 are skipped.
   */
  List<EtcdEntry> range(String start, String end);

  /**
   * Commits {@code txn} in one call.
   *
   * @param what what the transaction writes, for error messages ("shop.example.com")
   */
  TxnOutcome commit(Txn txn, String what);

  /** Releases the connection; a later call may open a new one. */
  @Override
  void close();
}
