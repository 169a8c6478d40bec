package io.kuberoute.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Collects the sections of docs/benchmarks.md. */
final class Report {

  private final List<String> sections = new ArrayList<>();
  private final List<String> targets = new ArrayList<>();
  private final List<Double> load = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Samples the machine's 1-minute load average every 5 s while the benchmarks run. */
  Report() {
    Thread sampler =
        new Thread(
            () -> {
              while (true) {
                try {
                  String line = Files.readString(Path.of("/proc/loadavg"));
                  load.add(Double.parseDouble(line.substring(0, line.indexOf(' '))));
                  Thread.sleep(5000);
                } catch (IOException | RuntimeException e) {
                  return; // not Linux
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "load-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** The load row: median and spread of the samples. */
  private String loadRow() {
    if (load.isEmpty()) {
      return "";
    }
    Stats s = Stats.of(List.copyOf(load));
    return "| machine load during the run (1-minute load average, every 5 s) | median %.1f, %.1f–%.1f, %d samples, on %d cores: other engineers' builds and tests ran beside the benchmarks |%n"
        .formatted(s.median(), s.min(), s.max(), s.n(), Runtime.getRuntime().availableProcessors());
  }

  void section(String markdown) {
    sections.add(markdown);
  }

  /** A target with its measured figure; a miss is listed as such, never hidden. */
  void target(String what, String measured, boolean met) {
    targets.add("| " + what + " | " + measured + " | " + (met ? "met" : "**missed**") + " |");
  }

  static String machine() {
    String cpu = "unknown";
    try {
      cpu =
          Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
              .filter(l -> l.startsWith("model name"))
              .map(l -> l.substring(l.indexOf(':') + 1).strip())
              .findFirst()
              .orElse(cpu);
    } catch (IOException | RuntimeException e) {
      // not Linux: leave it unknown
    }
    Runtime rt = Runtime.getRuntime();
    return """
        | | |
        |---|---|
        | date | %s |
        | CPU | %s, %d cores visible to the JVM |
        | OS | %s %s (%s) |
        | JDK | %s %s (%s) |
        | heap of the benchmark driver | max %d MiB |
        """
            .formatted(
                ZonedDateTime.now(ZoneOffset.UTC)
                    .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                cpu,
                rt.availableProcessors(),
                System.getProperty("os.name"),
                System.getProperty("os.version"),
                System.getProperty("os.arch"),
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"),
                System.getProperty("java.vendor"),
                rt.maxMemory() >> 20)
        + "\nJVM arguments of the driver: `"
        + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments())
        + "`\n";
  }

  /** Everything after this line of the existing file is kept when the report is written again. */
  static final String KEPT_MARKER =
      "<!-- kept by run-benchmarks: written by hand from the backends' tests -->";

  void write(Path file, String command) throws IOException {
    StringBuilder out = new StringBuilder();
    out.append("# kuberoute benchmarks\n\n");
    out.append("Written by `").append(command).append("`; do not edit by hand. ");
    out.append(
        "Figures are medians with their spread (min–max) over repeated runs in one session, and "
            + "ratios against a baseline measured side by side in the same run: the machines are shared "
            + "and noisy, so compare the ratios, not the absolute times.\n\n");
    out.append("## Machine\n\n")
        .append(
            machine()
                .replace(
                    "| heap of the benchmark driver", loadRow() + "| heap of the benchmark driver"))
        .append('\n');
    out.append("## Targets\n\n| target | measured | |\n|---|---|---|\n");
    targets.forEach(t -> out.append(t).append('\n'));
    out.append('\n');
    sections.forEach(s -> out.append(s).append("\n"));
    // the backends' own call counts (measured by their tests, not by this run) are kept as they are
    if (Files.exists(file)) {
      String old = Files.readString(file);
      int kept = old.indexOf(KEPT_MARKER);
      if (kept >= 0) {
        out.append(old.substring(kept));
      }
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, out.toString());
  }
}
