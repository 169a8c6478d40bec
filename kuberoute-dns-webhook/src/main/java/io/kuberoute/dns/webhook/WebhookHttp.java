package io.kuberoute.dns.webhook;

import java.util.Objects;
import java.util.Optional;

/**
 * The HTTP seam: one request to the provider, one answer. {@link JdkWebhookHttp} is the real one;
 * tests may put anything behind it. Implementations are safe for use from one thread at a time.
 */
interface WebhookHttp {

  /** The protocol's media type, sent as Accept and Content-Type, required back on negotiation. */
  String MEDIA_TYPE = "application/external.dns.webhook+json;version=1";

  /**
   * Sends {@code request} and waits for the whole answer, at most the configured timeout.
   *
   * @throws TransportException if no complete answer came (refused, reset, timed out, too large)
   */
  Answer send(Request request) throws TransportException;

  /**
   * A request: {@code GET} or {@code POST}, a path below the provider's URL ({@code ""} for the
   * negotiation, {@code /records}, {@code /adjustendpoints}), a JSON body for a POST.
   */
  record Request(String method, String path, Optional<byte[]> body) {
    public Request {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(body, "body");
    }

    static Request get(String path) {
      return new Request("GET", path, Optional.empty());
    }

    static Request post(String path, byte[] body) {
      return new Request("POST", path, Optional.of(body));
    }

    /** {@code GET /records}, as messages name a request. */
    String describe() {
      return method + " " + (path.isEmpty() ? "/" : path);
    }
  }

  /** An answer: status, Content-Type (if any) and the whole body. */
  record Answer(int status, Optional<String> contentType, byte[] body) {
    public Answer {
      Objects.requireNonNull(contentType, "contentType");
      Objects.requireNonNull(body, "body");
    }
  }

  /** No complete answer. The message says what happened, never with URL userinfo. */
  final class TransportException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    enum Kind {
      /** The connection could not be made: nothing was sent. */
      UNREACHABLE,
      /** No complete answer within the timeout: the request may have been carried out. */
      TIMEOUT,
      /** The connection broke, or the answer was larger than allowed. */
      BROKEN
    }

    private final Kind kind;

    TransportException(Kind kind, String message) {
      super(message, null, false, false);
      this.kind = Objects.requireNonNull(kind, "kind");
    }

    Kind kind() {
      return kind;
    }
  }
}
