package io.kuberoute.k8s;

import io.fabric8.kubernetes.client.http.AsyncBody;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A response body as an {@link InputStream}, fed by the HTTP client's asynchronous byte consumer
 * ({@code HttpClient.consumeBytes}), with up to {@code ahead} bytes fetched ahead of the reader.
 *
 * <p>fabric8's own {@code InputStream} bodies ask the client for one chunk at a time and wait for
 * it (each chunk a few KiB, each a hand-over between the client's I/O thread and the reader): a 300
 * MB pod list took 7-10 s to read that way on a 2-core machine, against 0.6-1.4 s through the byte
 * consumer. Here the I/O thread keeps filling a queue while the reader parses, and stops asking for
 * more when the queue holds {@code ahead} bytes, so memory stays bounded (by {@code ahead} plus one
 * chunk) however long the response is. Once it has stopped, the reader wakes it again only when
 * half of that is read: waking it for every chunk read (one chunk fetched per wake-up, each across
 * threads) would bring back the cost of a hand-over per chunk.
 */
final class PrefetchedBody extends InputStream {

  /** How far the client reads ahead of the parser by default: 4 MiB. */
  static final int DEFAULT_AHEAD = 4 << 20;

  private final int ahead;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();

  // guarded by lock
  private AsyncBody body;
  private long queued;
  private long mostQueued;
  private boolean asked;
  private boolean finished;
  private Throwable failure;
  private boolean closed;

  // the reader's own
  private byte[] current = new byte[0];
  private int position;

  PrefetchedBody() {
    this(DEFAULT_AHEAD);
  }

  PrefetchedBody(int ahead) {
    if (ahead < 1) {
      throw new IllegalArgumentException("ahead must be positive, was " + ahead);
    }
    this.ahead = ahead;
  }

  /** The consumer to pass to {@code consumeBytes}; called on the client's I/O thread. */
  void accept(List<ByteBuffer> buffers, AsyncBody from) {
    int size = 0;
    for (ByteBuffer b : buffers) {
      size += b.remaining();
    }
    byte[] copy = new byte[size]; // the client may reuse its buffers once this returns
    int at = 0;
    for (ByteBuffer b : buffers) {
      int n = b.remaining();
      b.get(copy, at, n);
      at += n;
    }
    boolean askAgain;
    lock.lock();
    try {
      asked = false;
      if (closed) {
        return;
      }
      if (size > 0) {
        chunks.add(copy);
        queued += size;
        mostQueued = Math.max(mostQueued, queued);
      }
      askAgain = queued < ahead;
      asked = askAgain;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    if (askAgain) {
      from.consume();
    }
  }

  /** Starts reading {@code response}'s body: call once, when the response's headers are in. */
  void start(AsyncBody response) {
    Objects.requireNonNull(response, "response");
    lock.lock();
    try {
      if (body != null) {
        throw new IllegalStateException("already started");
      }
      body = response;
      asked = true;
    } finally {
      lock.unlock();
    }
    response
        .done()
        .whenComplete(
            (ok, error) -> {
              lock.lock();
              try {
                finished = true;
                failure = unwrap(error);
                changed.signalAll();
              } finally {
                lock.unlock();
              }
            });
    response.consume();
  }

  @Override
  public int read() throws IOException {
    if (position == current.length && !next()) {
      return -1;
    }
    return current[position++] & 0xff;
  }

  @Override
  public int read(byte[] into, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, into.length);
    if (length == 0) {
      return 0;
    }
    if (position == current.length && !next()) {
      return -1;
    }
    int n = Math.min(length, current.length - position);
    System.arraycopy(current, position, into, offset, n);
    position += n;
    return n;
  }

  /** Takes the next chunk, waiting for it; false at the end of the body. */
  private boolean next() throws IOException {
    AsyncBody askFrom = null;
    lock.lock();
    try {
      while (chunks.isEmpty()) {
        if (closed) {
          throw new IOException("the response body is closed");
        }
        if (finished) {
          if (failure != null) {
            throw new IOException("the response broke off: " + failure.getMessage(), failure);
          }
          return false;
        }
        if (body == null) {
          throw new IllegalStateException("not started");
        }
        changed.await();
      }
      current = chunks.poll();
      position = 0;
      queued -= current.length;
      if (!asked && !finished && queued <= ahead / 2) {
        asked = true;
        askFrom = body;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the response body", e);
    } finally {
      lock.unlock();
    }
    if (askFrom != null) {
      askFrom.consume();
    }
    return true;
  }

  /** The most bytes ever queued ahead of the reader. */
  long mostQueued() {
    lock.lock();
    try {
      return mostQueued;
    } finally {
      lock.unlock();
    }
  }

  /** Stops reading: the rest of the response is cancelled and what was queued is dropped. */
  @Override
  public void close() {
    AsyncBody cancel;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      chunks.clear();
      queued = 0;
      cancel = finished ? null : body;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    if (cancel != null) {
      cancel.cancel();
    }
  }

  private static Throwable unwrap(Throwable error) {
    Throwable e = error;
    while ((e instanceof CompletionException) && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }
}
