package io.kuberoute.bench;

import io.kuberoute.core.model.ClusterSnapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark 3: the real program's live heap after its first full sync (two full GCs through {@code
 * jcmd GC.run}, then the heap pools' use as the JVM's MXBeans report it on {@code /metrics}), at
 * the small size and at the large size under {@code -Xmx256m}, and the time from process start to
 * the first complete sync. The cluster is served by {@link ScaleApiServer}. Baseline: the same
 * objects listed and kept as whole fabric8 models in a JVM of their own.
 */
final class MemoryRun {
  private MemoryRun() {}

  static final long MIB = 1024 * 1024;

  /**
   * @param configured seconds from process start to the configuration being read (JVM start and
   *     initialisation)
   * @param listed seconds from process start to the cluster view being synced (lists done)
   * @param peakRss the process's peak resident set (VmHWM) after its first sync
   */
  private record Figures(
      ClusterGenerator.Size size,
      List<String> options,
      int records,
      double startSeconds,
      double configured,
      double listed,
      long heap,
      long peakRss,
      long baseline) {}

  /**
   * The kit's container memory limit of 512 MiB, and the image's heap share of it, emulated outside
   * a container.
   */
  static final List<String> DEPLOY_FLAGS = List.of("-XX:MaxRAM=512m", "-XX:MaxRAMPercentage=75");

