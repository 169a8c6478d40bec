package io.kuberoute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The configuration files among 487 mutated ones that kuberoute mishandled (issue 17, part 4): each
 * is now one clear line on stderr and exit code 2, with nothing contacted or written.
 */
class ConfigEdgeCasesTest {

  private static final String MINIMAL = ConfigReaderTest.MINIMAL;
  private static final String SKYDNS =
      MINIMAL
          .replace("dns_backend = fakedns", "dns_backend = skydns")
          .replace("[fakedns]\n", "[skydns]\n");
  private static final String ENDPOINTS_ALLOWED =
      "(allowed: comma-separated etcd client URLs such as https://10.0.0.1:2379, all http:// or all https://, without path";

  @TempDir Path dir;

  private final TestAdapters adapters = new TestAdapters();

  private Path write(String text) throws IOException {
    return Files.writeString(dir.resolve("kuberoute.ini"), text);
  }

  static Stream<Arguments> cases() {
    String big = "9".repeat(500_000);
    return Stream.of(
        Arguments.of(
            "credentials in an endpoint are hidden",
            SKYDNS + "endpoints = http://root:hunter2@etcd:2379\n",
            "invalid value for skydns.endpoints: 'http://<hidden>@etcd:2379' "
                + ENDPOINTS_ALLOWED
                + "; no user:password@ in a URL (set username and password))"),
        Arguments.of(
            "endpoint port 99999",
            SKYDNS + "endpoints = http://etcd:99999\n",
            "invalid value for skydns.endpoints: 'http://etcd:99999' "
                + ENDPOINTS_ALLOWED
                + "; the port must be from 1 to 65535)"),
        Arguments.of(
            "endpoint port 0",
            SKYDNS + "endpoints = http://etcd:0\n",
            "invalid value for skydns.endpoints: 'http://etcd:0' "
                + ENDPOINTS_ALLOWED
                + "; the port must be from 1 to 65535)"),
        Arguments.of(
            "an IPv6 endpoint",
            SKYDNS + "endpoints = http://[::1]\n",
            "invalid value for skydns.endpoints: 'http://[::1]' "
                + ENDPOINTS_ALLOWED
                + "; the etcd client cannot use an IPv6 address literal: give a host name that resolves to it)"),
        Arguments.of(
            "endpoints of commas only",
            SKYDNS + "endpoints = ,\n",
            "invalid value for skydns.endpoints: ',' " + ENDPOINTS_ALLOWED + ")"),
        Arguments.of(
            "a megabyte value",
            MINIMAL.replace("port = 8081", "port = " + big),
            "invalid value for kuberoute.port: '"
                + "9".repeat(80)
                + "…' (allowed: a whole number from 0 to 65535)"),
        Arguments.of(
            "a manifests file that is not YAML",
            MINIMAL.replace("serviceaccount", "manifests") + "[manifests]\npath = cluster.yaml\n",
            "invalid value for manifests.path: '<dir>/cluster.yaml' is not a YAML file of Kubernetes objects:"
                + " while parsing a flow sequence at line 1, column 7: expected ',' or ']', but got <stream end> at line 2, column 1"),
        Arguments.of(
            "interpolation that explodes",
            MINIMAL
                + "[replacements]\na = "
                + "%(b)s".repeat(2000)
                + "\nb = "
                + "%(c)s".repeat(2000)
                + "\nc = xxxxxxxxxx\n",
            "invalid value for replacements.a: its %(name)s references expand to more than 1048576 characters (1 MiB)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isOneLineOnStderrAndExitCode2WithNothingContacted(String what, String config, String line)
      throws IOException {
    Files.writeString(dir.resolve("cluster.yaml"), "just: [unclosed\n");
    Path file = write(config);
    CommandRunner cli = new CommandRunner(adapters, dir);

    int code = cli.run("--config", file.toString(), "--once");

    assertThat(code).isEqualTo(2);
    assertThat(cli.err()).isEqualTo(line.replace("<dir>", dir.toString()) + "\n");
    assertThat(cli.err()).doesNotContain("hunter2").doesNotContain("Exception");
    assertThat(cli.out()).isEmpty();
    List<String> allowed = what.contains("manifests") ? List.of("manifests") : List.of();
    assertThat(adapters.built).isEqualTo(allowed);
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aFifoIsRefusedWithoutBeingOpened() throws Exception {
    Path fifo = dir.resolve("config.fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(mkfifo.exitValue()).isZero();
    CommandRunner cli = new CommandRunner(adapters, dir);

    assertThat(cli.run("--config", fifo.toString(), "--once")).isEqualTo(2);
    assertThat(cli.err())
        .isEqualTo(
            "Config file "
                + fifo
                + " cannot be read, exiting: it is not a regular file (a FIFO, socket or device)\n");
    assertThat(adapters.built).isEmpty();
  }

  @Test
  void aDeviceIsRefusedLikeAFifo() {
    CommandRunner cli = new CommandRunner(adapters, dir);

    assertThat(cli.run("--config", "/dev/zero", "--once")).isEqualTo(2);
    assertThat(cli.err())
        .isEqualTo(
            "Config file /dev/zero cannot be read, exiting: it is not a regular file (a FIFO, socket or device)\n");
  }

  @Test
  void aFiftyMegabyteFileIsRefusedBeforeItIsRead() throws Exception {
    Path huge = dir.resolve("huge.ini");
    try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
      f.setLength(50L << 20); // sparse: nothing is written, nothing need be read
    }
    CommandRunner cli = new CommandRunner(adapters, dir);

    assertThat(cli.run("--config", huge.toString(), "--once")).isEqualTo(2);
    assertThat(cli.err())
        .isEqualTo(
            "Config file "
                + huge
                + " cannot be read, exiting: it is 52428800 bytes; a configuration file may have at most 1048576 (1 MiB)\n");
    assertThat(adapters.built).isEmpty();
  }

  @Test
  void aFileOfExactlyTheLimitIsRead() throws Exception {
    String padding = "# " + "x".repeat(IniFile.MAX_BYTES - MINIMAL.length() - 3) + "\n";
    Path file = write(MINIMAL + padding);
    assertThat(Files.size(file)).isEqualTo(IniFile.MAX_BYTES);
    CommandRunner cli = new CommandRunner(adapters, dir);

    assertThat(cli.run("--config", file.toString(), "--once")).isEqualTo(0);
  }

  @Test
  void anEmptyNamespaceEntryIsAnError() throws IOException {
    Path file = write(MINIMAL.replace("namespaces = default", "namespaces = default,,web"));
    CommandRunner cli = new CommandRunner(adapters, dir);

    assertThat(cli.run("--config", file.toString(), "--once")).isEqualTo(2);
    assertThat(cli.err())
        .isEqualTo(
            "invalid value for kuberoute.namespaces: 'default,,web' (allowed: entries separated by commas, none of them empty; entry 2 of 3 is empty)\n");
    assertThat(adapters.built).isEmpty();
  }

  @Test
  void anUnknownKeyOfAHeartbeatSectionWithoutNameTemplateIsWarnedAbout() throws IOException {
    Path file = write(MINIMAL + "[heartbeat]\nname_templat = hb\ninterval = 30\n");
    CommandRunner cli = new CommandRunner(adapters, dir);

    assertThat(cli.run("--config", file.toString(), "--once")).isEqualTo(0);
    assertThat(cli.err())
        .contains(
            "WARN  KuberouteCommand - the heartbeat is off: [heartbeat] has no name_template\n")
        .contains(
            "WARN  KuberouteCommand - ignoring unknown keys heartbeat.name_templat in "
                + file
                + "\n");
  }
}
