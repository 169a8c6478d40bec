package io.kuberoute.cli;

import io.kuberoute.core.config.ConfigSection;
import io.kuberoute.core.port.ClusterSource;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.core.port.EventSink;
import io.kuberoute.core.port.Leadership;
import io.kuberoute.core.port.StatusSink;
import io.kuberoute.dns.fake.PrintingDnsBackend;
import io.kuberoute.dns.route53.Route53DnsBackend;
import io.kuberoute.dns.route53.Route53Settings;
import io.kuberoute.dns.skydns.SkyDnsDnsBackend;
import io.kuberoute.dns.skydns.SkyDnsSettings;
import io.kuberoute.k8s.KubernetesAuth;
import io.kuberoute.k8s.KubernetesCluster;
import io.kuberoute.k8s.KubernetesOptions;
import io.kuberoute.k8s.ManifestsClusterSource;
import io.kuberoute.k8s.Namespaces;
import io.kuberoute.report.s3.S3ReportSettings;
import io.kuberoute.report.s3.S3StatusSink;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The entry points of the adapter modules, in one place: the section parsers (called while the
 * configuration is read, before anything is contacted) and the factories (called when the program
 * is built). The command line uses this class as it is; tests override single methods to put an
 * in-memory backend or a slow source in place of a real one.
 */
class Adapters {

  /** A live cluster as the command line uses it. */
  record Cluster(ClusterSource source, EventSink events, Leadership leadership, AutoCloseable closer) {
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

  SkyDnsSettings skyDnsSettings(ConfigSection section) {
    return SkyDnsSettings.fromConfig(section);
  }

  Route53Settings route53Settings(ConfigSection section) {
    return Route53Settings.fromConfig(section);
  }

  S3ReportSettings s3ReportSettings(ConfigSection section, Map<String, String> replacements) {
    return S3ReportSettings.fromConfig(section, replacements);
  }

  // ---- building ----

  ClusterSource manifests(Path path, Namespaces namespaces) {
    return ManifestsClusterSource.load(path, namespaces);
  }

  /** Starts the informers (and leader election); does not wait for the API server. */
  Cluster connect(KubernetesAuth auth, KubernetesOptions options) {
    KubernetesCluster cluster = KubernetesCluster.connect(auth, options);
    try {
      return new Cluster(cluster.source(), cluster.events(), cluster.leadership(), cluster);
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  DnsBackend fakeDns(String ownerId, PrintStream stdout) {
    return new PrintingDnsBackend(ownerId, stdout);
  }

  DnsBackend skyDns(SkyDnsSettings settings, String ownerId) {
    return SkyDnsDnsBackend.create(settings, ownerId);
  }

  DnsBackend route53(Route53Settings settings, String ownerId) {
    return Route53DnsBackend.create(settings, ownerId);
  }

  StatusSink s3(S3ReportSettings settings) {
    return S3StatusSink.create(settings);
  }
}
