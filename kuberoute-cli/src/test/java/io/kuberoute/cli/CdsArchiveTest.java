package io.kuberoute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's class-data-sharing archive (Dockerfile, docs/deploying.md): the committed class list
 * names only classes that exist, the JVM dumps an archive from it, and kuberoute runs with that
 * archive mapped, its classes taken from it.
 */
class CdsArchiveTest {

  private static final Path CLASS_LIST = DocsTest.ROOT.resolve("deploy/cds/kuberoute.classlist");
  private static final String JAVA =
      Path.of(System.getProperty("java.home"), "bin", "java").toString();

  @TempDir Path dir;

  private static List<String> kuberouteClasses() throws IOException {
    try (Stream<String> lines = Files.lines(CLASS_LIST)) {
      return lines.filter(l -> l.startsWith("io/kuberoute/")).map(l -> l.split(" ")[0]).toList();
    }
  }

  @Test
  void theClassListNamesOnlyClassesThatExist() throws Exception {
    List<String> classes = kuberouteClasses();
    assertThat(classes).as("kuberoute's own classes in the list").hasSizeGreaterThan(150);
    List<String> missing = new ArrayList<>();
    for (String name : classes) {
      try {
        Class.forName(name.replace('/', '.'), false, getClass().getClassLoader());
      } catch (ClassNotFoundException e) {
        missing.add(name);
      }
    }
    assertThat(missing)
        .as("classes the list names but the code lacks: record the list again (docs/deploying.md)")
        .isEmpty();
  }

  @Test
  void anArchiveDumpedFromTheListIsUsedByARun() throws Exception {
    // CDS takes classes from jars only: this module's classes go into one, as the shaded jar has
    // them
    List<String> path = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(entry);
      if (Files.isDirectory(p)) {
        if (!p.endsWith("test-classes")) {
          path.add(jar(p, dir.resolve("classes-" + path.size() + ".jar")).toString());
        }
      } else if (Files.isRegularFile(p)) {
        path.add(entry);
      }
    }
    String classPath = String.join(File.pathSeparator, path);
    Path archive = dir.resolve("kuberoute.jsa");

    Run dump =
        run(
            List.of(
                JAVA,
                "-Xshare:dump",
                "-XX:SharedClassListFile=" + CLASS_LIST,
                "-XX:SharedArchiveFile=" + archive,
                "-cp",
                classPath));
    assertThat(dump.exit()).as(dump.output()).isZero();
    assertThat(archive).isRegularFile();
    assertThat(dump.output().lines().filter(l -> l.contains("Cannot find io/kuberoute/")))
        .as("kuberoute classes the dump could not find")
        .isEmpty();

    Path loaded = dir.resolve("loaded.log");
    Run demo =
        run(
            List.of(
                JAVA,
                "-Xshare:on", // fails at once if the archive cannot be used
                "-XX:SharedArchiveFile=" + archive,
                "-Xlog:class+load=info:file=" + loaded,
                "-cp",
                classPath,
                Main.class.getName(),
                "--config",
                DocsTest.ROOT.resolve("examples/demo.ini").toString(),
                "--once"));
    assertThat(demo.exit()).as(demo.output()).isZero();
    assertThat(demo.output()).contains("CREATE ");
    List<String> ours =
        Files.readAllLines(loaded).stream().filter(l -> l.contains(" io.kuberoute.")).toList();
    long shared = ours.stream().filter(l -> l.contains("source: shared objects file")).count();
    assertThat(ours)
        .filteredOn(l -> l.contains(" io.kuberoute.cli.Main "))
        .singleElement()
        .asString()
        .contains("source: shared objects file");
    // the demo reads its cluster from a file, which the list's run did not: most, not all
    assertThat(shared)
        .as("kuberoute classes taken from the archive, of %d", ours.size())
        .isGreaterThan(ours.size() / 2);
  }

  private record Run(int exit, String output) {}

  private Run run(List<String> command) throws Exception {
    Path out = Files.createTempFile(dir, "run", ".out");
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    pb.environment().remove("JDK_JAVA_OPTIONS");
    Process p = pb.start();
    p.getOutputStream().close();
    assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("%s finished", command.get(1)).isTrue();
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
  }

  private static Path jar(Path classes, Path jar) throws IOException {
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file);
        Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(
            new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
        Files.copy(f, out);
        out.closeEntry();
      }
    }
    return jar;
  }
}
