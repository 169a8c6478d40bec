package io.kuberoute.cli;

import io.kuberoute.core.config.ErrorText;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP/1.1 server that no client can stall: one selector thread accepts connections, reads
 * request heads and writes answers without ever blocking on a client, and a few worker threads
 * compute the answers. A client therefore holds a worker only while its answer is being computed,
 * never while it sends slowly or reads slowly, and what it holds otherwise is bounded by {@link
 * HttpServerLimits}: a deadline for its request head, for an idle kept-alive connection and for
 * reading its answer, and a cap on connections that makes room for a new one by closing the one
 * that has waited longest for its request.
 *
 * <p>Requests are GET-style: a request body is never read; the connection is closed after the
 * answer to a request that has one. Pipelined requests are answered one after another.
 */
final class NioHttpServer implements AutoCloseable {

  /** Computes the answer to a request, on a worker thread; it may complete later, on any thread. */
  interface Handler {
    CompletableFuture<HttpReply> handle(HttpRequestHead request);
  }

  private static final Logger log = LoggerFactory.getLogger(NioHttpServer.class);

  /** How long answers being computed or written get when the server closes. */
  private static final long CLOSE_GRACE_NANOS = Duration.ofSeconds(1).toNanos();

  /** How long a closing connection may take to send the rest of its request before it is closed. */
  private static final long DRAIN_NANOS = Duration.ofSeconds(1).toNanos();

  private static final long SWEEP_NANOS = Duration.ofMillis(50).toNanos();
  private static final int FIRST_BUFFER = 1024;
  private static final long ACCEPT_PAUSE_NANOS = Duration.ofMillis(100).toNanos();
  private static final int ROOM_PER_ROUND = 64;

  private enum State {
    /** Waiting for (the rest of) a request head. */
    READING,
    /** A worker computes the answer; nothing is read meanwhile. */
    ANSWERING,
    /** The answer is being written. */
    WRITING,
    /** Kept alive between requests. */
    IDLE,
    /** Answered and half-closed; what the client still sends is read and dropped. */
    DRAINING
  }

  private final HttpServerLimits limits;
  private final Handler handler;
  private final Selector selector;
  private final ServerSocketChannel server;
  private final ThreadPoolExecutor workers;
  private final Thread thread;
  private final int port;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final Set<Connection> connections = new HashSet<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean closing;
  private long nextSweep;
  private long acceptPausedUntil;
  private long lastAcceptWarning;

