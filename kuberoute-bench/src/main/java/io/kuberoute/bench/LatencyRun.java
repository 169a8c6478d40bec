package io.kuberoute.bench;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.options.WatchOption;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kuberoute.core.model.ClusterSnapshot;
import io.kuberoute.dns.skydns.EtcdServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark 2: event to DNS latency. The mock API server holds the small cluster; the real program
 * runs in its own JVM; the driver flips a pod's readiness through the API and times the write
 * until the DNS change: the printed line (fakedns), or etcd's watch event (skydns on a real etcd).
 * Baseline: the same program with {@code event_sync = false}, which waits for the next resync.
 */
final class LatencyRun {
  private LatencyRun() {}

  static final int WARM_UP = 20;
  static final int FLIPS = 50;
  static final int BASELINE_FLIPS = 10;

  /**
   * The baseline's first flips are not measured either: right after its first sync the program
   * records a Kubernetes Event for every service in failover (about 300 here), and the mock API
   * server, whose creates each scan its whole store, is busy with them for seconds.
   */
  static final int BASELINE_WARM_UP = 2;
  static final int BASELINE_INTERVAL = 5;

  /** Per flip of the last measurement: ms from the write's acknowledgement to the DNS change. */
  private static final List<Double> fromStored = new ArrayList<>();

  /** Per flip of the last measurement: whether a full resync ran between the write and the change. */
  private static final List<Boolean> overlapped = new ArrayList<>();

