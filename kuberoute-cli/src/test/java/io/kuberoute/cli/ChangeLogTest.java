package io.kuberoute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.testkit.fixtures.InMemoryDnsBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each DNS change appears once in a pod's log, as text or as a structured JSON line. */
class ChangeLogTest {

  @TempDir Path dir;

  private final TestAdapters adapters = new TestAdapters();

  private Path write(String text) throws IOException {
    Path file = dir.resolve("kuberoute.ini");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void fakednsPrintsEachChangeOnceOnStdoutAndDoesNotLogItAgain() throws IOException {
    ((TestClusterSource) adapters.cluster).set(TestClusterSource.SHOP);
    CommandRunner cli = new CommandRunner(adapters, dir);

    assertThat(cli.run("--config", write(ConfigReaderTest.MINIMAL).toString(), "--once"))
        .isEqualTo(0);

    assertThat(cli.out()).isEqualTo("CREATE shop.example.com A 60 10.0.0.1\n");
    assertThat(cli.err()).doesNotContain("CREATE");
  }

  @Test
  void logFormatOnTheCommandLineOverridesTheFile() throws IOException {
    adapters.backend = new InMemoryDnsBackend("kuberoute");
    ((TestClusterSource) adapters.cluster).set(TestClusterSource.SHOP);
    CommandRunner cli = new CommandRunner(adapters, dir);

    assertThat(
            cli.run(
                "--config",
                write(ConfigReaderTest.MINIMAL).toString(),
                "--once",
                "--log-format",
                "json"))
        .isEqualTo(0);

    assertThat(cli.err().lines()).isNotEmpty().allMatch(l -> l.startsWith("{\"timestamp\":"));
  }

  @Test
  void aBadLogFormatIsOneLineAndExitCode2WithNothingBuilt() throws IOException {
    CommandRunner cli = new CommandRunner(adapters, dir);

    assertThat(
            cli.run(
                "--config",
                write(ConfigReaderTest.MINIMAL).toString(),
                "--once",
                "--log-format",
                "xml"))
        .isEqualTo(2);

    assertThat(cli.err())
        .isEqualTo("invalid value for --log-format: 'xml' (allowed: text, json)\n");
    assertThat(adapters.built).isEmpty();
  }

  @Test
  void aRunThatFindsNoLabelledServiceSaysSo() throws IOException {
    CommandRunner cli = new CommandRunner(adapters, dir);

    assertThat(cli.run("--config", write(ConfigReaderTest.MINIMAL).toString(), "--once"))
        .isEqualTo(0);

    assertThat(cli.out()).isEmpty();
    assertThat(cli.err())
        .contains(
            "INFO  NothingToPublishNotice - 0 labelled Services in namespaces default (labels kuberoute_domain and"
                + " kuberoute_name, type NodePort): nothing to publish\n");
  }

  @Test
  void aRunThatFindsServicesSaysNothingOfTheKind() throws IOException {
    ((TestClusterSource) adapters.cluster).set(TestClusterSource.SHOP);
    CommandRunner cli = new CommandRunner(adapters, dir);

    assertThat(cli.run("--config", write(ConfigReaderTest.MINIMAL).toString(), "--once"))
        .isEqualTo(0);

    assertThat(cli.err()).doesNotContain("nothing to publish");
  }

  @Test
  void inJsonEachChangeCarriesItsFields() throws IOException {
    adapters.backend = new InMemoryDnsBackend("kuberoute");
    ((TestClusterSource) adapters.cluster).set(TestClusterSource.SHOP);
    CommandRunner cli = new CommandRunner(adapters, dir);
    String config =
        ConfigReaderTest.MINIMAL.replace("port = 8081\n", "port = 8081\nlog_format = json\n");

    assertThat(cli.run("--config", write(config).toString(), "--once")).isEqualTo(0);

    String line =
        cli.err()
            .lines()
            .filter(l -> l.contains("CREATE shop.example.com"))
            .findFirst()
            .orElseThrow();
    assertThat(line)
        .contains("\"formattedMessage\":\"CREATE shop.example.com A 60 10.0.0.1\"")
        .contains("{\"action\":\"CREATE\"}")
        .contains("{\"name\":\"shop.example.com\"}")
        .contains("{\"type\":\"A\"}")
        .contains("{\"ttl\":\"60\"}")
        .contains("{\"targets\":\"10.0.0.1\"}")
        .contains("{\"service\":\"default\\/shop\"}"); // JSON escapes the slash
  }
}
