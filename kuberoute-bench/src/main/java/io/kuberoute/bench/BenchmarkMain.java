package io.kuberoute.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Runs the benchmarks and writes {@code docs/benchmarks.md}. Arguments: {@code --quick} (fewer
 * iterations, for a smoke run), {@code --out FILE}, {@code --only 1,2,3,4}; or {@code --classlist
 * FILE}: only record the class list of the image's class-data-sharing archive ({@link
 * ClassListRun}).
 */
public final class BenchmarkMain {
  private BenchmarkMain() {}

  public static void main(String[] args) throws Exception {
    // java.util.logging (the mock API server, gRPC) through slf4j: warnings only, on stderr
    org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
    org.slf4j.bridge.SLF4JBridgeHandler.install();
    java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
    List<String> a = Arrays.asList(args);
    if (a.contains("--classlist")) {
      ClassListRun.run(Path.of(value(a, "--classlist", "deploy/cds/kuberoute.classlist")));
      return;
    }
    boolean quick = a.contains("--quick");
    Path out = Path.of(value(a, "--out", "docs/benchmarks.md"));
    String only = value(a, "--only", "1,2,3,4");
    Report report = new Report();
    long start = System.nanoTime();
    if (only.contains("1")) {
      ResolvePlanRun.run(report, quick);
    }
    if (only.contains("2")) {
      LatencyRun.run(report, quick);
    }
    if (only.contains("3")) {
      MemoryRun.run(report);
    }
    if (only.contains("4")) {
      EconomyRun.run(report);
    }
    report.section("Total run time: %.1f minutes.%n".formatted((System.nanoTime() - start) / 60e9));
    report.write(out, "./run-benchmarks" + (args.length == 0 ? "" : " " + String.join(" ", args)));
    System.out.println("wrote " + out.toAbsolutePath());
  }

  private static String value(List<String> args, String name, String fallback) {
    int i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : fallback;
  }
}
