package io.kuberoute.dns.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol's four requests over {@link WebhookHttp}, with its status rules: a 5xx answer means
 * "try again later" and is retried with exponential backoff up to {@code max_retries} times; any
 * other status than the call's success is a hard error, reported with the status and the start of
 * the provider's answer; a transport failure is not retried (the next sync tries again). Bodies are
 * bytes here; {@link EndpointJson} reads and writes them.
 *
 * <ul>
 *   <li>negotiation: {@code GET /} with Accept, success 2xx carrying exactly the media type as
 *       Content-Type;
 *   <li>records: {@code GET /records}, success 200;
 *   <li>apply: {@code POST /records}, success exactly 204;
 *   <li>adjust: {@code POST /adjustendpoints}, success 200.
 * </ul>
 */
final class WebhookClient {

  private static final Logger log = LoggerFactory.getLogger(WebhookClient.class);

  /** How much of an error answer a message quotes. */
  private static final int QUOTED_CHARACTERS = 200;

  /** Waits between attempts (tests pass one that does not sleep). */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  /** Exponential backoff: {@code base}, doubling, at most {@code max}. */
  record Backoff(Duration base, Duration max) {
    static final Backoff DEFAULT = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(5));

    Backoff {
      Objects.requireNonNull(base, "base");
      Objects.requireNonNull(max, "max");
    }

    /** The wait before retry number {@code retry} (1 for the first). */
    Duration before(int retry) {
      Duration d = base;
      for (int i = 1; i < retry && d.compareTo(max) < 0; i++) {
        d = d.multipliedBy(2);
      }
      return d.compareTo(max) > 0 ? max : d;
    }
  }

  private final WebhookHttp http;
  private final String where;
  private final int maxRetries;
  private final Backoff backoff;
  private final Sleeper sleeper;

  WebhookClient(
      WebhookHttp http, String displayUrl, int maxRetries, Backoff backoff, Sleeper sleeper) {
    this.http = Objects.requireNonNull(http, "http");
    this.where = "webhook provider at " + Objects.requireNonNull(displayUrl, "displayUrl");
    this.maxRetries = maxRetries;
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /** {@code GET /}: the body of the negotiation answer (the provider's domain filter). */
  byte[] negotiate() {
    WebhookHttp.Request request = WebhookHttp.Request.get("");
    WebhookHttp.Answer answer = exchange(request);
    if (answer.status() < 200 || answer.status() > 299) {
      throw refused(request, answer);
    }
    Optional<String> type = answer.contentType();
    if (type.isEmpty() || !type.get().equals(WebhookHttp.MEDIA_TYPE)) {
      throw new ProviderException(
          ProviderException.Kind.BAD_ANSWER,
          "%s: %s answered %s, not '%s' (is it an external-dns webhook provider of protocol version 1?)"
              .formatted(
                  where,
                  request.describe(),
                  type.map(t -> "with Content-Type '" + t + "'").orElse("without a Content-Type"),
                  WebhookHttp.MEDIA_TYPE));
    }
    return answer.body();
  }

  /** {@code GET /records}: the body of the answer (an array of endpoints). */
  byte[] records() {
    return expect(WebhookHttp.Request.get("/records"), 200).body();
  }

  /** {@code POST /records} with {@code changes}; returns once the provider answered 204. */
  void apply(byte[] changes) {
    expect(WebhookHttp.Request.post("/records", changes), 204);
  }

  /** {@code POST /adjustendpoints}: the provider's canonical form of {@code endpoints}. */
  byte[] adjust(byte[] endpoints) {
    return expect(WebhookHttp.Request.post("/adjustendpoints", endpoints), 200).body();
  }

  /** The error for an answer whose body is not what the protocol says. */
  ProviderException badAnswer(String request, String detail) {
    return new ProviderException(
        ProviderException.Kind.BAD_ANSWER, where + ": " + request + " answered " + detail);
  }

  /** {@code webhook provider at <url>}, the start of every message. */
  String where() {
    return where;
  }

  private WebhookHttp.Answer expect(WebhookHttp.Request request, int success) {
    WebhookHttp.Answer answer = exchange(request);
    if (answer.status() != success) {
      throw refused(request, answer);
    }
    return answer;
  }

  /** Sends {@code request}, retrying 5xx answers; returns the first answer that is not 5xx. */
  private WebhookHttp.Answer exchange(WebhookHttp.Request request) {
    int attempt = 0;
    while (true) {
      attempt++;
      WebhookHttp.Answer answer;
      try {
        answer = http.send(request);
      } catch (WebhookHttp.TransportException e) {
        throw new ProviderException(
            kindOf(e.kind()), where + ": " + request.describe() + ": " + e.getMessage());
      }
      if (answer.status() < 500 || answer.status() > 599) {
        return answer;
      }
      if (attempt > maxRetries) {
        throw new ProviderException(
            ProviderException.Kind.BUSY,
            "%s: %s answered HTTP %d (try again later) %s%s"
                .formatted(
                    where,
                    request.describe(),
                    answer.status(),
                    times(attempt),
                    quote(answer.body())));
      }
      Duration wait = backoff.before(attempt);
      log.debug(
          "{}: {} answered HTTP {}; retry {} of {} in {} ms",
          where,
          request.describe(),
          answer.status(),
          attempt,
          maxRetries,
          wait.toMillis());
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ProviderException(
            ProviderException.Kind.BROKEN,
            where + ": " + request.describe() + ": interrupted while waiting to retry");
      }
    }
  }

  private ProviderException refused(WebhookHttp.Request request, WebhookHttp.Answer answer) {
    return new ProviderException(
        ProviderException.Kind.REFUSED,
        "%s: %s answered HTTP %d%s"
            .formatted(where, request.describe(), answer.status(), quote(answer.body())));
  }

  private static ProviderException.Kind kindOf(WebhookHttp.TransportException.Kind kind) {
    return switch (kind) {
      case UNREACHABLE -> ProviderException.Kind.UNREACHABLE;
      case TIMEOUT -> ProviderException.Kind.TIMEOUT;
      case BROKEN -> ProviderException.Kind.BROKEN;
    };
  }

  private static String times(int attempts) {
    return attempts == 1 ? "once" : attempts + " times";
  }

  /** {@code ": <start of the body>"} on one line, or nothing for an empty body. */
  static String quote(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
    if (text.isEmpty()) {
      return "";
    }
    StringBuilder safe = new StringBuilder();
    text.codePoints()
        .limit(QUOTED_CHARACTERS)
        .forEach(c -> safe.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return ": " + safe + (text.codePointCount(0, text.length()) > QUOTED_CHARACTERS ? "..." : "");
  }

  /** {@code 10 s}, or {@code 250 ms} below a second. */
  static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
