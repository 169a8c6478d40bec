package io.kuberoute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backend found only through {@link java.util.ServiceLoader} ({@link FileDnsProvider}, listed in
 * the test resources' {@code META-INF/services}, named in no class of the program) runs end to end:
 * its section is parsed by its own parser, it is built and written to by a real sync.
 */
class PluginBackendE2E {

  @TempDir Path dir;

  @Test
  void aBackendRegisteredOnlyForServiceLoaderIsParsedBuiltAndWrittenTo() throws IOException {
    Path demo = Path.of("..", "examples", "demo-cluster.yaml").toAbsolutePath().normalize();
    Path changes = dir.resolve("changes.txt");
    Path config = dir.resolve("kuberoute.ini");
    Files.writeString(
        config,
        """
        [kuberoute]
        kubeconfig_kind = manifests
        dns_backend = filedns
        namespaces = default

        [manifests]
        path = %s

        [filedns]
        file = %s
        """
            .formatted(demo, changes));
    TestAdapters adapters = new TestAdapters();
    adapters.realBackends = true;
    CommandRunner cli = new CommandRunner(adapters, dir);

    assertThat(cli.run("--config", config.toString(), "--once")).as(cli.err()).isEqualTo(0);

    assertThat(adapters.built).containsExactly("manifests", "filedns");
    assertThat(Files.readAllLines(changes))
        .containsExactly(
            "CREATE api.example.com A 60 203.0.113.10",
            "CREATE shop.example.com A 60 198.51.100.1,198.51.100.2,198.51.100.3");
    assertThat(cli.err()).contains("backend filedns");
  }

  @Test
  void itsOwnParserReportsItsBadSectionAsAnyOtherBackendsWould() throws IOException {
    Path config = dir.resolve("kuberoute.ini");
    Files.writeString(
        config,
        """
        [kuberoute]
        kubeconfig_kind = manifests
        dns_backend = filedns
        namespaces = default

        [manifests]
        path = cluster.yaml
        """);
    CommandRunner cli = new CommandRunner(new TestAdapters(), dir);

    assertThat(cli.run("--config", config.toString(), "--once")).isEqualTo(2);
    assertThat(cli.err())
        .isEqualTo("dns_backend = filedns needs a [filedns] section (e.g. 'file = changes.txt')\n");
  }
}
