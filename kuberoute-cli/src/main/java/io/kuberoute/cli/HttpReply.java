package io.kuberoute.cli;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP answer: status, content type, extra headers and body.
 *
 * @param close whether the connection is closed after it
 */
record HttpReply(
    int status, String contentType, Map<String, String> headers, byte[] body, boolean close) {

  static final String TEXT = "text/plain; charset=utf-8";

  HttpReply {
    Objects.requireNonNull(contentType, "contentType");
    headers = Map.copyOf(headers);
    Objects.requireNonNull(body, "body");
  }

  static HttpReply text(int status, String body) {
    return of(status, TEXT, body);
  }

  static HttpReply of(int status, String contentType, String body) {
    return new HttpReply(
        status, contentType, Map.of(), body.getBytes(StandardCharsets.UTF_8), false);
  }

  HttpReply withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new HttpReply(status, contentType, more, body, close);
  }

  HttpReply closing() {
    return close ? this : new HttpReply(status, contentType, headers, body, true);
  }

  /** The bytes on the wire: status line, headers, blank line, body. */
  byte[] encode() {
    StringBuilder head = new StringBuilder(128);
    head.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
    head.append("Content-Type: ").append(contentType).append("\r\n");
    head.append("Content-Length: ").append(body.length).append("\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    if (close) {
      head.append("Connection: close\r\n");
    }
    head.append("\r\n");
    byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    if (body.length == 0) {
      return h;
    }
    byte[] all = new byte[h.length + body.length];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(body, 0, all, h.length, body.length);
    return all;
  }

  static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 400 -> "Bad Request";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 408 -> "Request Timeout";
      case 429 -> "Too Many Requests";
      case 431 -> "Request Header Fields Too Large";
      case 500 -> "Internal Server Error";
      case 503 -> "Service Unavailable";
      case 505 -> "HTTP Version Not Supported";
      default -> "Status " + status;
    };
  }
}
