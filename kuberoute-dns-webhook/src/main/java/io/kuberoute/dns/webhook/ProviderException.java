package io.kuberoute.dns.webhook;

import io.kuberoute.core.DnsBackendException;
import java.util.Objects;

/**
 * A call to the provider failed. The message is complete ({@code webhook provider at <url>: GET
 * /records: connection refused}) and never holds URL userinfo.
 */
final class ProviderException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the call failed. */
  enum Kind {
    /** No connection: nothing was sent. */
    UNREACHABLE(true, true),
    /** No complete answer in time: the request may have been carried out. */
    TIMEOUT(true, true),
    /** The connection broke or the answer was too large. */
    BROKEN(true, true),
    /** 5xx after every retry: try again later. */
    BUSY(true, false),
    /** Another status than the protocol's success: a hard error for the request. */
    REFUSED(false, false),
    /** An answer the protocol does not allow (Content-Type, JSON). */
    BAD_ANSWER(false, false);

    private final boolean transientFailure;
    private final boolean connectionLost;

    Kind(boolean transientFailure, boolean connectionLost) {
      this.transientFailure = transientFailure;
      this.connectionLost = connectionLost;
    }

    /** Whether the next sync may succeed without anyone changing anything. */
    boolean isTransient() {
      return transientFailure;
    }

    /** Whether the provider is not answering at all (sending more requests now is pointless). */
    boolean connectionLost() {
      return connectionLost;
    }
  }

  private final Kind kind;

  ProviderException(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  Kind kind() {
    return kind;
  }

  /** The same failure as the core reports a backend that cannot be read or written. */
  DnsBackendException toBackendException() {
    return new DnsBackendException(getMessage(), kind.isTransient(), this);
  }
}
