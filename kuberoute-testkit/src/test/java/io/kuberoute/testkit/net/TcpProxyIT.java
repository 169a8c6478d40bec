package io.kuberoute.testkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy with real sockets on 127.0.0.1, in front of an echo server of the test's own. */
class TcpProxyIT {

  private static final Duration BOUND = Duration.ofSeconds(10);

  private EchoServer target;
  private TcpProxy proxy;
  private final List<Socket> clients = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    target = new EchoServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    proxy = TcpProxy.to(target.port());
  }

  @AfterEach
  void stop() throws IOException {
    for (Socket c : clients) {
      c.close();
    }
    proxy.close();
    target.close();
  }

  @Test
  void bytesFlowBothWaysAndWhatTheClientSentIsKept() throws IOException {
    Socket c = connect();
    assertEchoes(c, "hello\n");
    assertThat(target.received()).isEqualTo("hello\n");
    assertThat(proxy.sent()).isEqualTo("hello\n");
    assertThat(proxy.accepted()).isEqualTo(1);
    assertThat(proxy.openConnections()).isEqualTo(1);
    assertThat(proxy.state()).isEqualTo(TcpProxy.State.FORWARDING);
    assertThat(proxy.httpUrl()).isEqualTo("http://127.0.0.1:" + proxy.port());

    proxy.clearSent();
    assertEchoes(c, "again\n");
    assertThat(proxy.sent()).isEqualTo("again\n");
  }

  @Test
  void killedThePortRefusesAndOpenConnectionsAreCutThenRestoredItForwardsAtTheSamePort()
      throws IOException {
    Socket open = connect();
    assertEchoes(open, "a");

    proxy.kill();

    assertThat(proxy.state()).isEqualTo(TcpProxy.State.KILLED);
    assertThat(open.getInputStream().read()).isEqualTo(-1);
    assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), proxy.port()))
        .isInstanceOf(ConnectException.class);
    await().atMost(BOUND).until(() -> target.endedConnections() == 1);
    assertThat(proxy.openConnections()).isZero();

    int port = proxy.port();
    proxy.restore();

    assertThat(proxy.port()).isEqualTo(port);
    Socket again = connect();
    assertEchoes(again, "b");
    assertThat(proxy.accepted()).isEqualTo(2);
  }

  @Test
  void hungItAcceptsAndReadsButPassesNothingOnAndKeepsConnectionsThenRestoredTheHeldBytesFlow()
      throws IOException {
    Socket before = connect();
    assertEchoes(before, "x");
    target.clearReceived();
    proxy.clearSent();

    proxy.hang();
    send(before, "held");
    Socket during = connect(); // the port still accepts
    send(during, "new");

    // the proxy has read both, and keeps them: the target got nothing, the clients no answer
    await().atMost(BOUND).until(() -> proxy.sent().length() == "heldnew".length());
    assertThat(proxy.sent()).contains("held").contains("new");
    assertThat(target.received()).isEmpty();
    before.setSoTimeout(200);
    assertThatThrownBy(() -> before.getInputStream().read())
        .isInstanceOf(SocketTimeoutException.class);
    assertThat(proxy.state()).isEqualTo(TcpProxy.State.HUNG);
    assertThat(proxy.openConnections()).isEqualTo(2);
    assertThat(proxy.accepted()).isEqualTo(2);

    proxy.restore();

    assertThat(read(before, 4)).isEqualTo("held");
    assertThat(read(during, 3)).isEqualTo("new");
  }

  @Test
  void cuttingTheClientSidesEndsTheClientsConnectionsAndLeavesTheTargetsSidesOpenUntilCut()
      throws IOException {
    Socket c = connect();
    assertEchoes(c, "x");

    proxy.cutClientSides();

    assertThat(c.getInputStream().read()).isEqualTo(-1);
    assertThat(proxy.openConnections()).isZero();
    assertThat(target.endedConnections()).isZero();
    Socket next = connect(); // the port stays open
    assertEchoes(next, "y");

    proxy.cutConnections();

    await().atMost(BOUND).until(() -> target.endedConnections() == 2);
    assertThat(next.getInputStream().read()).isEqualTo(-1);
    assertThat(proxy.state()).isEqualTo(TcpProxy.State.FORWARDING);
  }

  @Test
  void aConnectionTheTargetRefusesIsClosedAndTheProxyGoesOnAccepting() throws IOException {
    target.close(); // nothing listens at the target port now

    Socket refused = connect();
    assertThat(refused.getInputStream().read()).isEqualTo(-1);
    assertThat(proxy.accepted()).isZero();

    target = new EchoServer(bindAgain(target.port()));
    Socket c = connect();
    assertEchoes(c, "z");
    assertThat(proxy.accepted()).isEqualTo(1);
  }

  @Test
  void killedNoThreadOfItIsLeft() throws IOException {
    Socket c = connect();
    assertEchoes(c, "x");
    proxy.hang();
    send(c, "held"); // a pump waiting while hung
    await().atMost(BOUND).until(() -> proxy.sent().endsWith("held"));
    assertThat(threadsOf(proxy)).isNotEmpty();

    proxy.kill();

    await().atMost(BOUND).until(() -> threadsOf(proxy).isEmpty());
  }

  @Test
  void aTargetPortThatIsNoPortIsRefusedAndNoProxyIsStarted() throws IOException {
    long acceptors = acceptorThreads();

    assertThatThrownBy(() -> TcpProxy.to(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a TCP port: 0");
    assertThatThrownBy(() -> TcpProxy.to(65536))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a TCP port: 65536");
    assertThat(acceptorThreads()).isEqualTo(acceptors);
    // the proxy of this test is undisturbed
    Socket c = connect();
    assertEchoes(c, "ok");
  }

  private Socket connect() {
    try {
      Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
      s.setSoTimeout((int) BOUND.toMillis());
      clients.add(s);
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends {@code text} and reads it back from the echo server. */
  private static void assertEchoes(Socket s, String text) throws IOException {
    send(s, text);
    assertThat(read(s, text.length())).isEqualTo(text);
  }

  private static void send(Socket s, String text) {
    try {
      OutputStream out = s.getOutputStream();
      out.write(text.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads exactly {@code n} bytes (the socket's timeout bounds the wait). */
  private static String read(Socket s, int n) throws IOException {
    s.setSoTimeout((int) BOUND.toMillis());
    byte[] bytes = s.getInputStream().readNBytes(n);
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  private static ServerSocket bindAgain(int port) throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    return s;
  }

  private static List<String> threadsOf(TcpProxy p) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.startsWith("tcp-proxy-") && n.endsWith("-" + p.port()))
        .toList();
  }

  private static long acceptorThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("tcp-proxy-accept-"))
        .count();
  }

  /** Echoes every byte back, keeping what it received and counting the connections that ended. */
  private static final class EchoServer implements AutoCloseable {

    private final ServerSocket socket;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private int ended;

    EchoServer(ServerSocket socket) {
      this.socket = socket;
      Thread t = new Thread(this::accept, "echo-accept");
      t.setDaemon(true);
      t.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    String received() {
      synchronized (received) {
        return received.toString(StandardCharsets.ISO_8859_1);
      }
    }

    void clearReceived() {
      synchronized (received) {
        received.reset();
      }
    }

    synchronized int endedConnections() {
      return ended;
    }

    private void accept() {
      try {
        while (true) {
          Socket s = socket.accept();
          accepted.add(s);
          Thread t = new Thread(() -> echo(s), "echo-" + s.getPort());
          t.setDaemon(true);
          t.start();
        }
      } catch (IOException e) {
        closed.countDown();
      }
    }

    private void echo(Socket s) {
      byte[] buffer = new byte[8192];
      try (InputStream in = s.getInputStream();
          OutputStream out = s.getOutputStream()) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          synchronized (received) {
            received.write(buffer, 0, n);
          }
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // cut
      } finally {
        synchronized (this) {
          ended++;
        }
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
      for (Socket s : accepted) {
        s.close();
      }
      try {
        closed.await(BOUND.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
