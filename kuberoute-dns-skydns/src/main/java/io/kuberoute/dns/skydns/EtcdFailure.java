package io.kuberoute.dns.skydns;

import java.util.Objects;

/** An etcd call failed; {@link #kind()} decides whether one domain or name fails, or everything. */
final class EtcdFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  enum Kind {
    /** No connection, or no answer within the timeout: every call would fail now. Transient. */
    UNREACHABLE(true, true),
    /** The credentials or the TLS setup were refused: every call fails until the config changes. */
    REFUSED(true, false),
    /** This key range is not allowed for the user (etcd RBAC): only this domain or name fails. */
    PERMISSION(false, false),
    /** Anything else etcd answered with (too many operations in a transaction, compaction). */
    OTHER(false, true);

    private final boolean global;
    private final boolean transientFailure;

    Kind(boolean global, boolean transientFailure) {
      this.global = global;
      this.transientFailure = transientFailure;
    }

    /** Whether every other call would fail the same way. */
    boolean global() {
      return global;
    }

    boolean isTransient() {
      return transientFailure;
    }
  }

  private final Kind kind;

  EtcdFailure(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  Kind kind() {
    return kind;
  }
}
