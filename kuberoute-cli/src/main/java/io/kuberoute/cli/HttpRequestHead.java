package io.kuberoute.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The request line and headers of an HTTP/1.x request, parsed from the bytes received so far.
 *
 * @param method the method, as sent ({@code GET})
 * @param path the target's path, percent-decoded, without query ({@code /readyz})
 * @param headers header names lower-cased; a repeated header's values joined by {@code ,}
 * @param keepAlive whether the connection may carry another request after the answer
 * @param hasBody whether a body follows (it is never read: the connection is closed after the
 *     answer)
 */
record HttpRequestHead(
    String method, String path, Map<String, String> headers, boolean keepAlive, boolean hasBody) {

  HttpRequestHead {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    headers = Map.copyOf(headers);
  }

  /** What {@link #parse} found. */
  sealed interface Parse permits Incomplete, Parsed, Malformed {}

  /** The head has not fully arrived yet. */
  record Incomplete() implements Parse {}

  /** A head, and how many bytes it took (what follows belongs to a body or the next request). */
  record Parsed(HttpRequestHead head, int length) implements Parse {}

  /** Not an HTTP/1.x request head: answer {@code status} and close. */
  record Malformed(int status, String reason) implements Parse {}

  private static final Incomplete INCOMPLETE = new Incomplete();

  /**
   * Parses the head at the start of {@code bytes[0..length)}. Lines end with CRLF (a bare LF is
   * accepted); empty lines before the request line are skipped.
   */
  static Parse parse(byte[] bytes, int length) {
    int start = 0;
    while (start < length && (bytes[start] == '\r' || bytes[start] == '\n')) {
      start++;
    }
    int end = headEnd(bytes, start, length);
    if (end < 0) {
      return INCOMPLETE;
    }
    String text = new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
    String[] lines = text.split("\r?\n", -1);
    String[] requestLine = lines[0].split(" ", -1);
    if (requestLine.length != 3 || !isToken(requestLine[0]) || requestLine[1].isEmpty()) {
      return new Malformed(400, "Bad request: the request line is not 'METHOD /path HTTP/1.1'");
    }
    String version = requestLine[2];
    if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
      return version.startsWith("HTTP/")
          ? new Malformed(505, "HTTP version not supported: use HTTP/1.1")
          : new Malformed(400, "Bad request: the request line is not 'METHOD /path HTTP/1.1'");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty()) {
        continue; // the blank line that ends the head
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || !isToken(line.substring(0, colon))) {
        return new Malformed(400, "Bad request: a header line is not 'Name: value'");
      }
      String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).strip();
      headers.merge(name, value, (a, b) -> a + "," + b);
    }
    Optional<String> path = path(requestLine[1]);
    if (path.isEmpty()) {
      return new Malformed(400, "Bad request: the request target is not a path");
    }
    boolean hasBody;
    String contentLength = headers.get("content-length");
    if (headers.containsKey("transfer-encoding")) {
      hasBody = true;
    } else if (contentLength != null) {
      long n = contentLength(contentLength);
      if (n < 0) {
        return new Malformed(400, "Bad request: invalid Content-Length");
      }
      hasBody = n > 0;
    } else {
      hasBody = false;
    }
    String connection = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
    boolean keepAlive = version.equals("HTTP/1.1") && !connection.contains("close") && !hasBody;
    return new Parsed(
        new HttpRequestHead(requestLine[0], path.get(), headers, keepAlive, hasBody), end);
  }

  /** The index just after the blank line that ends the head, or -1. */
  private static int headEnd(byte[] b, int from, int length) {
    for (int i = from; i < length; i++) {
      if (b[i] == '\n') {
        if (i + 1 < length && b[i + 1] == '\n') {
          return i + 2;
        }
        if (i + 2 < length && b[i + 1] == '\r' && b[i + 2] == '\n') {
          return i + 3;
        }
      }
    }
    return -1;
  }

  /** The percent-decoded path of an origin-form ({@code /p?q}) or absolute-form target. */
  private static Optional<String> path(String target) {
    String t = target;
    if (!t.startsWith("/")) {
      int scheme = t.indexOf("://");
      if (scheme <= 0) {
        return Optional.empty();
      }
      int slash = t.indexOf('/', scheme + 3);
      t = slash < 0 ? "/" : t.substring(slash);
    }
    int cut = t.length();
    for (char c : new char[] {'?', '#'}) {
      int at = t.indexOf(c);
      if (at >= 0 && at < cut) {
        cut = at;
      }
    }
    return decode(t.substring(0, cut));
  }

  private static Optional<String> decode(String raw) {
    if (raw.indexOf('%') < 0) {
      return Optional.of(raw);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()) {
          return Optional.empty();
        }
        int hi = Character.digit(raw.charAt(i + 1), 16);
        int lo = Character.digit(raw.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return Optional.empty();
        }
        out.write(hi * 16 + lo);
        i += 2;
      } else {
        out.write(c & 0xff);
      }
    }
    return Optional.of(out.toString(StandardCharsets.UTF_8));
  }

  private static long contentLength(String value) {
    long n = -1;
    for (String part : value.split(",", -1)) {
      String p = part.strip();
      if (p.isEmpty() || p.length() > 18 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return -1;
      }
      long v = Long.parseLong(p);
      if (n >= 0 && v != n) {
        return -1; // two different lengths
      }
      n = v;
    }
    return n;
  }

  /** RFC 9110 token characters. */
  private static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