  private NioHttpServer(
      HttpServerLimits limits,
      Handler handler,
      Selector selector,
      ServerSocketChannel server,
      int port) {
    this.limits = limits;
    this.handler = handler;
    this.selector = selector;
    this.server = server;
    this.port = port;
    AtomicInteger n = new AtomicInteger();
    this.workers =
        new ThreadPoolExecutor(
            limits.workers(),
            limits.workers(),
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(limits.queue()),
            r -> {
              Thread t = new Thread(r, "kuberoute-http-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.thread = new Thread(this::run, "kuberoute-http-selector");
    this.thread.setDaemon(true);
  }

  /**
   * Listens on {@code port} on all interfaces (0: a free port, see {@link #port()}).
   *
   * @throws IOException if the port cannot be bound
   */
  static NioHttpServer start(int port, HttpServerLimits limits, Handler handler)
      throws IOException {
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(handler, "handler");
    preload();
    ServerSocketChannel server = ServerSocketChannel.open();
    Selector selector = null;
    try {
      server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      server.bind(new InetSocketAddress(port), 1024);
      server.configureBlocking(false);
      selector = Selector.open();
      server.register(selector, SelectionKey.OP_ACCEPT);
      NioHttpServer http =
          new NioHttpServer(
              limits,
              handler,
              selector,
              server,
              ((InetSocketAddress) server.getLocalAddress()).getPort());
      http.thread.start();
      return http;
    } catch (IOException | RuntimeException e) {
      server.close();
      if (selector != null) {
        selector.close();
      }
      throw e;
    }
  }

  /**
   * Loads the classes of the request path now: loading one later needs a file descriptor when
   * classes come from a directory, and a server out of descriptors must still answer.
   */
  private static void preload() {
    byte[] sample =
        "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    HttpRequestHead.parse(sample, sample.length);
    HttpRequestHead.parse(sample, 3);
    HttpRequestHead.parse("x\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 5);
    HttpReply.text(503, "x").withHeader("Retry-After", "1").closing().encode();
    for (Class<?> c : new Class<?>[] {Connection.class, State.class, CancelledKeyException.class}) {
      try {
        Class.forName(c.getName(), false, c.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new AssertionError(e);
      }
    }
    State.values();
  }

  /** The port actually bound. */
  int port() {
    return port;
  }

  /**
   * Stops accepting connections, lets answers being computed or written finish for up to a second,
   * then closes every connection.
   */
  @Override
  public void close() {
    closing = true;
    selector.wakeup();
    try {
      if (!stopped.await(5, TimeUnit.SECONDS)) {
        log.warn("the HTTP server did not stop within 5 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workers.shutdown();
    try {
      if (!workers.awaitTermination(1, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  // ---- the selector thread ----

  private void run() {
    long closeDeadline = 0;
    try {
      while (true) {
        long now = System.nanoTime();
        if (closing && closeDeadline == 0) {
          closeDeadline = now + CLOSE_GRACE_NANOS;
          server.close(); // refuse new connections at once
          for (Connection c : List.copyOf(connections)) {
            if (c.state != State.ANSWERING && c.state != State.WRITING) {
              c.close();
            }
          }
        }
        if (closeDeadline != 0
            && (now - closeDeadline >= 0
                || connections.stream()
                    .noneMatch(c -> c.state == State.ANSWERING || c.state == State.WRITING))) {
          return;
        }
        long wake =
            acceptPausedUntil != 0 && acceptPausedUntil - nextSweep < 0
                ? acceptPausedUntil
                : nextSweep;
        selector.select(Math.max(1, Math.min(1000, (wake - now) / 1_000_000)));
        Runnable task;
        while ((task = tasks.poll()) != null) {
          task.run();
        }
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          if (key.attachment() == null) {
            accept(key);
          } else {
            Connection c = (Connection) key.attachment();
            try {
              c.ready(key);
            } catch (RuntimeException | LinkageError e) {
              log.warn("HTTP: dropping a connection after an unexpected error: {}", e.toString());
              c.close();
            }
          }
        }
        now = System.nanoTime();
        if (acceptPausedUntil != 0 && now - acceptPausedUntil >= 0 && !closing) {
          acceptPausedUntil = 0;
          serverKey(SelectionKey.OP_ACCEPT);
        }
        if (now - nextSweep >= 0) {
          sweep(now);
        }
      }
    } catch (IOException | RuntimeException e) {
      if (!closing) {
        log.error("the HTTP server stopped: {}", e.toString());
      }
    } finally {
      for (Connection c : List.copyOf(connections)) {
        c.close();
      }
      try {
        server.close();
        selector.close();
      } catch (IOException e) {
        log.debug("closing the HTTP selector: {}", e.toString());
      }
      stopped.countDown();
    }
  }

  /**
   * Accepts what is waiting. When accepting fails (no file descriptor left, say), the connection
   * that has waited longest for its request is closed to make room, as at the connection limit, up
   * to {@link #ROOM_PER_ROUND} times a round; with none to close, accepting pauses for {@link
   * #ACCEPT_PAUSE_NANOS} rather than spinning. Either way the server goes on.
   */
  private void accept(SelectionKey key) {
    for (int room = 0; ; room++) {
      try {
        acceptAll();
        return;
      } catch (IOException e) {
        long now = System.nanoTime();
        if (now - lastAcceptWarning > TimeUnit.SECONDS.toNanos(10) || lastAcceptWarning == 0) {
          lastAcceptWarning = now;
          log.warn(
              "HTTP: cannot accept connections ({}) with {} open; closing those waiting longest for their request",
              e.toString(),
              connections.size());
        }
        Optional<Connection> waiting = room < ROOM_PER_ROUND ? longestWaiting() : Optional.empty();
        if (waiting.isPresent()) {
          waiting.get().close();
          continue;
        }
        acceptPausedUntil = now + ACCEPT_PAUSE_NANOS;
        if (key.isValid()) {
          key.interestOps(0);
        }
        return;
      }
    }
  }

  private void serverKey(int ops) {
    SelectionKey key = server.keyFor(selector);
    if (key != null && key.isValid()) {
      key.interestOps(ops);
    }
  }

  private void acceptAll() throws IOException {
    SocketChannel channel;
    while (!closing && (channel = server.accept()) != null) {
      if (connections.size() >= limits.maxConnections()) {
        makeRoom();
      }
      try {
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        Connection c = new Connection(channel);
        c.key = channel.register(selector, SelectionKey.OP_READ, c);
        connections.add(c);
      } catch (IOException e) {
        channel.close();
      }
    }
  }

  /**
   * Closes one connection for a new one: the one waiting longest for its request (or idle, or
   * draining), else the one whose answer has been written longest, else the oldest being answered.
   */
  private void makeRoom() {
    Comparator<Connection> oldest = Comparator.comparingLong(c -> c.since);
    Optional<Connection> victim =
        longestWaiting()
            .or(() -> connections.stream().filter(c -> c.state == State.WRITING).min(oldest))
            .or(() -> connections.stream().min(oldest));
    victim.ifPresent(
        c -> {
          log.debug(
              "HTTP: {} connections open, closing the oldest ({})", connections.size(), c.state);
          c.close();
        });
  }

  /** The connection waiting longest for its request, idle longest, or draining longest. */
  private Optional<Connection> longestWaiting() {
    return connections.stream()
        .filter(c -> c.state == State.READING || c.state == State.IDLE || c.state == State.DRAINING)
        .min(Comparator.comparingLong(c -> c.since));
  }

  /** Closes the connections past their deadline. */
  private void sweep(long now) {
    long next = now + TimeUnit.SECONDS.toNanos(1);
    for (Connection c : List.copyOf(connections)) {
      if (now - c.deadline >= 0) {
        log.debug("HTTP: closing a connection {} past its deadline", c.state);
        c.close();
      } else if (c.deadline - next < 0) {
        next = c.deadline;
      }
    }
    nextSweep = Math.max(next, now + SWEEP_NANOS);
  }

  /** One client connection; touched by the selector thread only. */
  private final class Connection {
    final SocketChannel channel;
    SelectionKey key;
    byte[] in = new byte[FIRST_BUFFER];
    int inLength;
    ByteBuffer out;
    boolean closeAfterWrite;
    State state;

    /** When the current state began. */
    long since;

    long deadline;
    boolean closed;

    Connection(SocketChannel channel) {
      this.channel = channel;
      enter(State.READING, limits.headTimeout().toNanos());
    }

    private void enter(State next, long timeoutNanos) {
      state = next;
      since = System.nanoTime();
      deadline = timeoutNanos == Long.MAX_VALUE ? since + Long.MAX_VALUE / 2 : since + timeoutNanos;
    }

    void ready(SelectionKey k) {
      try {
        if (k.isReadable()) {
          read();
        }
        if (!closed && k.isValid() && k.isWritable()) {
          write();
        }
      } catch (IOException | CancelledKeyException e) {
        close();
      }
    }

    private void read() throws IOException {
      if (state == State.DRAINING) {
        ByteBuffer discard = ByteBuffer.allocate(4096);
        if (channel.read(discard) < 0) {
          close();
        }
        return;
      }
      if (inLength == in.length) {
        if (in.length >= limits.maxHeadBytes()) {
          reply(HttpReply.text(431, "Request headers too large").closing());
          return;
        }
        byte[] larger = new byte[Math.min(in.length * 2, limits.maxHeadBytes())];
        System.arraycopy(in, 0, larger, 0, inLength);
        in = larger;
      }
      int n = channel.read(ByteBuffer.wrap(in, inLength, in.length - inLength));
      if (n < 0) {
        close();
        return;
      }
      if (n > 0 && state == State.IDLE) {
        enter(State.READING, limits.headTimeout().toNanos());
      }
      inLength += n;
      parse();
    }

    private void parse() {
      HttpRequestHead.Parse parsed = HttpRequestHead.parse(in, inLength);
      if (parsed instanceof HttpRequestHead.Malformed m) {
        reply(HttpReply.text(m.status(), m.reason()).closing());
      } else if (parsed instanceof HttpRequestHead.Parsed p) {
        inLength -= p.length();
        System.arraycopy(in, p.length(), in, 0, inLength);
        if (p.head().hasBody()) {
          inLength = 0; // never read: the connection closes after the answer
        }
        answer(p.head());
      } else if (inLength >= limits.maxHeadBytes()) {
        reply(HttpReply.text(431, "Request headers too large").closing());
      }
    }

    private void answer(HttpRequestHead head) {
      enter(State.ANSWERING, limits.answerTimeout().toNanos());
      key.interestOps(0);
      try {
        workers.execute(
            () -> {
              CompletableFuture<HttpReply> answer;
              try {
                answer = handler.handle(head);
              } catch (RuntimeException | LinkageError e) {
                answer =
                    CompletableFuture.failedFuture(
                        e); // answered 500, the connection is not left hanging
              }
              answer.whenComplete(
                  (reply, error) -> {
                    HttpReply r = reply;
                    if (error != null || r == null) {
                      log.warn(
                          "HTTP {} {} failed: {}",
                          ErrorText.value(head.method()),
                          ErrorText.value(head.path()),
                          String.valueOf(error));
                      r = HttpReply.text(500, "Internal error");
                    }
                    HttpReply done = head.keepAlive() ? r : r.closing();
                    tasks.add(() -> reply(done));
                    selector.wakeup();
                  });
            });
      } catch (RejectedExecutionException e) {
        reply(HttpReply.text(503, "Busy: too many requests at once; try again.").closing());
      }
    }

    /** Starts writing {@code reply} (on the selector thread). */
    void reply(HttpReply reply) {
      if (closed) {
        return;
      }
      out = ByteBuffer.wrap(reply.encode());
      closeAfterWrite = reply.close();
      enter(State.WRITING, limits.writeTimeout().toNanos());
      try {
        write();
      } catch (IOException | CancelledKeyException e) {
        close();
      }
    }

    private void write() throws IOException {
      if (out == null) {
        key.interestOps(SelectionKey.OP_READ);
        return;
      }
      channel.write(out);
      if (out.hasRemaining()) {
        key.interestOps(SelectionKey.OP_WRITE);
        return;
      }
      out = null;
      if (closeAfterWrite || closing) {
        channel.shutdownOutput();
        enter(State.DRAINING, Math.min(DRAIN_NANOS, limits.idleTimeout().toNanos()));
        key.interestOps(SelectionKey.OP_READ);
        return;
      }
      enter(State.IDLE, limits.idleTimeout().toNanos());
      key.interestOps(SelectionKey.OP_READ);
      if (inLength > 0) {
        enter(State.READING, limits.headTimeout().toNanos());
        parse(); // a pipelined request
      }
    }

    void close() {
      if (closed) {
        return;
      }
      closed = true;
      connections.remove(this);
      if (key != null) {
        key.cancel();
      }
      try {
        channel.close();
      } catch (IOException e) {
        log.debug("closing an HTTP connection: {}", e.toString());
      }
    }
  }

  /** Connections open now, by state (for tests). */
  List<String> connectionStates() {
    CompletableFuture<List<String>> states = new CompletableFuture<>();
    tasks.add(
        () -> {
          List<String> all = new ArrayList<>();
          connections.forEach(c -> all.add(c.state.name()));
          states.complete(all);
        });
    selector.wakeup();
    return states.orTimeout(5, TimeUnit.SECONDS).join();
  }
}
