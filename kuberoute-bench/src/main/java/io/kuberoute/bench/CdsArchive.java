package io.kuberoute.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The image's class-data-sharing archive, dumped for the benchmark as the Dockerfile dumps it:
 * {@code java -Xshare:dump} with the committed class list, on the very jar path the program runs
 * from ({@link ProgramProcess#JAR}: the JVM uses an archive only with the class path it was dumped
 * with).
 */
final class CdsArchive {
  private CdsArchive() {}

  static final Path CLASS_LIST = Path.of("deploy", "cds", "kuberoute.classlist");
  static final Path ARCHIVE = Path.of("kuberoute-bench", "target", "kuberoute.jsa");

  private static Path dumped;

  /** The archive, dumped on the first call of this run of the driver. */
  static synchronized Path dumped() throws Exception {
    if (dumped == null) {
      dumped = dump();
    }
    return dumped;
  }

  /** Dumps the archive; returns its path. */
  static Path dump() throws Exception {
    Files.deleteIfExists(ARCHIVE);
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xshare:dump",
            "-XX:SharedClassListFile=" + CLASS_LIST,
            "-XX:SharedArchiveFile=" + ARCHIVE,
            "-cp",
            ProgramProcess.JAR.toString());
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0 || !Files.isRegularFile(ARCHIVE)) {
      throw new IllegalStateException("dumping the CDS archive failed: " + out);
    }
    // a JVM ignores an archive it cannot use without a word (-Xshare:auto): check that it can
    Process check =
        new ProcessBuilder(
                command.get(0),
                "-Xshare:on",
                "-XX:SharedArchiveFile=" + ARCHIVE,
                "-jar",
                ProgramProcess.JAR.toString(),
                "--version")
            .redirectErrorStream(true)
            .start();
    String checked = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!check.waitFor(1, TimeUnit.MINUTES) || check.exitValue() != 0) {
      throw new IllegalStateException("the CDS archive cannot be used: " + checked);
    }
    return ARCHIVE;
  }
}
