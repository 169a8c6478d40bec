package io.kuberoute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.testkit.fuzz.Fuzz;
import io.kuberoute.testkit.fuzz.FuzzText;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The HTTP request-head parser on 10,000 generated heads per property. */
class FuzzHttpRequestHeadTest {

  private static final List<String> TOKENS =
      List.of(
          "GET",
          "POST",
          " ",
          "/",
          "/healthz",
          "?x=1",
          "%2",
          "%41",
          "HTTP/1.1",
          "HTTP/1.0",
          "HTTP/2.0",
          "\r\n",
          "\n",
          "\r\n\r\n",
          "Host",
          ":",
          "Content-Length",
          "Transfer-Encoding",
          "chunked",
          "Connection",
          "close",
          "-1",
          "5",
          "\t",
          "http://h");

  private static byte[] heads(SplittableRandom r) {
    String text =
        r.nextInt(8) == 0
            ? FuzzText.chars(r, FuzzText.ASCII + "\r\n", FuzzText.length(r, 20_000))
            : FuzzText.from(r, TOKENS, "ab/: \r\n", 20);
    return text.getBytes(r.nextBoolean() ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
  }

  @Test
  void anyBytesAreIncompleteAHeadOrMalformedAndNothingElse() {
    Fuzz.of("HttpRequestHead.parse", FuzzHttpRequestHeadTest::heads)
        .showWith(b -> Fuzz.quoted(new String(b, StandardCharsets.ISO_8859_1)))
        .check(
            bytes -> {
              HttpRequestHead.Parse parsed = HttpRequestHead.parse(bytes, bytes.length);
              if (parsed instanceof HttpRequestHead.Parsed p) {
                assertThat(p.length()).isBetween(1, bytes.length);
                assertThat(p.head().path()).isNotNull();
                assertThat(p.head().method()).isNotEmpty();
              } else if (parsed instanceof HttpRequestHead.Malformed m) {
                assertThat(m.status()).isIn(400, 505);
                assertThat(m.reason()).isNotEmpty();
              } else {
                assertThat(parsed).isInstanceOf(HttpRequestHead.Incomplete.class);
              }
            });
  }

  /** A request head written from its parts. */
  record Request(String method, String path, Map<String, String> headers, String text) {}

  private static Request requests(SplittableRandom r) {
    String method = FuzzText.oneOf(r, "GET", "POST", "HEAD", "DELETE", "X-CUSTOM");
    String path =
        "/"
            + FuzzText.chars(r, "abcz019-._~!$&'()*+,;=:@", r.nextInt(30))
                .replaceAll("[^a-z0-9._~!$&'()*+,;=:@-]", "");
    Map<String, String> headers = new LinkedHashMap<>();
    StringBuilder text =
        new StringBuilder(
            method + " " + path + (r.nextBoolean() ? "?q=" + r.nextInt() : "") + " HTTP/1.1\r\n");
    int count = r.nextInt(8);
    for (int i = 0; i < count; i++) {
      String name =
          "X-" + FuzzText.chars(r, "abcABC019-", 1 + r.nextInt(10)).replaceAll("[^A-Za-z0-9-]", "");
      String value =
          FuzzText.chars(r, FuzzText.ASCII, r.nextInt(40)).replaceAll("[^\\x21-\\x7e]", "a");
      if (headers.putIfAbsent(name.toLowerCase(Locale.ROOT), value) == null) {
        text.append(name)
            .append(":")
            .append(r.nextBoolean() ? " " : "")
            .append(value)
            .append("\r\n");
      }
    }
    text.append("\r\n");
    return new Request(method, path, headers, text.toString());
  }

  @Test
  void aRequestSentInAnyPiecesIsIncompleteUntilItsLastByteAndThenItsParts() {
    Fuzz.of("HttpRequestHead pieces", FuzzHttpRequestHeadTest::requests)
        .showWith(q -> Fuzz.quoted(q.text()))
        .check(
            q -> {
              byte[] bytes = q.text().getBytes(StandardCharsets.ISO_8859_1);
              int cut = Math.max(0, bytes.length - 1 - (q.text().hashCode() & 0xff));
              for (int prefix : new int[] {0, cut, bytes.length - 1}) {
                assertThat(HttpRequestHead.parse(bytes, Math.max(0, prefix)))
                    .as("a slow client's first %d bytes", prefix)
                    .isInstanceOf(HttpRequestHead.Incomplete.class);
              }
              HttpRequestHead.Parse parsed = HttpRequestHead.parse(bytes, bytes.length);
              assertThat(parsed).isInstanceOf(HttpRequestHead.Parsed.class);
              HttpRequestHead head = ((HttpRequestHead.Parsed) parsed).head();
              assertThat(head.method()).isEqualTo(q.method());
              assertThat(head.path()).isEqualTo(q.path());
              assertThat(head.headers()).isEqualTo(q.headers());
              assertThat(head.keepAlive()).isTrue();
              assertThat(((HttpRequestHead.Parsed) parsed).length()).isEqualTo(bytes.length);
            });
  }
}
