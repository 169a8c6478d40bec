package io.kuberoute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import picocli.CommandLine.Option;

/**
 * What can be checked of the image without building it (there is no container engine here): the jar
 * the Dockerfile copies is the one the CLI's POM builds, the image runs it as user 65532 with the
 * configuration path the program and the docs use, and the JVM accepts the image's options and runs
 * kuberoute with them.
 */
class DockerfileTest {

  private static final Path ROOT = DocsTest.ROOT;

  /** One instruction of a Dockerfile stage. */
  private record Instruction(String keyword, String argument) {}

  /**
   * The stages, in order, each as its instructions (the FROM line first); continuation lines
   * joined.
   */
  private static List<List<Instruction>> stages() throws IOException {
    String text = Files.readString(ROOT.resolve("Dockerfile")).replaceAll("\\\\\\n", " ");
    List<List<Instruction>> stages = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^([A-Z]+)\\s+(.*)$").matcher(text);
    while (m.find()) {
      if (m.group(1).equals("FROM")) {
        stages.add(new ArrayList<>());
      }
      if (stages.isEmpty()) {
        throw new AssertionError("an instruction before the first FROM: " + m.group());
      }
      stages
          .get(stages.size() - 1)
          .add(new Instruction(m.group(1), m.group(2).strip().replaceAll("\\s+", " ")));
    }
    return stages;
  }

  private static List<Instruction> runtime() throws IOException {
    List<List<Instruction>> stages = stages();
    return stages.get(stages.size() - 1);
  }

  private static List<String> all(List<Instruction> stage, String keyword) {
    return stage.stream()
        .filter(i -> i.keyword().equals(keyword))
        .map(Instruction::argument)
        .toList();
  }

  private static String last(List<Instruction> stage, String keyword) {
    List<String> found = all(stage, keyword);
    assertThat(found).as("%s in the runtime stage", keyword).isNotEmpty();
    return found.get(found.size() - 1);
  }

