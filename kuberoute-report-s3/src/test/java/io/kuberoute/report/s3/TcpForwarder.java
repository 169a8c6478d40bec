package io.kuberoute.report.s3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP port that forwards every connection to another port. While stopped nothing listens
 * on it (connections are refused), which is how the tests take S3 down and bring it back at the
 * same address. It keeps a copy of what clients sent, so a test can read the HTTP request heads
 * (the signature's region, the ACL header) the SDK really put on the wire.
 */
final class TcpForwarder implements AutoCloseable {

  private final int port;
  private final int targetPort;
  private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
  private final AtomicInteger connections = new AtomicInteger();
  private final List<Socket> sockets = new ArrayList<>();
  private ServerSocket server;

  private TcpForwarder(int port, int targetPort) {
    this.port = port;
    this.targetPort = targetPort;
  }

  /** A forwarder on a free loopback port to {@code targetPort}, not yet listening. */
  static TcpForwarder to(int targetPort) {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return new TcpForwarder(probe.getLocalPort(), targetPort);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return port;
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Starts listening (S3 is reachable). */
  synchronized TcpForwarder start() {
    if (server != null) {
      return this;
    }
    try {
      ServerSocket s = new ServerSocket();
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      server = s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ServerSocket listening = server;
    Thread acceptor = new Thread(() -> accept(listening), "forwarder-accept-" + port);
    acceptor.setDaemon(true);
    acceptor.start();
    return this;
  }

  /** Stops listening and cuts every open connection (S3 is down). */
  synchronized void stop() {
    closeQuietly(server);
    server = null;
    sockets.forEach(TcpForwarder::closeQuietly);
    sockets.clear();
  }

  /** Connections accepted so far. */
  int connections() {
    return connections.get();
  }

  /** Everything clients sent so far, as ISO-8859-1 text. */
  String sent() {
    synchronized (sent) {
      return sent.toString(StandardCharsets.ISO_8859_1);
    }
  }

  void clearSent() {
    synchronized (sent) {
      sent.reset();
    }
  }

  @Override
  public void close() {
    stop();
  }

  private void accept(ServerSocket listening) {
    while (!listening.isClosed()) {
      try {
        Socket client = listening.accept();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        synchronized (this) {
          sockets.add(client);
          sockets.add(upstream);
        }
        connections.incrementAndGet();
        pump(client, upstream, true);
        pump(upstream, client, false);
      } catch (IOException e) {
        return; // closed by stop()
      }
    }
  }

  private void pump(Socket from, Socket to, boolean record) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  if (record) {
                    synchronized (sent) {
                      sent.write(buffer, 0, n);
                    }
                  }
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // connection closed
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "forwarder-pump-" + port);
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      // already closed
    }
  }
}
