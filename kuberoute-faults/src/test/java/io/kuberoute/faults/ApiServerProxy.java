package io.kuberoute.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback TCP proxy in front of an API server (fabric8's mock server, which runs in the test's
 * own JVM and so cannot be killed or stopped with a signal), which a test switches between:
 *
 * <ul>
 *   <li>{@link #pass()}: bytes flow both ways (and bytes held while hung flow on, as after {@code
 *       SIGCONT});
 *   <li>{@link #refuse()}: the API server is killed: nothing listens on the port (connections are
 *       refused) and every open connection is cut;
 *   <li>{@link #hang()}: the API server is hung ({@code SIGSTOP}): the port still accepts
 *       connections and reads requests, but nothing is passed on either way, on new connections and
 *       on the open ones (watches stay open and silent);
 *   <li>{@link #cutClientSides()}: the client's side of every open connection is cut, the port
 *       stays open: what a routine re-open of the watches looks like to the client. (The mock
 *       server's side is left open: fabric8's mock server blocks its event loop for 30 s when a
 *       client cuts a watch's WebSocket, which a real API server does not.)
 * </ul>
 */
final class ApiServerProxy implements AutoCloseable {

  enum Mode {
    PASS,
    HANG,
    REFUSE
  }

  private final int port;
  private final int targetPort;
  private final List<Socket> sockets = new ArrayList<>();

  /** Upstream sockets whose client was cut on purpose: left open. */
  private final java.util.Set<Socket> abandoned =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  private final java.util.Map<Socket, Socket> upstreamOf =
      new java.util.concurrent.ConcurrentHashMap<>();
  private ServerSocket server;
  private Mode mode = Mode.PASS;
  private int accepted;

  private ApiServerProxy(int port, int targetPort) {
    this.port = port;
    this.targetPort = targetPort;
  }

  /** A proxy on a free loopback port to {@code targetPort}, passing. */
  static ApiServerProxy to(int targetPort) {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ApiServerProxy proxy = new ApiServerProxy(port, targetPort);
    proxy.listen();
    return proxy;
  }

  String url() {
    return "http://127.0.0.1:" + port + "/";
  }

  int port() {
    return port;
  }

  synchronized Mode mode() {
    return mode;
  }

  /** Connections accepted so far. */
  synchronized int accepted() {
    return accepted;
  }

  /** Passes bytes again (listening again after {@link #refuse()}). */
  synchronized void pass() {
    mode = Mode.PASS;
    if (server == null) {
      listen();
    }
    notifyAll();
  }

  /** Accepts and reads, passes nothing on. */
  synchronized void hang() {
    mode = Mode.HANG;
    if (server == null) {
      listen();
    }
  }

  /** Closes the port and cuts every connection. */
  synchronized void refuse() {
    mode = Mode.REFUSE;
    closeQuietly(server);
    server = null;
    cutConnections();
    notifyAll();
  }

  /** Cuts every open connection; the port stays as it is. */
  synchronized void cutConnections() {
    sockets.forEach(ApiServerProxy::closeQuietly);
    sockets.clear();
    abandoned.forEach(ApiServerProxy::closeQuietly);
    abandoned.clear();
  }

  /** Cuts the client's side of every open connection, leaving the server's side open. */
  synchronized void cutClientSides() {
    List<Socket> clients = new ArrayList<>(upstreamOf.keySet());
    for (Socket client : clients) {
      Socket upstream = upstreamOf.remove(client);
      abandoned.add(upstream);
      sockets.remove(upstream);
      sockets.remove(client);
      closeQuietly(client);
    }
  }

  @Override
  public void close() {
    refuse();
  }

  private synchronized void listen() {
    try {
      ServerSocket s = new ServerSocket();
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      server = s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ServerSocket listening = server;
    Thread acceptor = new Thread(() -> accept(listening), "api-proxy-accept-" + port);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void accept(ServerSocket listening) {
    while (!listening.isClosed()) {
      try {
        Socket client = listening.accept();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        synchronized (this) {
          if (mode == Mode.REFUSE) {
            closeQuietly(client);
            closeQuietly(upstream);
            continue;
          }
          sockets.add(client);
          sockets.add(upstream);
          upstreamOf.put(client, upstream);
          accepted++;
        }
        pump(client, upstream);
        pump(upstream, client);
      } catch (IOException e) {
        return; // closed by refuse()
      }
    }
  }

  /** Copies {@code from} to {@code to}, holding what it read while the proxy hangs. */
  private void pump(Socket from, Socket to) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              try {
                // not closed with a try-with-resources: closing a stream closes its socket, and an
                // abandoned socket stays open
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0 && !abandoned.contains(from)) {
                  synchronized (this) {
                    while (mode == Mode.HANG) {
                      wait();
                    }
                    if (mode == Mode.REFUSE) {
                      return;
                    }
                  }
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // connection cut
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                if (!abandoned.contains(from)) {
                  closeQuietly(from);
                }
                if (!abandoned.contains(to)) {
                  closeQuietly(to);
                }
              }
            },
            "api-proxy-pump-" + port);
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
