package io.kuberoute.testkit.etcd;

import io.kuberoute.testkit.process.ProcessSignals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real etcd server for tests: Debian's {@code etcd} binary started on free loopback ports (client
 * and peer) with a temporary data directory, stopped and deleted by {@link #close()}. It can be
 * stopped and started again with the same data and ports ({@link #stop()}, {@link #start()}),
 * frozen with SIGSTOP to make every call time out ({@link #freeze()}, {@link #thaw()}), served over
 * TLS ({@link #startTls}), and given users, roles and authentication through {@link #etcdctl}.
 * {@link #kvCalls} counts the calls etcd received (from its own metrics), for tests and benchmarks
 * that bound the calls per sync.
 *
 * <p>When the binary is missing, {@link #startPlain()} throws, naming the package to install: a
 * test that needs etcd fails, it is never skipped. The benchmarks reuse this class.
 */
public final class EtcdServer implements AutoCloseable {

  /** Where the etcd binaries are looked for first; {@code ETCD_BIN_DIR} overrides. */
  private static final String DEFAULT_BIN_DIR = "/usr/bin";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Path etcd;
  private final Path etcdctl;
  private final Path workDir;
  private final Path dataDir;
  private final Path logFile;
  private final int clientPort;
  private final int peerPort;
  private final Optional<TestCertificates> tls;
  private Process process;
  private Optional<String> rootCredentials = Optional.empty();

  private EtcdServer(Optional<TestCertificates> tls, Optional<Path> parent) throws IOException {
    this.etcd = binary("etcd", "etcd-server");
    this.etcdctl = binary("etcdctl", "etcd-client");
    this.workDir =
        parent.isPresent()
            ? Files.createTempDirectory(parent.get(), "kuberoute-etcd-")
            : Files.createTempDirectory("kuberoute-etcd-");
    this.dataDir = workDir.resolve("data");
    this.logFile = workDir.resolve("etcd.log");
    this.clientPort = freePort();
    this.peerPort = freePort();
    this.tls = tls;
  }

  /** Starts etcd over plain http. */
  public static EtcdServer startPlain() {
    return startWith(Optional.empty(), Optional.empty());
  }

  /**
   * Starts etcd over plain http with its data directory below {@code parent} (e.g. a tmpfs such as
   * /dev/shm, so that a benchmark does not measure the disk's fsync).
   */
  public static EtcdServer startPlainIn(Path parent) {
    return startWith(Optional.empty(), Optional.of(parent));
  }

  /**
   * Starts etcd over https with the server certificate of {@code certificates}; clients must
   * present a certificate signed by its CA ({@code --client-cert-auth}).
   */
  public static EtcdServer startTls(TestCertificates certificates) {
    return startWith(Optional.of(certificates), Optional.empty());
  }

  private static EtcdServer startWith(Optional<TestCertificates> tls, Optional<Path> parent) {
    EtcdServer server;
    try {
      server = new EtcdServer(tls, parent);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.start();
    return server;
  }

  /** The client URL, e.g. {@code http://127.0.0.1:43121}. */
  public String endpoint() {
    return (tls.isPresent() ? "https" : "http") + "://127.0.0.1:" + clientPort;
  }

  public int clientPort() {
    return clientPort;
  }

  public Optional<TestCertificates> certificates() {
    return tls;
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** The process id of the running etcd. */
  public long pid() {
    if (!isRunning()) {
      throw new IllegalStateException("etcd is not running");
    }
    return process.pid();
  }

  /** Starts (or starts again, with the same data and ports) and waits until etcd is healthy. */
  public synchronized void start() {
    if (isRunning()) {
      return;
    }
    List<String> command = new ArrayList<>();
    String scheme = tls.isPresent() ? "https" : "http";
    command.addAll(
        List.of(
            etcd.toString(),
            "--name",
            "kuberoute-test",
            "--data-dir",
            dataDir.toString(),
            "--listen-client-urls",
            scheme + "://127.0.0.1:" + clientPort,
            "--advertise-client-urls",
            scheme + "://127.0.0.1:" + clientPort,
            "--listen-peer-urls",
            "http://127.0.0.1:" + peerPort,
            "--initial-advertise-peer-urls",
            "http://127.0.0.1:" + peerPort,
            "--initial-cluster",
            "kuberoute-test=http://127.0.0.1:" + peerPort,
            "--initial-cluster-state",
            "new",
            "--heartbeat-interval",
            "50",
            "--election-timeout",
            "250",
            "--logger",
            "zap",
            "--log-level",
            "warn"));
    tls.ifPresent(
        c ->
            command.addAll(
                List.of(
                    "--cert-file",
                    c.serverCert().toString(),
                    "--key-file",
                    c.serverKey().toString(),
                    "--trusted-ca-file",
                    c.caCert().toString(),
                    "--client-cert-auth")));
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .start();
    } catch (IOException e) {
      throw new IllegalStateException("could not start " + etcd + ": " + e.getMessage(), e);
    }
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "etcd exited with code " + process.exitValue() + " at start-up:\n" + logTail());
      }
      Result health = run(ctlCommand("endpoint", "health"), Duration.ofSeconds(5));
      if (health.exitCode() == 0) {
        return;
      }
      last = health.output();
      sleep(50);
    }
    stop();
    throw new IllegalStateException(
        "etcd did not become healthy within " + START_TIMEOUT + ": " + last + "\n" + logTail());
  }

  /** Stops etcd (SIGTERM, then SIGKILL after 10 s); its data stays for {@link #start()}. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    thaw();
    ProcessSignals.terminate(process);
    process = null;
  }

  /**
   * SIGSTOP: etcd keeps its sockets open but answers nothing, so every call times out. Returns once
   * every thread of etcd is stopped ({@link ProcessSignals#freeze}).
   */
  public synchronized void freeze() {
    ProcessSignals.freeze(pid(), "etcd");
  }

  /** SIGCONT after {@link #freeze()}. */
  public synchronized void thaw() {
    if (isRunning()) {
      ProcessSignals.thaw(pid());
    }
  }

  /**
   * Runs {@code etcdctl} against this server (with its TLS files, and as root once {@link
   * #enableAuth} ran) and returns its standard output; throws with the output on a non-zero exit.
   */
  public String etcdctl(String... args) {
    Result r = run(ctlCommand(args), Duration.ofSeconds(20));
    if (r.exitCode() != 0) {
      throw new IllegalStateException(
          "etcdctl "
              + String.join(" ", args)
              + " failed (exit "
              + r.exitCode()
              + "): "
              + r.output());
    }
    return r.output();
  }

  /** Adds user root with {@code rootPassword} and turns authentication on. */
  public void enableAuth(String rootPassword) {
    etcdctl("user", "add", "root:" + rootPassword);
    etcdctl("auth", "enable");
    rootCredentials = Optional.of("root:" + rootPassword);
  }

  /** Adds {@code user} with a role allowed to read and write keys from {@code prefix} on. */
  public void addUserWithPrefix(String user, String password, String role, String prefix) {
    etcdctl("role", "add", role);
    etcdctl("role", "grant-permission", role, "--prefix=true", "readwrite", prefix);
    etcdctl("user", "add", user + ":" + password);
    etcdctl("user", "grant-role", user, role);
  }

  private List<String> ctlCommand(String... args) {
    List<String> command = new ArrayList<>();
    command.add(etcdctl.toString());
    command.add("--endpoints=" + endpoint());
    command.add("--dial-timeout=2s");
    command.add("--command-timeout=10s");
    tls.ifPresent(
        c -> {
          command.add("--cacert=" + c.caCert());
          command.add("--cert=" + c.clientCert());
          command.add("--key=" + c.clientKey());
        });
    rootCredentials.ifPresent(u -> command.add("--user=" + u));
    command.addAll(List.of(args));
    return command;
  }

  /**
   * How many KV calls of {@code method} ({@code Range}, {@code Txn}, {@code Put}, {@code
   * DeleteRange}) etcd has received, from its Prometheus counter {@code grpc_server_started_total}.
   * Plain http only.
   */
  public long kvCalls(String method) {
    if (tls.isPresent()) {
      throw new IllegalStateException("kvCalls reads /metrics over plain http only");
    }
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(endpoint() + "/metrics"))
            .timeout(Duration.ofSeconds(10))
            .build();
    String body;
    try {
      body = HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    long total = 0;
    for (String line : body.split("\n")) {
      if (line.startsWith("grpc_server_started_total{")
          && line.contains("grpc_method=\"" + method + "\"")
          && line.contains("grpc_service=\"etcdserverpb.KV\"")) {
        total += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return total;
  }

  /** The last lines of etcd's own log, for failure messages. */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no etcd log: " + e.getMessage() + ")";
    }
  }

  @Override
  public synchronized void close() {
    stop();
    deleteRecursively(workDir);
  }

  private record Result(int exitCode, String output) {}

  private static Result run(List<String> command, Duration timeout) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        return new Result(-1, "timed out: " + String.join(" ", command));
      }
      return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new Result(-1, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted");
    }
  }

  static Path binary(String name, String debianPackage) {
    String dir = Objects.requireNonNullElse(System.getenv("ETCD_BIN_DIR"), DEFAULT_BIN_DIR);
    Path candidate = Path.of(dir, name);
    if (Files.isExecutable(candidate)) {
      return candidate;
    }
    for (String p : Objects.requireNonNullElse(System.getenv("PATH"), "").split(":")) {
      if (!p.isEmpty() && Files.isExecutable(Path.of(p, name))) {
        return Path.of(p, name);
      }
    }
    throw new IllegalStateException(
        ("the %s binary was not found in %s or on the PATH: the SkyDNS tests run against a real etcd."
                + " Install the Debian packages etcd-server and etcd-client"
                + " (apt-get install etcd-server etcd-client; .ci/run does it), or set ETCD_BIN_DIR"
                + " (this needs the %s package)")
            .formatted(name, dir, debianPackage));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp dir left behind is not worth failing a test for
    }
  }
}
