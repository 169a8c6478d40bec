package io.kuberoute.k8s;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kuberoute.core.model.PodInfo;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures the heap that 10,000 pods take in an informer's store: whole fabric8 objects (what a
 * default informer keeps) against {@link ProjectionStore}'s projection. Not a test (the figure
 * depends on the JVM); run it by hand:
 *
 * <pre>
 * ./mvnw -q -pl kuberoute-k8s -am test-compile
 * java -cp "kuberoute-k8s/target/test-classes:kuberoute-k8s/target/classes:$(cat cp.txt)" \
 *     io.kuberoute.k8s.ProjectionMemoryMeasurement
 * </pre>
 *
 * Each pod is deserialised from its own JSON text (from {@code typical-pod.json}, a Deployment's
 * pod with one container, probes, env, volumes and full status), as the informer receives it, so no
 * strings are shared between pods unless the mapping shares them.
 */
final class ProjectionMemoryMeasurement {

  static final int PODS = 10_000;

  public static void main(String[] args) throws Exception {
    String template = template();
    KubernetesSerialization json = new KubernetesSerialization();
    System.out.printf("JSON per pod: %d bytes%n", template.getBytes(StandardCharsets.UTF_8).length);

    long base = usedAfterGc();
    List<Pod> whole = new ArrayList<>(PODS);
    for (int i = 0; i < PODS; i++) {
      whole.add(json.unmarshal(pod(template, i), Pod.class));
    }
    long wholeBytes = usedAfterGc() - base;
    System.out.printf(
        "whole Pod objects:  %,d bytes for %,d pods (%,d per pod)%n",
        wholeBytes, PODS, wholeBytes / PODS);
    whole = null;

    base = usedAfterGc();
    ProjectionStore<Pod, PodInfo> store =
        new ProjectionStore<>(
            p -> SharedStrings.pod(Fabric8Mapping.pod(p)),
            m -> new PodBuilder().withMetadata(m).build(),
            (k, v) -> {});
    for (int i = 0; i < PODS; i++) {
      Pod p = json.unmarshal(pod(template, i), Pod.class);
      store.put(store.getKey(p), p);
    }
    long projectedBytes = usedAfterGc() - base;
    System.out.printf(
        "projection store:   %,d bytes for %,d pods (%,d per pod), %.1f%% of whole objects%n",
        projectedBytes, store.size(), projectedBytes / PODS, 100.0 * projectedBytes / wholeBytes);
    if (whole != null || store.size() != PODS) {
      throw new IllegalStateException("unreachable");
    }
  }

  private static String template() throws IOException {
    try (InputStream in =
        ProjectionMemoryMeasurement.class.getResourceAsStream("/typical-pod.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String pod(String template, int i) {
    String n = String.format("%05d", i);
    return template
        .replace("NAME", "x" + n)
        .replace("UID", "0000000" + n)
        .replace("\"RV\"", "\"" + (100000 + i) + "\"")
        .replace("NODE", String.valueOf(i % 100))
        .replace("HOST", (i % 100) / 250 + "." + (i % 100) % 250)
        .replace("POD", (i / 250) + "." + (i % 250));
  }

  private static long usedAfterGc() throws InterruptedException {
    var memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
