package io.kuberoute.testkit.net;

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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy from a free loopback port to a port on loopback, which a test switches to play a
 * server that is up, hung or dead at one unchanging address (for servers that run in the test's own
 * JVM and so cannot be stopped with a signal, or to take a server away without losing its state):
 *
 * <ul>
 *   <li>{@link State#FORWARDING} ({@link #to}, {@link #restore()}): bytes flow both ways; bytes
 *       held while hung flow on, as after {@code SIGCONT};
 *   <li>{@link State#HUNG} ({@link #hang()}): the port still accepts connections and reads what
 *       they send, but nothing is passed on either way, on new connections and on the open ones,
 *       which stay open and silent (a server stopped with {@code SIGSTOP});
 *   <li>{@link State#KILLED} ({@link #kill()}, {@link #close()}): nothing listens on the port
 *       (connections are refused) and every open connection is cut (a server killed).
 * </ul>
 *
 * <p>Besides: {@link #cutConnections()} cuts every open connection and leaves the port as it is;
 * {@link #cutClientSides()} cuts only the client's side of each, leaving the target's side open.
 * Every byte clients sent is kept ({@link #sent()}), so a test can read the requests a client
 * really put on the wire. A connection the target refuses is closed at once; the proxy goes on
 * accepting.
 *
 * <p>Thread-safe. Its threads are daemons named {@code tcp-proxy-accept-<port>} and {@code
 * tcp-proxy-pump-<port>}; each connection's end when it is cut, and the acceptor's when killed.
 */
public final class TcpProxy implements AutoCloseable {

  /** What the proxy does with connections. */
  public enum State {
    FORWARDING,
    HUNG,
    KILLED
  }

  private record Connection(Socket client, Socket target) {}

  private final int port;
  private final int targetPort;
  private final List<Connection> open = new ArrayList<>();

  /** Target sides whose client was cut on purpose: left open until killed or cut. */
  private final Set<Socket> abandoned = ConcurrentHashMap.newKeySet();

  private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
  private ServerSocket server;
  private Thread acceptor;
  private State state = State.FORWARDING;
  private int accepted;

  private TcpProxy(int port, int targetPort) {
    this.port = port;
    this.targetPort = targetPort;
  }

  /**
   * A proxy on a free loopback port to {@code targetPort} on loopback, forwarding. Nothing is
   * contacted before a client connects.
   *
   * @throws IllegalArgumentException when {@code targetPort} is not a port (1 to 65535)
   */
  public static TcpProxy to(int targetPort) {
    if (targetPort < 1 || targetPort > 65535) {
      throw new IllegalArgumentException("not a TCP port: " + targetPort);
    }
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    TcpProxy proxy = new TcpProxy(port, targetPort);
    synchronized (proxy) {
      proxy.listen();
    }
    return proxy;
  }

  /** The proxy's port on loopback; the same in every state. */
  public int port() {
    return port;
  }

  /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
  public String httpUrl() {
    return "http://127.0.0.1:" + port;
  }

  public synchronized State state() {
    return state;
  }

  /** Connections accepted (and connected to the target) so far. */
  public synchronized int accepted() {
    return accepted;
  }

  /** Connections open through the proxy now (client's side and target's side both open). */
  public synchronized int openConnections() {
    return open.size();
  }

  /** Forwards again: listens again after {@link #kill()}, passes on what was held while hung. */
  public synchronized void restore() {
    state = State.FORWARDING;
    if (server == null) {
      listen();
    }
    notifyAll();
  }

  /** Accepts and reads, passes nothing on; open connections stay open. */
  public synchronized void hang() {
    state = State.HUNG;
    if (server == null) {
      listen();
    }
  }

  /**
   * Closes the port and cuts every connection; returns once nothing listens on the port (the JDK
   * closes a socket that a thread is blocked on only when that thread has woken, so until then a
   * connection would still be taken into its backlog).
   *
   * @throws IllegalStateException when the port's accepting thread has not ended within 10 s
   */
  public void kill() {
    Thread accepting;
    synchronized (this) {
      state = State.KILLED;
      closeQuietly(server);
      server = null;
      accepting = acceptor;
      acceptor = null;
      cutConnections();
    }
    if (accepting != null) {
      try {
        accepting.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (accepting.isAlive()) {
        throw new IllegalStateException(
            "port " + port + " still accepting 10 s after it was closed");
      }
    }
  }

  /** Cuts every open connection (both sides); the port stays as it is. */
  public synchronized void cutConnections() {
    for (Connection c : open) {
      closeQuietly(c.client());
      closeQuietly(c.target());
    }
    open.clear();
    abandoned.forEach(TcpProxy::closeQuietly);
    abandoned.clear();
    notifyAll();
  }

  /**
   * Cuts the client's side of every open connection and leaves the target's side open (what a
   * client that drops its connections looks like to the client, with a target that never sees them
   * go); those are closed by {@link #cutConnections()} or {@link #kill()}.
   */
  public synchronized void cutClientSides() {
    for (Connection c : open) {
      abandoned.add(c.target());
      closeQuietly(c.client());
    }
    open.clear();
    notifyAll();
  }

  /** Every byte clients sent so far, as ISO-8859-1 text. */
  public String sent() {
    synchronized (sent) {
      return sent.toString(StandardCharsets.ISO_8859_1);
    }
  }

  /** Forgets what clients sent so far. */
  public void clearSent() {
    synchronized (sent) {
      sent.reset();
    }
  }

  /** {@link #kill()}. */
  @Override
  public void close() {
    kill();
  }

  /** Binds the port and starts accepting; called holding the lock. */
  private void listen() {
    try {
      ServerSocket s = new ServerSocket();
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      server = s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ServerSocket listening = server;
    acceptor = new Thread(() -> accept(listening), "tcp-proxy-accept-" + port);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void accept(ServerSocket listening) {
    while (!listening.isClosed()) {
      Socket client;
      try {
        client = listening.accept();
      } catch (IOException e) {
        return; // closed by kill()
      }
      Socket target;
      try {
        target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
      } catch (IOException e) {
        closeQuietly(client); // the target refuses: so does the proxy, for this connection
        continue;
      }
      synchronized (this) {
        if (server != listening) {
          closeQuietly(client);
          closeQuietly(target);
          continue;
        }
        open.add(new Connection(client, target));
        accepted++;
      }
      pump(client, target, true);
      pump(target, client, false);
    }
  }

  /** Copies {@code from} to {@code to} (keeping a copy if {@code record}), holding while hung. */
  private void pump(Socket from, Socket to, boolean record) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              try {
                // the streams are not closed with try-with-resources: closing a stream closes its
                // socket, and an abandoned socket stays open
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0 && !abandoned.contains(from)) {
                  if (record) {
                    synchronized (sent) {
                      sent.write(buffer, 0, n);
                    }
                  }
                  if (!awaitForwarding(from, to)) {
                    return;
                  }
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // the connection was cut
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                end(from, to);
              }
            },
            "tcp-proxy-pump-" + port);
    t.setDaemon(true);
    t.start();
  }

  /** Waits while hung; false when the connection is to end (killed or cut meanwhile). */
  private synchronized boolean awaitForwarding(Socket from, Socket to) throws InterruptedException {
    while (state == State.HUNG && !from.isClosed() && !to.isClosed()) {
      wait();
    }
    return state == State.FORWARDING && !from.isClosed() && !to.isClosed();
  }

  /** One direction has ended: the connection ends, but an abandoned side stays open. */
  private synchronized void end(Socket from, Socket to) {
    open.removeIf(c -> c.client() == from || c.client() == to);
    if (!abandoned.contains(from)) {
      closeQuietly(from);
    }
    if (!abandoned.contains(to)) {
      closeQuietly(to);
    }
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
