package io.kuberoute.dns.rfc2136;

import java.util.Objects;

/**
 * An exchange with the server that produced no usable answer. {@link Kind#UNREACHABLE} and {@link
 * Kind#TIMEOUT} concern the server as a whole; {@link Kind#REJECTED} (a zone transfer answered with
 * an error rcode) and {@link Kind#BAD_ANSWER} concern the one request.
 */
final class DnsFailure extends Exception {
  private static final long serialVersionUID = 1L;

  enum Kind {
    /** No connection: refused, no route, host name not resolvable. */
    UNREACHABLE,
    /** Connected or sent, but no answer within the timeout. */
    TIMEOUT,
    /** A zone transfer the server answered with an error rcode ({@link #rcode()}). */
    REJECTED,
    /** An answer that cannot be used: malformed, or its TSIG signature does not verify. */
    BAD_ANSWER
  }

  private final Kind kind;
  private final int rcode;

  DnsFailure(Kind kind, int rcode, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.rcode = rcode;
  }

  static DnsFailure of(Kind kind, String message, Throwable cause) {
    return new DnsFailure(kind, -1, message, cause);
  }

  Kind kind() {
    return kind;
  }

  /** The rcode of a {@link Kind#REJECTED} transfer; -1 otherwise. */
  int rcode() {
    return rcode;
  }

  /** Whether the server as a whole is out of reach (not just this request refused). */
  boolean serverDown() {
    return kind == Kind.UNREACHABLE || kind == Kind.TIMEOUT;
  }
}
