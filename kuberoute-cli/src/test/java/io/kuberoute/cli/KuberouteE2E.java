package io.kuberoute.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The program as a user runs it: {@code Main} in a separate JVM (the test classpath holds the same
 * classes as the jar), from the repository root, with real signals and exit codes.
 */
class KuberouteE2E {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  /** A running {@code java ... io.kuberoute.cli.Main} with its output collected. */
  private static final class Program {
    final Process process;
    final List<String> stderr = new CopyOnWriteArrayList<>();
    final CompletableFuture<String> stdout;
    private final Thread reader;

    Program(String... args) throws IOException {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(Main.class.getName());
      command.addAll(List.of(args));
      process = new ProcessBuilder(command).directory(ROOT.toFile()).start();
      reader = new Thread(() -> collect(process.getErrorStream(), stderr), "e2e-stderr");
      reader.setDaemon(true);
      reader.start();
      stdout =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              });
    }

    int exitCode() throws InterruptedException {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("kuberoute did not exit within 60 s; stderr: " + stderr);
      }
      reader.join(10_000);
      return process.exitValue();
    }

    String awaitStderr(Pattern pattern) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        for (String line : stderr) {
          Matcher m = pattern.matcher(line);
          if (m.find()) {
            return m.group(1);
          }
        }
        if (!process.isAlive() && stdout.isDone()) {
          break;
        }
        Thread.sleep(50);
      }
      throw new AssertionError("no stderr line matching " + pattern + ": " + stderr);
    }

    private static void collect(InputStream in, List<String> lines) {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          lines.add(line);
        }
      } catch (IOException e) {
        lines.add("(stderr read failed: " + e + ")");
      }
    }
  }

  /** The lines the README promises {@code ./run-demo} prints. */
  private static String readmeDemoOutput() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    int intro = readme.indexOf("It prints (logs go to stderr):");
    assertThat(intro).as("the README's demo output block").isPositive();
    int open = readme.indexOf("```\n", intro) + 4;
    int close = readme.indexOf("```", open);
    return readme.substring(open, close);
  }

  @Test
  void theDemoPrintsExactlyTheLinesTheReadmeShowsAndExits0() throws Exception {
    String runDemo = Files.readString(ROOT.resolve("run-demo"));
    assertThat(runDemo).contains("exec java -jar \"$jar\" --config examples/demo.ini --once \"$@\"");
    String expected = readmeDemoOutput();
    assertThat(expected.lines()).hasSize(5).allMatch(l -> l.startsWith("CREATE "));

    Program demo = new Program("--config", "examples/demo.ini", "--once");

    assertThat(demo.exitCode()).isEqualTo(0);
    assertThat(demo.stdout.get(10, TimeUnit.SECONDS)).isEqualTo(expected);
  }

  @Test
  void sigtermStopsTheServerCleanlyWithExitCode0() throws Exception {
    Program server = new Program("--config", "examples/demo.ini", "--port", "0");
    int port = Integer.parseInt(server.awaitStderr(Pattern.compile("Running on port (\\d+)\\.")));
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> health =
        http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(health.body()).isEqualTo("I am healthy");

    server.process.toHandle().destroy(); // SIGTERM (Process.destroy would also close our pipes)

    assertThat(server.exitCode()).isEqualTo(0);
    assertThat(server.stderr)
        .anyMatch(l -> l.contains("received SIGTERM, shutting down"))
        .anyMatch(l -> l.contains("shutting down: finishing the sync in flight"))
        .anyMatch(l -> l.endsWith("KuberouteCommand - stopped"));
    assertThat(server.stdout.get(10, TimeUnit.SECONDS).lines()).hasSize(5).allMatch(l -> l.startsWith("CREATE "));
  }

  @Test
  void aConfigurationErrorExitsWithCode2AndOneLine() throws Exception {
    Program bad = new Program("--config", "examples/no-such.ini", "--once");

    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.stdout.get(10, TimeUnit.SECONDS)).isEmpty();
    assertThat(bad.stderr).containsExactly("Config file examples/no-such.ini not found, exiting");
  }
}
