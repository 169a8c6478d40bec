package io.kuberoute.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A body read through the client's byte consumer, ahead of the reader but never more than the
 * bound, over fabric8's real HTTP client and a loopback HTTP server.
 */
class PrefetchedBodyTest {

  private static final int SIZE = 24 << 20; // 24 MiB, six times the default read-ahead
  private static final byte[] DATA = new byte[SIZE];

  static {
    new Random(7).nextBytes(DATA);
  }

  private HttpServer server;
  private KubernetesClient client;
  private HttpClient http;
  private String url;
  private final CountDownLatch brokenSent = new CountDownLatch(1);

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/whole",
        ex -> {
          ex.sendResponseHeaders(200, 0); // chunked, as a streamed list is
          try (OutputStream out = ex.getResponseBody()) {
            for (int at = 0; at < SIZE; at += 8192) {
              out.write(DATA, at, Math.min(8192, SIZE - at));
            }
          }
        });
    server.createContext(
        "/broken",
        ex -> {
          ex.sendResponseHeaders(200, SIZE); // promises SIZE bytes, sends a tenth, hangs up
          OutputStream out = ex.getResponseBody();
          out.write(DATA, 0, SIZE / 10);
          out.flush();
          brokenSent.countDown();
          ex.close(); // closes the connection: the body is cut short
        });
    server.start();
    url = "http://127.0.0.1:" + server.getAddress().getPort();
    client = K8sObjects.client(url);
    http = client.getHttpClient();
  }

  @AfterEach
  void stop() {
    client.close();
    server.stop(0);
  }

  private PrefetchedBody open(String path, int ahead) throws Exception {
    PrefetchedBody body = new PrefetchedBody(ahead);
    var response =
        http.consumeBytes(http.newHttpRequestBuilder().uri(url + path).build(), body::accept)
            .get(10, TimeUnit.SECONDS);
    assertThat(response.code()).isEqualTo(200);
    body.start(response.body());
    return body;
  }

  private static byte[] digest(InputStream in, int chunk) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    byte[] buf = new byte[chunk];
    int n;
    while ((n = in.read(buf)) > 0) {
      md.update(buf, 0, n);
    }
    return md.digest();
  }

  @Test
  void theWholeBodyArrivesInOrder() throws Exception {
    try (PrefetchedBody body = open("/whole", PrefetchedBody.DEFAULT_AHEAD)) {
      assertThat(digest(body, 65536)).isEqualTo(MessageDigest.getInstance("SHA-256").digest(DATA));
      assertThat(body.read()).isEqualTo(-1);
    }
  }

  @Test
  void aSlowReaderHoldsNoMoreThanTheBoundAhead() throws Exception {
    int ahead = 1 << 20;
    try (PrefetchedBody body = open("/whole", ahead)) {
      // one byte at a time for the first 64 KiB: the client would run far ahead if unbounded
      for (int i = 0; i < 65536; i++) {
        assertThat(body.read()).isEqualTo(DATA[i] & 0xff);
      }
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(DATA, 65536, SIZE - 65536);
      assertThat(digest(body, 4096)).isEqualTo(md.digest());
      // the bound plus at most one chunk of the client's (a few KiB here; 64 KiB is generous)
      assertThat(body.mostQueued()).isGreaterThan(0).isLessThanOrEqualTo(ahead + 65536L);
    }
  }

  @Test
  void aBodyCutShortIsAnErrorNotAnEnd() throws Exception {
    try (PrefetchedBody body = open("/broken", PrefetchedBody.DEFAULT_AHEAD)) {
      assertThat(brokenSent.await(10, TimeUnit.SECONDS)).isTrue();
      byte[] buf = new byte[65536];
      assertThatThrownBy(
              () -> {
                while (body.read(buf, 0, buf.length) >= 0) {
                  // read until the error
                }
              })
          .isInstanceOf(IOException.class)
          .hasMessageStartingWith("the response broke off: ");
    }
  }

  @Test
  void closingStopsTheResponseAndLaterReadsFail() throws Exception {
    PrefetchedBody body = open("/whole", 1 << 20);
    assertThat(body.read(new byte[1000], 0, 1000)).isPositive();
    body.close();
    assertThatThrownBy(() -> digest(body, 65536))
        .isInstanceOf(IOException.class)
        .hasMessage("the response body is closed");
    body.close(); // twice is harmless
  }

  @Test
  void theBoundMustBePositive() {
    assertThatThrownBy(() -> new PrefetchedBody(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ahead must be positive, was 0");
  }
}
