package io.kuberoute.cli;

import io.kuberoute.core.config.ConfigSection;
import io.kuberoute.core.port.ClusterSource;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.core.port.EventSink;
import io.kuberoute.core.port.Leadership;
import io.kuberoute.core.port.StatusSink;
import io.kuberoute.core.spi.BackendContext;
import io.kuberoute.core.spi.BackendSpec;
import io.kuberoute.core.spi.DnsBackendProvider;
import io.kuberoute.k8s.ApiCallListener;
import io.kuberoute.k8s.KubernetesAuth;
import io.kuberoute.k8s.KubernetesCluster;
import io.kuberoute.k8s.KubernetesOptions;
import io.kuberoute.k8s.ManifestsClusterSource;
import io.kuberoute.k8s.Namespaces;
import io.kuberoute.report.s3.S3ReportSettings;
import io.kuberoute.report.s3.S3StatusSink;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The entry points of the adapter modules, in one place: the section parsers (called while the
 * configuration is read, before anything is contacted) and the factories (called when the program
 * is built). The command line uses this class as it is; tests override single methods to put an
 * in-memory backend or a slow source in place of a real one.
 */
class Adapters {

  /** A live cluster as the command line uses it. */
  record Cluster(
      ClusterSource source, EventSink events, Leadership leadership, AutoCloseable closer) {
    Cluster {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(events, "events");
      Objects.requireNonNull(leadership, "leadership");
      Objects.requireNonNull(closer, "closer");
    }
  }

  // ---- parsing (no I/O beyond checking that local files exist) ----

  KubernetesAuth kubernetesAuth(String kind, Optional<ConfigSection> section) {
    return KubernetesAuth.fromConfig(kind, section);
  }

  /**
   * The DNS backends on the class path: every {@link DnsBackendProvider} registered for {@link
   * ServiceLoader}, by name. The program names no backend class.
   */
  List<DnsBackendProvider> backendProviders() {
    return ServiceLoader.load(DnsBackendProvider.class, Adapters.class.getClassLoader()).stream()
        .map(ServiceLoader.Provider::get)
        .sorted(Comparator.comparing(DnsBackendProvider::name))
        .toList();
  }

  /** The backend's section, through its provider's parser. */
  BackendSpec backendSpec(DnsBackendProvider provider, ConfigSection section) {
    return provider.parse(section);
  }

  S3ReportSettings s3ReportSettings(ConfigSection section, Map<String, String> replacements) {
    return S3ReportSettings.fromConfig(section, replacements);
  }

  // ---- building ----

  ClusterSource manifests(Path path, Namespaces namespaces) {
    return ManifestsClusterSource.load(path, namespaces);
  }

  /**
   * Starts the informers (and leader election); does not wait for the API server. {@code apiCalls}
   * is told about every request to it.
   */
  Cluster connect(KubernetesAuth auth, KubernetesOptions options, ApiCallListener apiCalls) {
    KubernetesCluster cluster = KubernetesCluster.connect(auth, options, apiCalls);
    try {
      return new Cluster(cluster.source(), cluster.events(), cluster.leadership(), cluster);
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** Builds the backend {@code dns_backend = name}; it contacts nothing before the first sync. */
  DnsBackend backend(String name, BackendSpec spec, BackendContext context) {
    return spec.create(context);
  }

  StatusSink s3(S3ReportSettings settings) {
    return S3StatusSink.create(settings);
  }
}