  /**
   * The image's collector and compiler options (its JDK_JAVA_OPTIONS, docs/deploying.md): the
   * serial collector (one GC thread, no remembered sets: a small heap needs no more) and C1 only (a
   * controller whose event path is light starts faster and keeps a smaller code cache). The image
   * adds its class-data-sharing archive ({@link CdsArchive}).
   */
  static final List<String> STARTUP_FLAGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  static List<String> with(List<String> a, List<String> b) {
    List<String> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  static void run(Report report) throws Exception {
    List<String> cds = List.of(CdsArchive.jvmOption());
    List<String> image = with(DEPLOY_FLAGS, LatencyRun.imageOptions());
    List<String> large256 = List.of("-Xmx256m");
    List<Figures> smalls =
        measure(
            ClusterGenerator.Size.SMALL,
            "1g",
            List.of(DEPLOY_FLAGS, with(DEPLOY_FLAGS, STARTUP_FLAGS), image));
    List<Figures> larges =
        measure(
            ClusterGenerator.Size.LARGE,
            "4g",
            List.of(
                large256, with(large256, STARTUP_FLAGS), with(with(large256, STARTUP_FLAGS), cds)));
    Figures smallDeploy = smalls.get(0);
    Figures small = smalls.get(2);
    Figures largeDefault = larges.get(0);
    Figures large = larges.get(2);
    List<Figures> all = new java.util.ArrayList<>(smalls);
    all.addAll(larges);

    report.target(
        "live heap after a full sync ≤ 32 MiB at the small size",
        "%.1f MiB".formatted(smallDeploy.heap() / (double) MIB),
        smallDeploy.heap() <= 32 * MIB);
    report.target(
        "live heap after a full sync ≤ 128 MiB at the large size (under -Xmx256m)",
        "%.1f MiB".formatted(largeDefault.heap() / (double) MIB),
        largeDefault.heap() <= 128 * MIB);
    report.target(
        "large size under `-Xmx256m`, every list in one response, with the image's JVM options (`%s`): first sync succeeds, peak RSS (VmHWM) < 400 MiB"
            .formatted(String.join(" ", large.options())),
        "succeeded; %.0f MiB (%.0f MiB with only `-Xmx256m`)"
            .formatted(large.peakRss() / (double) MIB, largeDefault.peakRss() / (double) MIB),
        large.peakRss() < 400 * MIB);
    report.target(
        "small size, peak RSS < 200 MiB with the image's JVM options (`%s`)"
            .formatted(String.join(" ", small.options())),
        "%.0f MiB (%.0f MiB with only `%s`)"
            .formatted(
                small.peakRss() / (double) MIB,
                smallDeploy.peakRss() / (double) MIB,
                String.join(" ", DEPLOY_FLAGS)),
        small.peakRss() < 200 * MIB);
    double smallStart = smalls.stream().mapToDouble(Figures::startSeconds).min().orElseThrow();
    double largeStart = larges.stream().mapToDouble(Figures::startSeconds).min().orElseThrow();
    report.target(
        "process start to first complete sync ≤ 3 s at the small size (best of the options below)",
        "%.2f s".formatted(smallStart),
        smallStart <= 3);
    report.target(
        "process start to first complete sync ≤ 10 s at the large size (best of the options below)",
        "%.2f s".formatted(largeStart),
        largeStart <= 10);
    StringBuilder rows = new StringBuilder();
    for (Figures f : all) {
      rows.append(
          "| %s, `%s` | %.2f s | %.2f s | **%.2f s** (%,d records) | %.1f MiB | %.0f MiB |%n"
              .formatted(
                  f.size().name(),
                  String.join(" ", f.options()),
                  f.configured(),
                  f.listed(),
                  f.startSeconds(),
                  f.records(),
                  f.heap() / (double) MIB,
                  f.peakRss() / (double) MIB));
    }
    report.section(
        """
        ## 3. Memory and start-up

        The real program (`kuberoute-cli.jar`, fakedns, `namespaces = *`) lists and watches the
        cluster from `ScaleApiServer`, a benchmark-only read-only API that here answers every list
        whole, in one response, whatever `limit` asks (as fabric8's CRUD mock does, and as an API
        server may answer a `resourceVersion=0` list from its watch cache): the hard case for
        memory, since one response holds every pod (about 35 MB of JSON at the small size, 350 MB
        at the large one). After the first complete sync the driver scrapes the program's
        `/metrics` once (as Prometheus would have by then: the first scrape registers the
        per-Service failover rows), runs two full GCs (`jcmd <pid> GC.run`) and reads the heap
        pools' use from `/metrics` again (live heap), and the
        process's peak resident set (`VmHWM` in `/proc/<pid>/status`). Baseline: a JVM that lists
        the same Services, Pods and Nodes with fabric8 and keeps them as whole models, as a
        default informer cache would (live heap after GC). Pods look like a Deployment's (probes,
        env, resources, volumes, owner reference, full status; about 3.5 KB of JSON each).

        | size | kuberoute: live heap | baseline: whole fabric8 models | kuberoute's share |
        |---|---|---|---|
        | small %s | %.1f MiB | %.1f MiB | %.0f%% |
        | large %s, `-Xmx256m` | %.1f MiB | %.1f MiB | %.0f%% |

        Process start to the first complete sync (JVM start, list and watch, the sync, every
        record printed), with the program's own log time stamps for the phases. `-XX:MaxRAM=512m
        -XX:MaxRAMPercentage=75` emulates the kit's 512 MiB memory limit and the image's heap share
        of it; `-XX:+UseSerialGC -XX:TieredStopAtLevel=1` are the image's collector and compiler;
        `-XX:SharedArchiveFile=...` is the image's class-data-sharing archive, dumped by the driver
        from `deploy/cds/kuberoute.classlist` with the Dockerfile's command (docs/deploying.md).
        The lists are read through the client's byte consumer, 4 MiB ahead of the parser.

        | size, JVM options | start → configuration read | → cluster listed | → first sync done | live heap | peak RSS |
        |---|---|---|---|---|---|
        %s
        %s
        """
            .formatted(
                smallDeploy.size(),
                smallDeploy.heap() / (double) MIB,
                smallDeploy.baseline() / (double) MIB,
                100.0 * smallDeploy.heap() / smallDeploy.baseline(),
                largeDefault.size(),
                largeDefault.heap() / (double) MIB,
                largeDefault.baseline() / (double) MIB,
                100.0 * largeDefault.heap() / largeDefault.baseline(),
                rows,
                misses(smalls, larges)));
  }

  /** The reasons of the targets missed, if any. */
  private static String misses(List<Figures> smalls, List<Figures> larges) {
    StringBuilder out = new StringBuilder();
    Figures largeDefault = larges.get(0);
    Figures large = larges.get(larges.size() - 1);
    for (List<Figures> runs : List.of(smalls, larges)) {
      Figures best =
          runs.stream().min(java.util.Comparator.comparingDouble(Figures::startSeconds)).get();
      double target = runs == smalls ? 3 : 10;
      if (best.startSeconds() > target) {
        out.append(
            ("The start-up target at the %s size (%.0f s) is missed: %.2f s at best (`%s`), of which"
                    + " %.2f s until the configuration was read (the JVM starting, the program's classes"
                    + " loaded), %.2f s listing the cluster (one answer of about %s of pod JSON, read"
                    + " through the client and decoded slim by one thread while the informers index"
                    + " it) and %.2f s for the first sync and printing its %,d records.%n%n")
                .formatted(
                    best.size().name(),
                    target,
                    best.startSeconds(),
                    String.join(" ", best.options()),
                    best.configured(),
                    best.listed() - best.configured(),
                    runs == smalls ? "35 MB" : "350 MB",
                    best.startSeconds() - best.listed(),
                    best.records()));
      }
    }
    if (large.peakRss() >= 400 * MIB) {
      out.append(
          ("The peak RSS target at the large size under `-Xmx256m` is missed with the image's JVM"
                  + " options: %.0f MiB (beside the heap: metaspace, code cache, thread stacks and Netty's"
                  + " buffers).%n")
              .formatted(large.peakRss() / (double) MIB));
    }
    if (largeDefault.peakRss() >= 400 * MIB) {
      out.append(
          ("With the JVM's default collector instead (only `-Xmx256m`), the large size's peak RSS is"
                  + " %.0f MiB: G1 commits the whole 256 MiB heap and adds its remembered sets and threads.%n")
              .formatted(largeDefault.peakRss() / (double) MIB));
    }
    return out.toString();
  }

  /**
   * Runs the program once per option list against one server holding the cluster of {@code size};
   * the first run also measures the baseline.
   */
  private static List<Figures> measure(
      ClusterGenerator.Size size, String baselineHeap, List<List<String>> optionLists)
      throws Exception {
    ClusterSnapshot cluster = BenchCluster.withTarget(ClusterGenerator.generate(size, 42));
    int records = BenchCluster.firstSyncLines(cluster);
    List<Figures> figures = new ArrayList<>();
    try (ScaleApiServer api = new ScaleApiServer(cluster, true)) {
      for (List<String> jvmOptions : optionLists) {
        try (ProgramProcess program =
            ProgramProcess.start(BenchCluster.config(api.url(), "fakedns", true, 60), jvmOptions)) {
          ProgramProcess.Line last = program.awaitLines(records, Duration.ofMinutes(10));
          double start = (last.nanos() - program.startedNanos) / 1e9;
          double configured = program.secondsUntilLog("Wiring - config");
          double listed = program.secondsUntilLog("Kubernetes view synced");
          long heap = program.liveHeapBytes();
          long rss = program.peakRssBytes();
          long baseline = figures.isEmpty() ? baseline(api.url(), baselineHeap) : 0;
          figures.add(
              new Figures(
                  size, jvmOptions, records, start, configured, listed, heap, rss, baseline));
        }
      }
    }
    return figures;
  }

  /** Runs {@link Fabric8ModelsHolder} in its own JVM; returns its live heap. */
  private static long baseline(String url, String maxHeap) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + maxHeap);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Fabric8ModelsHolder.class.getName());
    command.add(url);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException("baseline failed: " + out);
    }
    String line =
        out.lines()
            .filter(l -> l.startsWith("heap="))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException(out));
    return Long.parseLong(line.substring(5, line.indexOf(' ')));
  }
}
