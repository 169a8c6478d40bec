package io.kuberoute.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real program, {@code java -jar kuberoute-cli/target/kuberoute-cli.jar}, in its own JVM. Its
 * stdout lines (the printed DNS changes) are kept with the moment the driver read them.
 */
final class ProgramProcess implements AutoCloseable {

  static final Path JAR = Path.of("kuberoute-cli", "target", "kuberoute-cli.jar");

  /** A stdout line and when it arrived ({@link System#nanoTime()}). */
  record Line(String text, long nanos) {}

  final long startedNanos;
  final long startedMillis;
  private final Process process;
  private final List<Line> stdout = new CopyOnWriteArrayList<>();
  private final List<String> stderr = new CopyOnWriteArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private int port = -1;

  private ProgramProcess(Process process, long startedNanos, long startedMillis) {
    this.process = process;
    this.startedNanos = startedNanos;
    this.startedMillis = startedMillis;
    follow(process.getInputStream(), true);
    follow(process.getErrorStream(), false);
  }

  /** Starts the program with {@code config} (INI text) and extra JVM options. */
  static ProgramProcess start(String config, List<String> jvmOptions) throws IOException {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(JAR + " is missing: build it first (./run-benchmarks does)");
    }
    Path file = Files.createTempFile("kuberoute-bench", ".ini");
    Files.writeString(file, config);
    file.toFile().deleteOnExit();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(JAR.toString());
    command.add("--config");
    command.add(file.toString());
    long started = System.nanoTime();
    long startedMillis = System.currentTimeMillis();
    return new ProgramProcess(new ProcessBuilder(command).start(), started, startedMillis);
  }

  /**
   * Starts {@code mainClass} of the benchmark's own class path with extra JVM options and
   * arguments.
   */
  static ProgramProcess startMain(String mainClass, List<String> jvmOptions, List<String> args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(args);
    long started = System.nanoTime();
    long startedMillis = System.currentTimeMillis();
    return new ProgramProcess(new ProcessBuilder(command).start(), started, startedMillis);
  }

  private void follow(InputStream in, boolean isStdout) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  if (isStdout) {
                    stdout.add(new Line(line, System.nanoTime()));
                  } else {
                    stderr.add(line);
                  }
                }
              } catch (IOException e) {
                // the process ended
              }
            },
            isStdout ? "program-stdout" : "program-stderr");
    t.setDaemon(true);
    t.start();
  }

  long pid() {
    return process.pid();
  }

  int stdoutLines() {
    return stdout.size();
  }

  /** Waits until stdout has {@code count} lines; returns the line with that number (1-based). */
  Line awaitLines(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (stdout.size() < count) {
      if (System.nanoTime() > deadline || !process.isAlive()) {
        throw new IllegalStateException(
            "expected %d stdout lines, got %d; last stderr lines: %s"
                .formatted(count, stdout.size(), tail()));
      }
      Thread.sleep(2);
    }
    return stdout.get(count - 1);
  }

  /** Waits for the first stdout line after index {@code from} that matches. */
  Line awaitLine(int from, Predicate<String> test, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int i = from;
    while (true) {
      while (i < stdout.size()) {
        Line l = stdout.get(i++);
        if (test.test(l.text())) {
          return l;
        }
      }
      if (System.nanoTime() > deadline || !process.isAlive()) {
        throw new IllegalStateException("no matching stdout line; last stderr lines: " + tail());
      }
      Thread.sleep(1);
    }
  }

  int port() throws InterruptedException {
    if (port > 0) {
      return port;
    }
    Pattern p = Pattern.compile("Running on port (\\d+)");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      for (String line : stderr) {
        Matcher m = p.matcher(line);
        if (m.find()) {
          port = Integer.parseInt(m.group(1));
          return port;
        }
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("the program did not report its port: " + tail());
  }

  String get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    return r.statusCode() + " " + r.body();
  }

  /** Waits until {@code /readyz} answers 200. */
  void awaitReady(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!get("/readyz").startsWith("200")) {
      if (System.nanoTime() > deadline || !process.isAlive()) {
        throw new IllegalStateException("not ready in time: " + get("/readyz") + "; " + tail());
      }
      Thread.sleep(20);
    }
  }

  /**
   * Live heap: one scrape of {@code /metrics}, as Prometheus would have made by then (the first
   * scrape registers the per-Service failover rows, which stay), two full GCs (jcmd GC.run), then
   * the heap pools' use from {@code /metrics}. Without the first scrape the garbage of registering
   * those rows was counted as live.
   */
  long liveHeapBytes() throws Exception {
    get("/metrics");
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    for (int i = 0; i < 2; i++) {
      Process gc =
          new ProcessBuilder(jcmd.toString(), String.valueOf(pid()), "GC.run")
              .redirectErrorStream(true)
              .start();
      gc.getInputStream().readAllBytes();
      if (!gc.waitFor(60, TimeUnit.SECONDS) || gc.exitValue() != 0) {
        throw new IllegalStateException("jcmd GC.run failed");
      }
      Thread.sleep(200);
    }
    String metrics = get("/metrics");
    return (long)
        metrics
            .lines()
            .filter(l -> l.startsWith("jvm_memory_used_bytes{area=\"heap\""))
            .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
            .sum();
  }

  /** The process's peak resident set so far: {@code VmHWM} from {@code /proc/<pid>/status}. */
  long peakRssBytes() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    throw new IllegalStateException("no VmHWM for " + pid());
  }

  /**
   * Seconds from process start to the time stamp of the first log line containing {@code text} (the
   * program logs ISO-8601 times with milliseconds).
   */
  double secondsUntilLog(String text) {
    for (String line : stderr) {
      if (line.contains(text)) {
        long at = java.time.Instant.parse(line.substring(0, line.indexOf(' '))).toEpochMilli();
        return (at - startedMillis) / 1000.0;
      }
    }
    throw new IllegalStateException("no log line containing '" + text + "': " + tail());
  }

  String tail() {
    int n = stderr.size();
    return String.join(" | ", stderr.subList(Math.max(0, n - 5), n));
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
