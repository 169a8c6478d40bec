package io.kuberoute.cli;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --once} against an API server that is not there, or that accepts and never answers. */
class OnceUnreachableApiE2E {

  @TempDir Path dir;

  private Path config(int port) throws IOException {
    Path file = dir.resolve("kuberoute.ini");
    Files.writeString(
        file,
        """
        [kuberoute]
        kubeconfig_kind = kubernetes_url
        dns_backend = fakedns
        namespaces = default
        domain_label = kuberoute_domain

        [kubernetes_url]
        url = http://127.0.0.1:%d

        [fakedns]
        """
            .formatted(port));
    return file;
  }

  private record Run(int exit, Duration took, List<String> stdout, List<String> stderr) {
    /** Log time of the first line matching {@code part}. */
    Instant at(String part) {
      String line =
          stderr.stream()
              .filter(l -> l.contains(part))
              .findFirst()
              .orElseThrow(() -> new AssertionError(part + " not in " + stderr));
      return Instant.parse(line.substring(0, line.indexOf(' ')));
    }

    List<String> errors() {
      return stderr.stream()
          .filter(l -> l.contains(" ERROR "))
          .map(l -> l.substring(l.indexOf(" ERROR ") + 7))
          .toList();
    }
  }

  private static final String VERDICT =
      java.util.regex.Pattern.quote(
          "KuberouteCommand - --once: the Kubernetes API server could not be read within 10 s;"
              + " nothing was written to DNS: ");

  /** What the program watches, as its messages name it (a regular expression). */
  private static final String WATCHED =
      java.util.regex.Pattern.quote(
          "services labelled kuberoute_domain in namespace default, pods in namespace default, nodes");

  private Run once(int port) throws Exception {
    Path file = config(port);
    long start = System.nanoTime();
    try (ChildJvm program = ChildJvm.start(dir, "--config", file.toString(), "--once")) {
      int exit = program.exitCode();
      return new Run(
          exit, Duration.ofNanos(System.nanoTime() - start), program.stdout, program.stderr);
    }
  }

  /** Exit 1 after the 10 s wait, one error line, nothing on stdout, no stack trace. */
  private static void assertFailedAfterTheWait(Run run, String reason) {
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.stdout()).isEmpty();
    assertThat(run.errors())
        .singleElement(as(InstanceOfAssertFactories.STRING))
        .startsWith(
            "KuberouteCommand - --once: the Kubernetes API server could not be read within 10 s; nothing was"
                + " written to DNS: ")
        .matches(VERDICT + reason);
    assertThat(run.stderr()).noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception:"));
    // from the program being wired to its verdict: the wait of 10 s, and the verdict comes at once
    Duration waited = Duration.between(run.at("Wiring - config"), run.at(" ERROR "));
    System.out.println(
        "--once: verdict "
            + waited.toMillis()
            + " ms after wiring, whole run "
            + run.took().toMillis()
            + " ms");
    assertThat(waited).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(11));
    assertThat(run.took())
        .as("the whole run, JVM start included")
        .isLessThan(Duration.ofSeconds(25));
  }

  @Test
  void aClosedPortFailsAfterTenSecondsWithOneErrorLine() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Run run = once(port);
    // the first lists failed: the view is unavailable, with their error
    assertFailedAfterTheWait(
        run,
        "cannot list (services|pods|nodes)[a-z_ ,]* from the Kubernetes API server: Connection"
            + " refused: /127\\.0\\.0\\.1:"
            + port);
  }

  @Test
  void aPortThatAcceptsButNeverAnswersFailsAfterTenSecondsWithOneErrorLine() throws Exception {
    List<Socket> held = new CopyOnWriteArrayList<>();
    try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    held.add(s.accept()); // and never read or write
                  }
                } catch (IOException e) {
                  // closed
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      Run run = once(s.getLocalPort());
      // the first lists never come back: the view is still starting
      assertFailedAfterTheWait(run, "waiting for the first list of " + WATCHED);
      assertThat(held).as("the program did connect").isNotEmpty();
    } finally {
      for (Socket c : held) {
        c.close();
      }
    }
  }
}
