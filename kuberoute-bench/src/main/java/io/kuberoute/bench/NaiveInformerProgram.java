package io.kuberoute.bench;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kuberoute.core.internal.routing.RouteResolver;
import io.kuberoute.core.model.ClusterSnapshot;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.NodeInfo;
import io.kuberoute.core.model.PodInfo;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.ServiceInfo;
import io.kuberoute.core.routing.RouteSettings;
import io.kuberoute.k8s.Fabric8Mapping;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Benchmark-only: the naive informer baseline, the simplest correct design. fabric8's default
 * informers keep whole objects; on every event, with no debounce, it maps every cached Service, Pod
 * and Node and resolves every Service from scratch (the core's resolver), compares the records with
 * the last ones and prints each name that changed in the printing backend's format ({@code UPDATE
 * name type ttl targets}). Argument: the API server's URL.
 */
public final class NaiveInformerProgram {
  private NaiveInformerProgram() {}

  public static void main(String[] args) throws Exception {
    Config config =
        new ConfigBuilder(Config.empty())
            .withAutoConfigure(false)
            .withMasterUrl(args[0])
            .withRequestTimeout(120_000)
            .build();
    PrintStream out =
        new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
    RouteResolver resolver = new RouteResolver(RouteSettings.defaults());
    ExecutorService recompute = Executors.newSingleThreadExecutor();
    AtomicBoolean queued = new AtomicBoolean();
    AtomicBoolean started = new AtomicBoolean();
    Map<DnsName, List<RecordSet>> last = new HashMap<>();
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      SharedIndexInformer<Service>[] services = new SharedIndexInformer[1];
      SharedIndexInformer<Pod>[] pods = new SharedIndexInformer[1];
      SharedIndexInformer<Node>[] nodes = new SharedIndexInformer[1];
      Runnable compute =
          () -> {
            queued.set(false);
            List<ServiceInfo> s = new ArrayList<>();
            services[0].getStore().list().forEach(x -> s.add(Fabric8Mapping.service(x)));
            List<PodInfo> p = new ArrayList<>();
            pods[0].getStore().list().forEach(x -> p.add(Fabric8Mapping.pod(x)));
            List<NodeInfo> n = new ArrayList<>();
            nodes[0].getStore().list().forEach(x -> n.add(Fabric8Mapping.node(x)));
            Map<DnsName, List<RecordSet>> now = new HashMap<>();
            for (var route : resolver.resolve(new ClusterSnapshot(s, p, n, true)).routes()) {
              now.put(route.fqdn(), route.records());
            }
            StringBuilder lines = new StringBuilder();
            now.forEach(
                (name, records) -> {
                  if (!records.equals(last.get(name))) {
                    for (RecordSet r : records) {
                      lines.append("UPDATE ").append(r).append('\n');
                    }
                  }
                });
            last.clear();
            last.putAll(now);
            if (started.get()) {
              out.print(lines);
            }
          };
      ResourceEventHandler<Object> handler =
          new ResourceEventHandler<>() {
            @Override
            public void onAdd(Object obj) {
              changed();
            }

            @Override
            public void onUpdate(Object oldObj, Object newObj) {
              changed();
            }

            @Override
            public void onDelete(Object obj, boolean deletedFinalStateUnknown) {
              changed();
            }

            private void changed() {
              if (started.get() && queued.compareAndSet(false, true)) {
                recompute.execute(compute);
              }
            }
          };
      services[0] =
          client.services().inAnyNamespace().withLabel("kuberoute_domain").inform(handler, 0);
      pods[0] = client.pods().inAnyNamespace().inform(handler, 0);
      nodes[0] = client.nodes().inform(handler, 0);
      recompute.submit(compute).get();
      started.set(true);
      out.println("ready " + last.size());
      Thread.currentThread().join();
    }
  }
}
