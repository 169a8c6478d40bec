package io.kuberoute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The program as a user runs it: {@code Main} in a separate JVM ({@link ChildJvm}), from the
 * repository root, with real signals and exit codes.
 */
class KuberouteE2E {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

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
    assertThat(runDemo)
        .contains("exec java -jar \"$jar\" --config examples/demo.ini --once \"$@\"");
    String expected = readmeDemoOutput();
    assertThat(expected.lines()).hasSize(5).allMatch(l -> l.startsWith("CREATE "));

    ChildJvm demo = ChildJvm.start(ROOT, "--config", "examples/demo.ini", "--once");

    assertThat(demo.exitCode()).isEqualTo(0);
    assertThat(demo.stdoutText()).isEqualTo(expected);
  }

  @Test
  void sigtermStopsTheServerCleanlyWithExitCode0() throws Exception {
    ChildJvm server = ChildJvm.start(ROOT, "--config", "examples/demo.ini", "--port", "0");
    int port = Integer.parseInt(server.awaitStderr(Pattern.compile("Running on port (\\d+)\\.")));
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> health =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(health.body()).isEqualTo("I am healthy");

    server.terminate();

    assertThat(server.exitCode()).isEqualTo(0);
    assertThat(server.stderr)
        .anyMatch(l -> l.contains("received SIGTERM, shutting down"))
        .anyMatch(l -> l.contains("shutting down: finishing the sync in flight"))
        .anyMatch(l -> l.endsWith("KuberouteCommand - stopped"));
    assertThat(server.stdout).hasSize(5).allMatch(l -> l.startsWith("CREATE "));
  }

  @Test
  void aConfigurationErrorExitsWithCode2AndOneLine() throws Exception {
    ChildJvm bad = ChildJvm.start(ROOT, "--config", "examples/no-such.ini", "--once");

    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.stdout).isEmpty();
    assertThat(bad.stderr).containsExactly("Config file examples/no-such.ini not found, exiting");
  }
}