  /** The program's count of full syncs so far, from its {@code /metrics}. */
  private static double fullSyncs(ProgramProcess program) throws Exception {
    return program.get("/metrics").lines()
        .filter(l -> l.startsWith("kuberoute_syncs_total{") && l.contains("trigger=\"full\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  static void run(Report report, MockApi api, ClusterSnapshot cluster, double loadSeconds) throws Exception {
    int expected = BenchCluster.firstSyncLines(cluster);
    KubernetesClient k8s = api.client();
    Random random = new Random(3);

    // 1. event-driven, printing backend (each run starts with the pod Ready and flips it an even
    // number of times, so it ends Ready too)
    setReady(k8s);
    List<Double> fakeDns;
    List<Double> fakeDnsStored;
    List<Boolean> fakeDnsOverlaps;
    try (ProgramProcess program = ProgramProcess.start(BenchCluster.config(api.url(), "fakedns", true, 60), List.of())) {
      program.awaitLines(expected, Duration.ofMinutes(3));
      program.awaitReady(Duration.ofMinutes(1));
      fakeDns = flipAndTimeLines(k8s, program, WARM_UP + FLIPS, random, Duration.ofSeconds(30), 200);
      fakeDnsStored = List.copyOf(fromStored);
      fakeDnsOverlaps = List.copyOf(overlapped);
    }

    // 2. event-driven, SkyDNS on a real etcd (the driver watches the keys)
    setReady(k8s);
    List<Double> etcd;
    List<Double> etcdStored;
    List<Boolean> etcdOverlaps;
    Path shm = Path.of("/dev/shm");
    boolean tmpfs = Files.isDirectory(shm) && Files.isWritable(shm);
    try (EtcdServer server = tmpfs ? EtcdServer.startPlainIn(shm) : EtcdServer.startPlain();
        Client client = Client.builder().endpoints(server.endpoint()).build()) {
      String config =
          BenchCluster.config(api.url(), "skydns", true, 60)
              .replace("[fakedns]\n", "[skydns]\nendpoints = " + server.endpoint() + "\n");
      try (ProgramProcess program = ProgramProcess.start(config, List.of())) {
        program.awaitReady(Duration.ofMinutes(3));
        etcd = flipAndTimeWatch(k8s, client, program, WARM_UP + FLIPS, random);
        etcdStored = List.copyOf(fromStored);
        etcdOverlaps = List.copyOf(overlapped);
      }
    }

    String etcdDataDir =
        tmpfs
            ? "on tmpfs (/dev/shm): this VM's disk takes up to hundreds of milliseconds per fsync, where etcd's"
                + " own guidance asks for under 10 ms at p99, so the figure shows kuberoute's part plus etcd's"
                + " commit without the disk"
            : "on disk (no /dev/shm here), so the figure includes this machine's fsync latency";

    // 3. baseline: interval-only
    setReady(k8s);
    List<Double> intervalOnly;
    try (ProgramProcess program =
        ProgramProcess.start(BenchCluster.config(api.url(), "fakedns", false, BASELINE_INTERVAL), List.of())) {
      program.awaitLines(expected, Duration.ofMinutes(3));
      program.awaitReady(Duration.ofMinutes(1));
      intervalOnly =
          flipAndTimeLines(k8s, program, BASELINE_WARM_UP + BASELINE_FLIPS, random, Duration.ofSeconds(BASELINE_INTERVAL * 3L), BASELINE_INTERVAL * 1000);
    }

    Stats fake = Stats.of(fakeDns.subList(WARM_UP, fakeDns.size()));
    Stats sky = Stats.of(etcd.subList(WARM_UP, etcd.size()));
    Stats fakeStored = Stats.of(fakeDnsStored.subList(WARM_UP, fakeDnsStored.size()));
    Stats skyStored = Stats.of(etcdStored.subList(WARM_UP, etcdStored.size()));
    Stats base = Stats.of(intervalOnly.subList(BASELINE_WARM_UP, intervalOnly.size()));
    report.target("event → DNS latency p99 ≤ 200 ms (printing backend)", "%.0f ms".formatted(fake.p99()), fake.p99() <= 200);
    report.target("event → DNS latency p99 ≤ 200 ms (SkyDNS on etcd)", "%.0f ms".formatted(sky.p99()), sky.p99() <= 200);
    report.section(
        """
        ## 2. Event to DNS latency

        fabric8's mock API server (CRUD mode) holds the small cluster %s plus `bench-target`
        (three pods on three nodes); loading it took %.0f s. The real program (`kuberoute-cli.jar`,
        its own JVM, default settings, `namespaces = *`) watches it. The driver flips
        `bench-target-0`'s Ready condition through the API and measures from just before the
        write until the DNS change: the printed `UPDATE` line (fakedns), or the etcd watch event
        of the changed key (skydns on a real etcd, its data directory %s). %d flips measured after %d warm-up flips, a
        random 100–300 ms pause between flips (for the baseline, %d flips after %d warm-up flips, a
        random pause of 0.1 s to one interval, so flips fall anywhere in the resync cycle). The debounce of event syncs is %d ms.

        | mode | p50 | p99 | min–max | n | from the write's acknowledgement: p50 / p99 |
        |---|---|---|---|---|---|
        | events, printing backend | %.0f ms | %.0f ms | %.0f–%.0f ms | %d | %.0f / %.0f ms |
        | events, SkyDNS on etcd | %.0f ms | %.0f ms | %.0f–%.0f ms | %d | %.0f / %.0f ms |
        | baseline: interval only (`event_sync = false`, `interval = %d`) | %.0f ms | %.0f ms | %.0f–%.0f ms | %d | |

        Slowest flips: %s ms (printing backend), %s ms (SkyDNS on etcd); a `*` marks a flip
        during which the program also ran its periodic full resync (checked on its `/metrics`):
        syncs run one at a time, so such a flip waits for the resync, which re-reads the whole DNS
        state. %s

        The first columns (and the targets) count from the moment the driver sends the write, so
        they include the mock API server's own handling of it (its CRUD store scans every object
        on a write, about 15–20 ms here); the last column counts from the write's answer.

        The interval-only baseline waits for the next resync: its median is %.0f× the event-driven
        median. (external-dns's event mode waits at least 5 s; its default is interval only, 1 minute.)
        The first warm-up flips on the freshly started JVM took %s ms (printing backend): right
        after its first sync the program records a Kubernetes Event for every service in failover,
        and the mock API server, whose creates each scan its whole store, takes seconds over them
        (a real API server does not); and the program's code is still being compiled.
        """
            .formatted(
                ClusterGenerator.Size.SMALL,
                loadSeconds,
                etcdDataDir,
                FLIPS,
                WARM_UP,
                BASELINE_FLIPS,
                BASELINE_WARM_UP,
                io.kuberoute.core.app.SyncLoop.DEFAULT_DEBOUNCE.toMillis(),
                fake.median(), fake.p99(), fake.min(), fake.max(), fake.n(), fakeStored.median(), fakeStored.p99(),
                sky.median(), sky.p99(), sky.min(), sky.max(), sky.n(), skyStored.median(), skyStored.p99(),
                BASELINE_INTERVAL,
                base.median(), base.p99(), base.min(), base.max(), base.n(),
                slowest(fakeDns, fakeDnsOverlaps),
                slowest(etcd, etcdOverlaps),
                explanation(fake, sky, fakeDns, fakeDnsOverlaps, etcd, etcdOverlaps),
                base.median() / fake.median(),
                fakeDns.subList(0, 6).stream().map(d -> "%.0f".formatted(d)).toList()));
  }

  /**
   * Flips the pod {@code times} times; each time waits for the printed UPDATE, then pauses 100 ms
   * plus a random part of {@code jitterMillis}; returns ms.
   */
  private static List<Double> flipAndTimeLines(
      KubernetesClient k8s, ProgramProcess program, int times, Random random, Duration timeout, int jitterMillis)
      throws Exception {
    List<Double> ms = new ArrayList<>();
    fromStored.clear();
    overlapped.clear();
    boolean ready = true;
    for (int i = 0; i < times; i++) {
      ready = !ready;
      String expected = ready ? BenchCluster.ALL_THREE : BenchCluster.TWO;
      Pod flipped = withReady(k8s, ready);
      int seen = program.stdoutLines();
      double fullBefore = fullSyncs(program);
      long t0 = System.nanoTime();
      k8s.pods().resource(flipped).updateStatus();
      long stored = System.nanoTime();
      ProgramProcess.Line line = program.awaitLine(seen, expected::equals, timeout);
      ms.add((line.nanos() - t0) / 1e6);
      fromStored.add((line.nanos() - stored) / 1e6);
      overlapped.add(fullSyncs(program) > fullBefore);
      Thread.sleep(100 + random.nextInt(jitterMillis));
    }
    return ms;
  }

  /** Flips the pod and waits for etcd's watch event on the name's keys; returns ms. */
  private static List<Double> flipAndTimeWatch(
      KubernetesClient k8s, Client etcd, ProgramProcess program, int times, Random random) throws Exception {
    LinkedBlockingQueue<Long> events = new LinkedBlockingQueue<>();
    ByteSequence prefix = ByteSequence.from("/skydns/com/example/bench-target/", StandardCharsets.UTF_8);
    List<Double> ms = new ArrayList<>();
    fromStored.clear();
    overlapped.clear();
    try (Watch.Watcher watcher =
        etcd.getWatchClient().watch(prefix, WatchOption.builder().isPrefix(true).build(), r -> events.add(System.nanoTime()))) {
      boolean ready = true;
      for (int i = 0; i < times; i++) {
        ready = !ready;
        Pod flipped = withReady(k8s, ready);
        events.clear();
        double fullBefore = fullSyncs(program);
        long t0 = System.nanoTime();
        k8s.pods().resource(flipped).updateStatus();
        long stored = System.nanoTime();
        Long t1 = events.poll(30, TimeUnit.SECONDS);
        if (t1 == null) {
          throw new IllegalStateException("no etcd change within 30 s after flip " + i);
        }
        ms.add((t1 - t0) / 1e6);
        fromStored.add((t1 - stored) / 1e6);
        overlapped.add(fullSyncs(program) > fullBefore);
        Thread.sleep(100 + random.nextInt(200));
      }
    }
    return ms;
  }

  /** The five slowest measured flips, a {@code *} after those that overlapped a full resync. */
  private static List<String> slowest(List<Double> ms, List<Boolean> overlaps) {
    List<Integer> measured = new ArrayList<>();
    for (int i = WARM_UP; i < ms.size(); i++) {
      measured.add(i);
    }
    measured.sort((a, b) -> Double.compare(ms.get(b), ms.get(a)));
    return measured.stream().limit(5).map(i -> "%.0f%s".formatted(ms.get(i), overlaps.get(i) ? "*" : "")).toList();
  }

  /** p99 of the measured flips that did not overlap a full resync. */
  private static double p99Without(List<Double> ms, List<Boolean> overlaps) {
    List<Double> clean = new ArrayList<>();
    for (int i = WARM_UP; i < ms.size(); i++) {
      if (!overlaps.get(i)) {
        clean.add(ms.get(i));
      }
    }
    return clean.isEmpty() ? Double.NaN : Stats.of(clean).p99();
  }

  private static String explanation(
      Stats fake, Stats sky, List<Double> fakeMs, List<Boolean> fakeOverlaps, List<Double> skyMs, List<Boolean> skyOverlaps) {
    if (fake.p99() <= 200 && sky.p99() <= 200) {
      return "";
    }
    return ("A p99 target is missed. Without the flips that overlapped a full resync the p99 is %.0f ms"
            + " (printing backend) and %.0f ms (SkyDNS on etcd). These measurements do not explain the"
            + " rest of the spread above the median; candidates are this shared VM's scheduling, the"
            + " mock API server's own handling of writes and watch events (it holds 11,500 objects),"
            + " and JIT or GC pauses in either JVM. Letting an event sync pre-empt a running full"
            + " resync would shorten the overlapping flips; it is not done.")
        .formatted(p99Without(fakeMs, fakeOverlaps), p99Without(skyMs, skyOverlaps));
  }

  private static void setReady(KubernetesClient k8s) {
    k8s.pods().resource(withReady(k8s, true)).updateStatus();
  }

  private static Pod withReady(KubernetesClient k8s, boolean ready) {
    Pod pod = k8s.pods().inNamespace(BenchCluster.TARGET_NAMESPACE).withName(BenchCluster.FLIPPED_POD).get();
    String status = ready ? "True" : "False";
    return new PodBuilder(pod)
        .editStatus()
        .editMatchingCondition(c -> "Ready".equals(c.getType()))
        .withStatus(status)
        .endCondition()
        .endStatus()
        .build();
  }
}
