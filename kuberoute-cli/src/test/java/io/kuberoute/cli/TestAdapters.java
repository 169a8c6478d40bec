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
import io.kuberoute.k8s.KubernetesAuth;
import io.kuberoute.k8s.KubernetesOptions;
import io.kuberoute.k8s.Namespaces;
import io.kuberoute.report.s3.S3ReportSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real adapters, except that the live cluster and the backends are stand-ins (every section
 * goes through its real parser), and that every call is recorded: {@link #parsed} holds each
 * section a parser received, {@link #built} each thing built (so a test can show that nothing was
 * contacted).
 */
class TestAdapters extends Adapters {

  /** Section name → the values a parser received. */
  final Map<String, Map<String, String>> parsed = new LinkedHashMap<>();

  /** What was built, in order: "manifests", "connect", "fakedns", "skydns", "route53", "s3". */
  final List<String> built = new ArrayList<>();

  KubernetesOptions connectedWith;

  ClusterSource cluster = new TestClusterSource();
  Leadership leadership = Leadership.always();
  DnsBackend backend;

  /** Build the configured backend for real (e.g. Route53 against its test server). */
  boolean realBackends;

  @Override
  BackendSpec backendSpec(DnsBackendProvider provider, ConfigSection section) {
    BackendSpec spec = super.backendSpec(provider, section);
    if (!provider.name().equals("fakedns")) {
      parsed.put(section.name(), Map.copyOf(section.asMap()));
    }
    return spec;
  }

  @Override
  S3ReportSettings s3ReportSettings(ConfigSection section, Map<String, String> replacements) {
    S3ReportSettings settings = super.s3ReportSettings(section, replacements);
    parsed.put(section.name(), Map.copyOf(section.asMap()));
    return settings;
  }

  @Override
  ClusterSource manifests(Path path, Namespaces namespaces) {
    built.add("manifests");
    return super.manifests(path, namespaces);
  }

  @Override
  Cluster connect(
      KubernetesAuth auth, KubernetesOptions options, io.kuberoute.k8s.ApiCallListener apiCalls) {
    built.add("connect");
    connectedWith = options;
    ClusterSource source = cluster;
    return new Cluster(
        source,
        EventSink.none(),
        leadership,
        () -> {
          built.add("closed cluster");
          source.close();
        });
  }

  /** The backend stand-in for every backend; fakedns prints for real unless one is set. */
  @Override
  DnsBackend backend(String name, BackendSpec spec, BackendContext context) {
    built.add(name);
    if (realBackends || (name.equals("fakedns") && backend == null)) {
      return super.backend(name, spec, context);
    }
    return backend;
  }

  @Override
  StatusSink s3(S3ReportSettings settings) {
    built.add("s3");
    return new ClosableSink();
  }

  /** A sink that holds a client: closed with everything else. */
  final class ClosableSink implements StatusSink, AutoCloseable {
    @Override
    public String name() {
      return "s3";
    }

    @Override
    public void publish(io.kuberoute.core.report.StatusReport report) {}

    @Override
    public void close() {
      built.add("closed s3");
    }
  }
}
