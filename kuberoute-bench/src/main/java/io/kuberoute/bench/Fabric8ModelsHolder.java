package io.kuberoute.bench;

import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Benchmark 3's baseline, run in its own JVM: lists every service, pod and node from the API server
 * at {@code args[0]} with fabric8 (pages of 500) and keeps them as whole fabric8 models, as a
 * default informer cache would. Prints {@code heap=<live bytes after GC> objects=<count>}.
 */
public final class Fabric8ModelsHolder {
  private Fabric8ModelsHolder() {}

  public static void main(String[] args) throws Exception {
    Config config =
        new ConfigBuilder(Config.empty())
            .withAutoConfigure(false)
            .withMasterUrl(args[0])
            .withRequestTimeout(120_000)
            .build();
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      List<Service> services =
          client.services().inAnyNamespace().withLabel("kuberoute_domain").list().getItems();
      List<Pod> pods = new java.util.ArrayList<>();
      String next = null;
      do {
        var page =
            client
                .pods()
                .inAnyNamespace()
                .list(new ListOptionsBuilder().withLimit(500L).withContinue(next).build());
        pods.addAll(page.getItems());
        next = page.getMetadata().getContinue();
      } while (next != null && !next.isEmpty());
      List<Node> nodes = client.nodes().list().getItems();
      long heap = usedAfterGc();
      System.out.println(
          "heap=" + heap + " objects=" + (services.size() + pods.size() + nodes.size()));
      if (services.isEmpty() && pods.isEmpty()) {
        throw new IllegalStateException("nothing listed");
      }
    }
  }

  static long usedAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
