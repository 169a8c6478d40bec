package io.kuberoute.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code io.kuberoute.cli.Main} in a JVM of its own (the test class path holds the same classes as
 * the jar), run from {@code dir}, with its stdout and stderr lines collected as they come.
 */
final class ChildJvm implements AutoCloseable {

  final Process process;
  final List<String> stdout = new CopyOnWriteArrayList<>();
  final List<String> stderr = new CopyOnWriteArrayList<>();
  private final Thread stdoutReader;
  private final Thread stderrReader;

  private ChildJvm(Process process) {
    this.process = process;
    this.stdoutReader = follow(process.getInputStream(), stdout, "child-stdout");
    this.stderrReader = follow(process.getErrorStream(), stderr, "child-stderr");
  }

  static ChildJvm start(Path dir, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    return new ChildJvm(new ProcessBuilder(command).directory(dir.toFile()).start());
  }

  private static Thread follow(InputStream in, List<String> into, String name) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  into.add(line);
                }
              } catch (IOException e) {
                into.add("(read failed: " + e + ")");
              }
            },
            name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** Waits (up to 60 s) for the exit and for all output; returns the exit code. */
  int exitCode() throws InterruptedException {
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("kuberoute did not exit within 60 s; stderr: " + stderr);
    }
    stdoutReader.join(10_000);
    stderrReader.join(10_000);
    return process.exitValue();
  }

  /** Everything printed to stdout, each line ended by a newline (call after {@link #exitCode}). */
  String stdoutText() {
    StringBuilder out = new StringBuilder();
    stdout.forEach(l -> out.append(l).append('\n'));
    return out.toString();
  }

  /** Waits (up to 60 s) until stdout has {@code count} lines; returns them all. */
  List<String> awaitStdout(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (stdout.size() < count && System.nanoTime() < deadline && process.isAlive()) {
      Thread.sleep(20);
    }
    if (stdout.size() < count) {
      throw new AssertionError(
          "expected %d stdout lines, got %s; stderr: %s".formatted(count, stdout, stderr));
    }
    return List.copyOf(stdout);
  }

  /** Waits (up to 60 s) for a stderr line matching {@code pattern}; returns its first group. */
  String awaitStderr(Pattern pattern) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      for (String line : stderr) {
        Matcher m = pattern.matcher(line);
        if (m.find()) {
          return m.group(1);
        }
      }
      if (!process.isAlive()) {
        break;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no stderr line matching " + pattern + ": " + stderr);
  }

  /** SIGTERM, as Kubernetes sends it (Process.destroy would also close our pipes). */
  void terminate() {
    process.toHandle().destroy();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      terminate();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
