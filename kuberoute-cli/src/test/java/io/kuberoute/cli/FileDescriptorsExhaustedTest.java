package io.kuberoute.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The program at its limit of open files, held there by clients that send half a request: the
 * kubelet's probes are still answered (the server closes the clients waiting longest to make room),
 * and once the clients go it serves as before. Run as a process of its own under {@code ulimit -n}.
 */
@EnabledOnOs(OS.LINUX)
class FileDescriptorsExhaustedTest {

  private static final int OPEN_FILES = 400;
  private static final int CLIENTS = 600;
  private static final Pattern PORT = Pattern.compile("Running on port (\\d+)\\.");

  @TempDir Path dir;

  private final List<RawHttpClient> clients = new ArrayList<>();
  private final List<String> stderr = new CopyOnWriteArrayList<>();
  private Process process;

  @AfterEach
  void stop() throws Exception {
    for (RawHttpClient c : clients) {
      c.close();
    }
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private int start() throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("kuberoute.ini"),
            ConfigReaderTest.MINIMAL.replace("serviceaccount", "manifests")
                + "[manifests]\npath = "
                + Path.of("..", "examples", "demo-cluster.yaml").toAbsolutePath().normalize()
                + "\n");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String command =
        "ulimit -n %d && exec '%s' -cp '%s' %s --config '%s' --port 0"
            .formatted(
                OPEN_FILES,
                java,
                System.getProperty("java.class.path"),
                Main.class.getName(),
                config);
    process =
        new ProcessBuilder("bash", "-c", command)
            .directory(dir.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  stderr.add(line);
                  Matcher m = PORT.matcher(line);
                  if (m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                  }
                }
              } catch (IOException e) {
                port.completeExceptionally(e);
              }
              port.completeExceptionally(new IllegalStateException("kuberoute ended: " + stderr));
            },
            "child-stderr");
    reader.setDaemon(true);
    reader.start();
    return port.get(60, TimeUnit.SECONDS);
  }

  private static int probe(int port, String path) throws IOException {
    try (RawHttpClient c = new RawHttpClient(port, Duration.ofSeconds(10))) {
      return c.send(RawHttpClient.probe(path)).read().status();
    }
  }

  @Test
  void probesAreAnsweredWhileClientsHoldEveryFileTheProcessMayOpen() throws Exception {
    int port = start();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> probe(port, "/readyz") == 200); // the first sync is done
    for (int i = 0; i < CLIENTS; i++) {
      clients.add(
          new RawHttpClient(port, Duration.ofSeconds(10))
              .send("GET /healthz HTTP/1.1\r\nHost: x\r\n"));
    }

    for (String path : List.of("/healthz", "/readyz", "/metrics", "/healthz")) {
      assertThat(probe(port, path)).as(path).isEqualTo(200);
    }
    assertThat(stderr)
        .anyMatch(l -> l.contains("WARN  NioHttpServer - HTTP: cannot accept connections"));

    for (RawHttpClient c : clients) {
      c.close();
    }
    clients.clear();
    assertThat(probe(port, "/metrics")).isEqualTo(200);
    process.toHandle().destroy(); // SIGTERM
    assertThat(process.waitFor(40, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
  }
}
