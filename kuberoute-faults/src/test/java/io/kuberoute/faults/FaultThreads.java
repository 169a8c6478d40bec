package io.kuberoute.faults;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The live threads of this JVM, for tests that bound what an outage may leave behind. */
final class FaultThreads {

  private FaultThreads() {}

  /**
   * Threads of the etcd client stack: jetcd's own, Vert.x's event loops and gRPC's shared pools
   * (gRPC stops those once no channel is left).
   */
  static Set<String> etcdClient() {
    return live().stream()
        .filter(
            n ->
                n.startsWith("vert.x-")
                    || n.startsWith("vertx-")
                    || n.startsWith("jetcd-")
                    || n.startsWith("grpc-"))
        .collect(Collectors.toSet());
  }

  /**
   * Every live thread but the test's own helpers: the JDK's process reapers (one per child process
   * being waited for: the {@code etcdctl} health checks of {@code EtcdServer.start} come and go
   * with them) and Awaitility's polling thread.
   */
  static List<String> allButHelpers() {
    return live().stream()
        .filter(n -> !n.startsWith("process reaper") && !n.startsWith("awaitility"))
        .sorted()
        .toList();
  }

  static List<String> live() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .toList();
  }
}
