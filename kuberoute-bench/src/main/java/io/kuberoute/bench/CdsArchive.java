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

  /** The JVM option that maps the archive (dumped on the first call). */
  static String jvmOption() throws Exception {
    return "-XX:SharedArchiveFile=" + dumped();
  }

  /** Dumps the archive and checks that the JVM can use it; returns its path. */
  private static Path dump() throws Exception {
    Files.deleteIfExists(ARCHIVE);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    run(
        "dumping the CDS archive failed",
        5,
        List.of(
            java,
            "-Xshare:dump",
            "-XX:SharedClassListFile=" + CLASS_LIST,
            "-XX:SharedArchiveFile=" + ARCHIVE,
            "-cp",
            ProgramProcess.JAR.toString()));
    if (!Files.isRegularFile(ARCHIVE)) {
      throw new IllegalStateException("dumping the CDS archive wrote no " + ARCHIVE);
    }
    // a JVM ignores an archive it cannot use without a word (-Xshare:auto): check that it can
    run(
        "the CDS archive cannot be used",
        1,
        List.of(
            java,
            "-Xshare:on",
            "-XX:SharedArchiveFile=" + ARCHIVE,
            "-jar",
            ProgramProcess.JAR.toString(),
            "--version"));
    return ARCHIVE;
  }

  /**
   * Runs {@code command}; throws with {@code failure} and its output unless it exits 0 within
   * {@code minutes}.
   */
  private static void run(String failure, int minutes, List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(minutes, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException(failure + ": " + out);
    }
  }
}
