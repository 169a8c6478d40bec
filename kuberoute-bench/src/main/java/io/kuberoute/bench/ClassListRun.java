package io.kuberoute.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kuberoute.core.model.ClusterSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Records the classes the program loads in a normal run, for the image's class-data-sharing archive
 * ({@code deploy/cds/kuberoute.classlist}, dumped by the Dockerfile with {@code -Xshare:dump}): the
 * real program ({@code kuberoute-cli.jar}, fakedns, event sync, the image's JVM options) against
 * fabric8's mock API server holding a small cluster; its lists, watches and first sync, a few pod
 * changes through the event path, its {@code /readyz}, {@code /status} and {@code /metrics}, and a
 * SIGTERM. Written with the JVM's {@code -XX:DumpLoadedClassList}.
 */
final class ClassListRun {
  private ClassListRun() {}

  static final ClusterGenerator.Size TRAINING = new ClusterGenerator.Size("training", 50, 500, 25);

  static void run(Path out) throws Exception {
    ClusterSnapshot cluster = BenchCluster.withTarget(ClusterGenerator.generate(TRAINING, 42));
    int expected = BenchCluster.firstSyncLines(cluster);
    Path raw = Files.createTempFile("kuberoute", ".classlist");
    try (MockApi api = MockApi.start()) {
      api.preload(cluster);
      KubernetesClient k8s = api.client();
      LatencyRun.setReady(k8s);
      try (ProgramProcess program =
          ProgramProcess.start(
              BenchCluster.config(api.url(), "fakedns", true, 60),
              MemoryRun.with(
                  MemoryRun.with(MemoryRun.DEPLOY_FLAGS, MemoryRun.STARTUP_FLAGS),
                  List.of("-XX:DumpLoadedClassList=" + raw)))) {
        program.awaitLines(expected, Duration.ofMinutes(2));
        program.awaitReady(Duration.ofMinutes(1));
        LatencyRun.awaitReplayDelivered(k8s, cluster.pods().size());
        LatencyRun.flip(k8s, program, 4, new Random(5));
        program.get("/status");
        program.get("/metrics");
      }
    }
    // the JVM's own list format, one class per line; sorted so that a regenerated list diffs well.
    // Left out: comments, and classes generated at run time, which no archive can hold (dynamic
    // proxies, JFR's event handlers)
    List<String> classes;
    try (Stream<String> lines = Files.lines(raw)) {
      classes =
          lines
              .filter(l -> !l.isBlank() && !l.startsWith("#"))
              .filter(l -> !l.contains("$Proxy") && !l.contains("jdk/jfr/internal/handlers/"))
              .sorted()
              .distinct()
              .toList();
    }
    Files.deleteIfExists(raw);
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.write(out, classes);
    System.out.printf("wrote %s: %,d classes%n", out, classes.size());
  }
}
