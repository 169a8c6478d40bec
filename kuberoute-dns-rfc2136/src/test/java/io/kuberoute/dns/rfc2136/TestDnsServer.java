package io.kuberoute.dns.rfc2136;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A real authoritative DNS server for tests (BIND 9 or Knot DNS), started on a free loopback port
 * (UDP and TCP) with its own temporary directory (configuration, zone files, journal, pid and run
 * files), and stopped and deleted by {@link #close()}. Every zone of {@link #ZONES} starts with
 * only its SOA and NS. The policy is the one docs/backends/rfc2136.md recommends: {@link #key()}
 * may update A, AAAA, CNAME and TXT records and transfer the zone, and nothing is allowed without
 * a key. {@link #readOnlyKey()} may only transfer, and {@link #adminKey()} (the tests' own edits)
 * may change anything. {@link #OPEN_ZONE} anyone may transfer (so that an unsigned or wrongly
 * signed client gets as far as its UPDATE).
 *
 * <p>It can be stopped and started again on the same port with the same data ({@link #stop()},
 * {@link #start()}), and frozen with SIGSTOP so that every request times out ({@link #freeze()}).
 */
abstract class TestDnsServer implements AutoCloseable {

  /** The zones every test server serves. */
  static final List<String> ZONES =
      List.of("contract.test", "other-contract.test", "example.com", "example.org", "open.test");

  /** The zone anyone may transfer (updates still need the key). */
  static final String OPEN_ZONE = "open.test";

  static final String KEY_NAME = "kuberoute-key";
  static final String READ_ONLY_KEY_NAME = "readonly-key";
  static final String ADMIN_KEY_NAME = "admin-key";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  protected final Path dir;
  protected final int port;
  protected final TsigKey key;
  protected final TsigKey readOnlyKey;
  protected final TsigKey adminKey;
  private final Path log;
  private Process process;

  protected TestDnsServer(String prefix) {
    try {
      this.dir = Files.createTempDirectory(prefix);
      this.port = freePort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.key = TsigKey.of(KEY_NAME, randomSecret());
    this.readOnlyKey = TsigKey.of(READ_ONLY_KEY_NAME, randomSecret());
    this.adminKey = TsigKey.of(ADMIN_KEY_NAME, randomSecret());
    this.log = dir.resolve("server.log");
  }

  /** "BIND 9" or "Knot DNS". */
  abstract String product();

  /** Writes the configuration and the zone files (called once, before the first start). */
  protected abstract void configure() throws IOException;

  /** The command line that runs the server in the foreground. */
  protected abstract List<String> command();

  int port() {
    return port;
  }

  /** The key that may update and transfer every zone. */
  TsigKey key() {
    return key;
  }

  /** A key the server knows that may transfer zones but update none. */
  TsigKey readOnlyKey() {
    return readOnlyKey;
  }

  /** A key that may change anything (what a person editing the zone by hand uses). */
  TsigKey adminKey() {
    return adminKey;
  }

  /** The zone file every zone starts from. */
  protected static String zoneFile(String zone) {
    return "$TTL 60\n"
        + "@ IN SOA ns.invalid. hostmaster." + zone + ". ( 1 60 60 600 60 )\n"
        + "  IN NS ns.invalid.\n";
  }

  /** Configures (first time only), starts and waits until every zone answers an SOA query. */
  synchronized TestDnsServer start() {
    if (isRunning()) {
      return this;
    }
    try {
      if (!Files.exists(dir.resolve(".configured"))) {
        configure();
        Files.writeString(dir.resolve(".configured"), "");
      }
      process =
          new ProcessBuilder(command())
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new IllegalStateException("could not start " + product() + ": " + e.getMessage(), e);
    }
    try {
      Awaitility.await(product() + " serving its zones")
          .atMost(START_TIMEOUT)
          .pollInterval(Duration.ofMillis(50))
          .until(
              () -> {
                if (!process.isAlive()) {
                  throw new IllegalStateException(
                      product() + " exited with code " + process.exitValue() + " at start-up:\n" + logTail());
                }
                return allZonesAnswer();
              });
    } catch (ConditionTimeoutException e) {
      stop();
      throw new IllegalStateException(
          product() + " did not serve its zones within " + START_TIMEOUT + ":\n" + logTail(), e);
    }
    return this;
  }

  private boolean allZonesAnswer() {
    for (String zone : ZONES) {
      try {
        SimpleResolver r = new SimpleResolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        r.setTimeout(Duration.ofMillis(300));
        Message answer = r.send(Message.newQuery(Record.newRecord(Name.fromString(zone + "."), Type.SOA, DClass.IN)));
        if (answer.getRcode() != Rcode.NOERROR || answer.getSection(1).isEmpty()) {
          return false;
        }
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }

  boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Stops the server (SIGTERM, then SIGKILL after 10 s); its data stays for {@link #start()}. */
  synchronized void stop() {
    if (process == null) {
      return;
    }
    thaw();
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    process = null;
  }

  /** SIGSTOP: the sockets stay open but nothing answers, so every request times out. */
  synchronized void freeze() {
    signal("STOP");
    // kill returns once the signal is sent; the server is stopped only when its threads next
    // enter the kernel. Wait for every thread to show the stopped state, so no request is still
    // answered (under load it was, now and then).
    Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!allStopped(tasks)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the server did not stop within 5 s of SIGSTOP");
      }
      Thread.onSpinWait();
    }
  }

  private static boolean allStopped(Path tasks) {
    try (var threads = Files.list(tasks)) {
      return threads.allMatch(
          t -> {
            try {
              String stat = Files.readString(t.resolve("stat"));
              char state = stat.charAt(stat.lastIndexOf(')') + 2);
              return state == 'T' || state == 't';
            } catch (IOException e) {
              return true; // the thread is gone
            }
          });
    } catch (IOException e) {
      return false;
    }
  }

  /** SIGCONT after {@link #freeze()}. */
  synchronized void thaw() {
    if (isRunning()) {
      signal("CONT");
    }
  }

  private void signal(String name) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).redirectErrorStream(true).start();
      if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + name + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** The last lines of the server's own log, for failure messages. */
  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public synchronized void close() {
    stop();
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp dir left behind is not worth failing a test for
    }
  }

  /** {@code name} in /usr/sbin, /usr/bin or on the PATH, if it is installed. */
  static Optional<Path> findBinary(String name) {
    List<String> dirs = new ArrayList<>(List.of("/usr/sbin", "/usr/bin"));
    dirs.addAll(List.of(Objects.requireNonNullElse(System.getenv("PATH"), "").split(":")));
    for (String d : dirs) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, name))) {
        return Optional.of(Path.of(d, name));
      }
    }
    return Optional.empty();
  }

  protected static List<String> list(String... parts) {
    return new ArrayList<>(List.of(parts));
  }

  private static String randomSecret() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** A port free for both TCP and UDP on 127.0.0.1. */
  private static int freePort() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int candidate;
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        candidate = s.getLocalPort();
      }
      try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), candidate))) {
        if (udp.isBound()) {
          return candidate;
        }
      } catch (IOException busy) {
        // taken for UDP: try another
      }
    }
    throw new IOException("no free port for both TCP and UDP on 127.0.0.1");
  }

}
