package io.kuberoute.cli;

import io.kuberoute.core.config.ConfigSection;
import io.kuberoute.core.port.ClusterSource;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.core.port.EventSink;
import io.kuberoute.core.port.Leadership;
import io.kuberoute.core.port.StatusSink;
import io.kuberoute.dns.route53.Route53Settings;
import io.kuberoute.dns.skydns.SkyDnsSettings;
import io.kuberoute.k8s.KubernetesAuth;
import io.kuberoute.k8s.KubernetesOptions;
import io.kuberoute.k8s.Namespaces;
import io.kuberoute.report.s3.S3ReportSettings;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The real adapters, except that the live cluster and the backends are stand-ins (every section
 * goes through its real parser), and that every call
 * is recorded: {@link #parsed} holds each section a parser received, {@link #built} each thing
 * built (so a test can show that nothing was contacted).
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

  @Override
  SkyDnsSettings skyDnsSettings(ConfigSection section) {
    SkyDnsSettings settings = super.skyDnsSettings(section);
    parsed.put(section.name(), Map.copyOf(section.asMap()));
    return settings;
  }

  @Override
  Route53Settings route53Settings(ConfigSection section) {
    Route53Settings settings = super.route53Settings(section);
    parsed.put(section.name(), Map.copyOf(section.asMap()));
    return settings;
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
  Cluster connect(KubernetesAuth auth, KubernetesOptions options) {
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

  @Override
  DnsBackend fakeDns(String ownerId, PrintStream stdout) {
    built.add("fakedns");
    return backend != null ? backend : super.fakeDns(ownerId, stdout);
  }

  @Override
  DnsBackend skyDns(SkyDnsSettings settings, String ownerId) {
    built.add("skydns");
    return backend;
  }

  @Override
  DnsBackend route53(Route53Settings settings, String ownerId) {
    built.add("route53");
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
