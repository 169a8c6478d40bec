package io.kuberoute.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.core.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A manifests file that cannot be used is one line naming {@code manifests.path} and the problem.
 */
class ManifestsErrorsTest {

  @TempDir Path dir;

  private String errorFor(String content) throws Exception {
    Path file = Files.writeString(dir.resolve("m.yaml"), content);
    return errorFor(file);
  }

  private static String errorFor(Path file) {
    try {
      ManifestsClusterSource.load(file, Namespaces.any());
    } catch (ConfigurationException e) {
      assertThat(e.getMessage()).as("one line").doesNotContain("\n").doesNotContain("\r");
      return e.getMessage();
    }
    throw new AssertionError("no error for " + file);
  }

  private String prefix() {
    return "invalid value for manifests.path: '"
        + dir.resolve("m.yaml")
        + "' is not a YAML file of Kubernetes objects: ";
  }

  @Test
  void aYamlSyntaxErrorIsOneLineWithItsPositions() throws Exception {
    assertThat(errorFor("just: [unclosed\n"))
        .isEqualTo(
            prefix()
                + "while parsing a flow sequence at line 1, column 7: expected ',' or ']', but got <stream end> at line 2, column 1");
  }

  @Test
  void aValueOfTheWrongShapeIsOneLine() throws Exception {
    assertThat(errorFor("kind: Node\napiVersion: v1\nmetadata: [1]\n"))
        .startsWith(
            prefix()
                + "Cannot deserialize value of type `io.fabric8.kubernetes.api.model.ObjectMeta` from Array value")
        .endsWith(" (through reference chain: io.fabric8.kubernetes.api.model.Node[\"metadata\"])");
    assertThat(errorFor("- 1\n- 2\n"))
        .isEqualTo(prefix() + "Cannot parse a nested array containing non-object resource");
  }

  @Test
  void binaryContentIsNotUtf8() throws Exception {
    Path file =
        Files.write(dir.resolve("m.yaml"), new byte[] {0, 1, (byte) 0xff, (byte) 0xfe, 'x'});
    assertThat(errorFor(file)).isEqualTo(prefix() + "it is not UTF-8 text");
  }

  @Test
  void aDocumentThatIsNoKubernetesObjectIsAnErrorNotAnEmptyCluster() throws Exception {
    assertThat(errorFor("hello world\n"))
        .isEqualTo(prefix() + "it is not a Kubernetes object (no kind and apiVersion)");
    assertThat(errorFor("[kuberoute]\nport = 8081\n"))
        .as("read as JSON, for its '['")
        .isEqualTo(
            prefix()
                + "Unrecognized token 'kuberoute': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false') at byte 1");
    assertThat(errorFor("kind: Node\napiVersion: v1\nmetadata: {name: n}\n---\nport: 8081\n"))
        .isEqualTo(
            prefix() + "one of its documents is not a Kubernetes object (no kind and apiVersion)");
  }

  @Test
  void aDirectoryIsNamedAsSuch() {
    assertThat(errorFor(dir))
        .isEqualTo(
            "invalid value for manifests.path: '"
                + dir
                + "' (allowed: an existing YAML file of Kubernetes objects; this is a directory)");
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aFifoIsRefusedWithoutBeingOpened() throws Exception {
    Path fifo = dir.resolve("fifo.yaml");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(mkfifo.exitValue()).isZero();

    assertThat(errorFor(fifo))
        .isEqualTo(
            "invalid value for manifests.path: '"
                + fifo
                + "' (allowed: an existing YAML file of Kubernetes objects; this is not a regular file but a FIFO, socket or device)");
  }

  @Test
  void neitherAHugeLineNorALineOfTheFileAppearsInTheError() throws Exception {
    String message = errorFor("password: [s3cret" + "x".repeat(100_000) + "\n");
    assertThat(message).hasSizeLessThan(prefix().length() + 310).doesNotContain("s3cret");
  }
}
