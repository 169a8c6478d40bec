package io.kuberoute.testkit.dns;

import io.kuberoute.testkit.process.ProcessSignals;
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
 * may update A, AAAA, CNAME and TXT records and transfer the zone, and nothing is allowed without a
 * key. {@link #readOnlyKey()} may only transfer, and {@link #adminKey()} (the tests' own edits) may
 * change anything. {@link #OPEN_ZONE} anyone may transfer (so that an unsigned or wrongly signed
 * client gets as far as its UPDATE).
 *
 * <p>It can be stopped and started again on the same port with the same data ({@link #stop()},
 * {@link #start()}), and frozen with SIGSTOP so that every request times out ({@link #freeze()}).
 */
public abstract class TestDnsServer implements AutoCloseable {

  /** The zones every test server serves. */
  public static final List<String> ZONES =
      List.of("contract.test", "other-contract.test", "example.com", "example.org", "open.test");

  /** The zone anyone may transfer (updates still need the key). */
  public static final String OPEN_ZONE = "open.test";

  public static final String KEY_NAME = "kuberoute-key";
  public static final String READ_ONLY_KEY_NAME = "readonly-key";
  public static final String ADMIN_KEY_NAME = "admin-key";

  /** The TSIG algorithm of every key, as named.conf and knot.conf spell it. */
  public static final String KEY_ALGORITHM = "hmac-sha256";

  /**
   * A TSIG key the server knows: its name, algorithm ({@link #KEY_ALGORITHM}) and base64 secret.
   * The secret is not shown by {@link #toString()}.
   */
  public record Key(String name, String algorithm, String secret) {
    @Override
    public String toString() {
      return "TSIG key " + name + " (" + algorithm + ")";
    }
  }

  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  protected final Path dir;
  protected final int port;
  protected final Key key;
  protected final Key readOnlyKey;
  protected final Key adminKey;
  private final Path log;
  private Process process;

  protected TestDnsServer(String prefix) {
    try {
      this.dir = Files.createTempDirectory(prefix);
      this.port = freePort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.key = new Key(KEY_NAME, KEY_ALGORITHM, randomSecret());
    this.readOnlyKey = new Key(READ_ONLY_KEY_NAME, KEY_ALGORITHM, randomSecret());
    this.adminKey = new Key(ADMIN_KEY_NAME, KEY_ALGORITHM, randomSecret());
    this.log = dir.resolve("server.log");
  }

  /** "BIND 9" or "Knot DNS". */
  public abstract String product();

  /** Writes the configuration and the zone files (called once, before the first start). */
  protected abstract void configure() throws IOException;

  /** The command line that runs the server in the foreground. */
  protected abstract List<String> command();

  /** The port it serves on at 127.0.0.1, UDP and TCP. */
  public int port() {
    return port;
  }

  /** The key that may update and transfer every zone. */
  public Key key() {
    return key;
  }

  /** A key the server knows that may transfer zones but update none. */
  public Key readOnlyKey() {
    return readOnlyKey;
  }

  /** A key that may change anything (what a person editing the zone by hand uses). */
  public Key adminKey() {
    return adminKey;
  }

  /** The zone file every zone starts from. */
  protected static String zoneFile(String zone) {
    return "$TTL 60\n"
        + "@ IN SOA ns.invalid. hostmaster."
        + zone
        + ". ( 1 60 60 600 60 )\n"
        + "  IN NS ns.invalid.\n";
  }

  /** Configures (first time only), starts and waits until every zone answers an SOA query. */
  public synchronized TestDnsServer start() {
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
                      product()
                          + " exited with code "
                          + process.exitValue()
                          + " at start-up:\n"
                          + logTail());
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
        SimpleResolver r =
            new SimpleResolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        r.setTimeout(Duration.ofMillis(300));
        Message answer =
            r.send(
                Message.newQuery(
                    Record.newRecord(Name.fromString(zone + "."), Type.SOA, DClass.IN)));
        if (answer.getRcode() != Rcode.NOERROR || answer.getSection(1).isEmpty()) {
          return false;
        }
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }

  /** Whether the server process is alive. */
  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Stops the server (SIGTERM, then SIGKILL after 10 s); its data stays for {@link #start()}. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    thaw();
    ProcessSignals.terminate(process);
    process = null;
  }

  /**
   * SIGSTOP: the sockets stay open but nothing answers, so every request times out. Returns once
   * every thread of the server is stopped ({@link ProcessSignals#freeze}).
   */
  public synchronized void freeze() {
    ProcessSignals.freeze(process.pid(), product());
  }

  /** SIGCONT after {@link #freeze()}. */
  public synchronized void thaw() {
    if (isRunning()) {
      ProcessSignals.thaw(process.pid());
    }
  }

  /** The last lines of the server's own log, for failure messages. */
  public String logTail() {
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
  public static Optional<Path> findBinary(String name) {
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
      try (DatagramSocket udp =
          new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), candidate))) {
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