  private static List<String> execForm(String argument) {
    assertThat(argument).as("exec form (a JSON array)").startsWith("[").endsWith("]");
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(argument);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** The value of {@code ENV JDK_JAVA_OPTIONS="..."} in the runtime stage. */
  static String jvmOptions() throws IOException {
    for (String env : all(runtime(), "ENV")) {
      Matcher m = Pattern.compile("^JDK_JAVA_OPTIONS=\"([^\"]*)\"$").matcher(env);
      if (m.matches()) {
        return m.group(1);
      }
    }
    throw new AssertionError("no ENV JDK_JAVA_OPTIONS=\"...\" in the runtime stage");
  }

  @Test
  void theBuildStagePackagesTheJarTheCliPomNamesAndTheRuntimeCopiesIt() throws Exception {
    List<List<Instruction>> stages = stages();
    assertThat(stages).hasSize(2);
    List<Instruction> build = stages.get(0);
    String run = String.join(" ", all(build, "RUN"));
    // the shade plugin's output, as kuberoute-cli/pom.xml configures it
    Document pom =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(ROOT.resolve("kuberoute-cli/pom.xml").toFile());
    Element shade = plugin(pom, "maven-shade-plugin");
    Element execution = (Element) shade.getElementsByTagName("execution").item(0);
    assertThat(text(execution, "phase")).isEqualTo("package");
    assertThat(text(execution, "goal")).isEqualTo("shade");
    assertThat(execution.getElementsByTagName("shadedArtifactAttached").getLength())
        .as("no classifier on the shaded jar")
        .isZero();
    assertThat(execution.getElementsByTagName("outputFile").getLength()).isZero();
    assertThat(execution.getElementsByTagName("outputDirectory").getLength()).isZero();
    String jar = "kuberoute-cli/target/" + text(execution, "finalName") + ".jar";

    assertThat(last(build, "FROM")).startsWith("eclipse-temurin:17-jdk");
    assertThat(run)
        .contains("./mvnw ")
        .contains(" package")
        .contains("-DskipTests")
        .contains("-pl kuberoute-cli -am");
    assertThat(run).contains("cp " + jar + " /kuberoute-cli.jar");
    assertThat(all(runtime(), "COPY"))
        .contains("--from=build /kuberoute-cli.jar /app/kuberoute-cli.jar");
    // ./run-demo and the docs name the same jar
    assertThat(Files.readString(ROOT.resolve("run-demo"))).contains("jar=" + jar);
    assertThat(Files.readString(ROOT.resolve("CONTRIBUTING.md"))).contains(jar);
    // the build context leaves out what must not reach the image
    assertThat(Files.readAllLines(ROOT.resolve(".dockerignore"))).contains(".git", "**/target");
  }

  @Test
  void theImageRunsTheJarAsUser65532OnAJava17RuntimeWithTheDefaultConfigPath() throws Exception {
    List<Instruction> runtime = runtime();
    String configDefault =
        KuberouteCommand.class
            .getDeclaredField("config")
            .getAnnotation(Option.class)
            .defaultValue();
    int release =
        Integer.parseInt(
            text(
                DocumentBuilderFactory.newInstance()
                    .newDocumentBuilder()
                    .parse(ROOT.resolve("pom.xml").toFile())
                    .getDocumentElement(),
                "maven.compiler.release"));

    assertThat(last(runtime, "FROM")).isEqualTo("eclipse-temurin:" + release + "-jre");
    assertThat(last(runtime, "USER")).isEqualTo("65532:65532");
    assertThat(String.join(" ", all(runtime, "RUN")))
        .contains("--uid 65532")
        .contains("--gid 65532");
    assertThat(execForm(last(runtime, "ENTRYPOINT")))
        .containsExactly("java", "-jar", "/app/kuberoute-cli.jar");
    assertThat(execForm(last(runtime, "CMD"))).containsExactly("--config", configDefault);
    assertThat(configDefault).isEqualTo("/etc/kuberoute/config");
    assertThat(last(runtime, "EXPOSE")).isEqualTo("8081");
    assertThat(all(runtime, "VOLUME"))
        .as("no volume: the root file system may be read-only")
        .isEmpty();
  }

  @Test
  void theDocsSayWhatTheImageDoes() throws Exception {
    String deploying = Files.readString(ROOT.resolve("docs/deploying.md"));
    String commandLine = Files.readString(ROOT.resolve("docs/command-line.md"));
    String readme = Files.readString(ROOT.resolve("README.md"));
    String options = jvmOptions();

    assertThat(deploying)
        .contains("`java -jar /app/kuberoute-cli.jar`, with `--config /etc/kuberoute/config`")
        .contains("`65532:65532`")
        .contains("`/app/kuberoute-cli.jar`")
        .contains("\n" + options + "\n")
        .contains("`JDK_JAVA_OPTIONS`");
    for (String option : options.split(" ")) {
      assertThat(deploying)
          .as("the options table explains %s", option)
          .contains("| `" + option + "` |");
    }
    assertThat(commandLine)
        .contains("java -jar /app/kuberoute-cli.jar")
        .contains("`--config /etc/kuberoute/config`");
    assertThat(readme).contains("/etc/kuberoute/config").contains("user 65532");
  }

  @Test
  void theRuntimeStageDumpsTheClassDataSharingArchiveTheJvmOptionsName() throws Exception {
    List<Instruction> runtime = runtime();
    assertThat(all(runtime, "COPY"))
        .contains("--from=build /src/deploy/cds/kuberoute.classlist /app/kuberoute.classlist");
    assertThat(Files.exists(ROOT.resolve("deploy/cds/kuberoute.classlist"))).isTrue();
    String dump =
        "java -Xshare:dump -XX:SharedClassListFile=/app/kuberoute.classlist"
            + " -XX:SharedArchiveFile=/app/kuberoute.jsa -cp /app/kuberoute-cli.jar";
    assertThat(all(runtime, "RUN"))
        .anySatisfy(r -> assertThat(r).isEqualTo(dump + " && rm /app/kuberoute.classlist"));
    // the archive is dumped on the jar path the entrypoint runs, and the options map it
    assertThat(jvmOptions()).contains("-XX:SharedArchiveFile=/app/kuberoute.jsa");
    assertThat(Files.readString(ROOT.resolve("docs/deploying.md"))).contains(dump);
  }

  @Test
  void kuberouteRunsWithTheImagesJvmOptionsPickedUpByTheLauncher() throws Exception {
    String options = jvmOptions();
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "--version");
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("JDK_JAVA_OPTIONS", options);
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    Path err = Files.createTempFile("jvm-options", ".err");
    try {
      Process p = pb.redirectError(err.toFile()).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String stderr = Files.readString(err);

      assertThat(p.exitValue()).as("exit code; stderr: %s", stderr).isZero();
      assertThat(out).isNotBlank();
      assertThat(stderr)
          .contains("NOTE: Picked up JDK_JAVA_OPTIONS: " + options)
          .doesNotContain("Unrecognized");
    } finally {
      Files.deleteIfExists(err);
    }
  }

  private static Element plugin(Document pom, String artifactId) {
    NodeList plugins = pom.getElementsByTagName("plugin");
    for (int i = 0; i < plugins.getLength(); i++) {
      Element plugin = (Element) plugins.item(i);
      if (artifactId.equals(text(plugin, "artifactId"))) {
        return plugin;
      }
    }
    throw new AssertionError("no " + artifactId + " in kuberoute-cli/pom.xml");
  }

  private static String text(Element parent, String tag) {
    NodeList found = parent.getElementsByTagName(tag);
    if (found.getLength() == 0) {
      throw new AssertionError("no <" + tag + "> in <" + parent.getTagName() + ">");
    }
    return found.item(0).getTextContent().strip();
  }
}
