package io.kuberoute.cli;

import io.kuberoute.core.ConfigurationException;
import io.kuberoute.core.app.SyncService;
import io.kuberoute.core.app.SyncSettings;
import io.kuberoute.core.config.ConfigSection;
import io.kuberoute.core.plan.PlanSettings;
import io.kuberoute.core.port.ClusterSource;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.core.routing.LabelKeys;
import io.kuberoute.core.routing.NodeAddressMode;
import io.kuberoute.core.routing.RouteSettings;
import io.kuberoute.dns.fake.PrintingDnsBackend;
import io.kuberoute.k8s.ManifestsClusterSource;
import io.kuberoute.k8s.Namespaces;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The composition root: turns the configuration into a running sync service. */
final class Wiring implements AutoCloseable {

  private final ClusterSource source;
  private final DnsBackend backend;
  private final SyncService sync;

  private Wiring(ClusterSource source, DnsBackend backend, SyncService sync) {
    this.source = source;
    this.backend = backend;
    this.sync = sync;
  }

  static Wiring create(IniFile ini, PrintStream stdout) {
    ConfigSection kr = ini.required("kuberoute");
    LabelKeys labels =
        new LabelKeys(
            kr.required("domain_label"),
            kr.required("name_label"),
            kr.required("failover_label"),
            kr.required("quota_label"));
    Namespaces namespaces =
        Namespaces.parse(
            kr.has("namespaces") ? kr.list("namespaces") : kr.list("namespace"));
    String ownerId = PlanSettings.DEFAULT_OWNER_ID;
    RouteSettings route =
        new RouteSettings(
            labels,
            RouteSettings.DEFAULT_SERVICE_TYPES,
            NodeAddressMode.AUTO,
            RouteSettings.DEFAULT_TTL,
            ini.section("replacements").map(ConfigSection::asMap).orElse(java.util.Map.of()));
    SyncSettings settings =
        new SyncSettings(route, PlanSettings.defaults(), Optional.empty(), SyncSettings.DEFAULT_INTERVAL, false);

    String kind = kr.required("kubeconfig_kind");
    ClusterSource source =
        switch (kind) {
          case "manifests" -> {
            ConfigSection m = ini.required("manifests");
            Path path = m.path("path").orElseThrow(() -> new ConfigurationException("missing required key manifests.path"));
            Path base = ini.path().toAbsolutePath().getParent();
            yield ManifestsClusterSource.load(base.resolve(path), namespaces);
          }
          default -> throw new ConfigurationException(
              "invalid value for kuberoute.kubeconfig_kind: '%s' (allowed: %s)"
                  .formatted(kind, String.join(", ", List.of("manifests"))));
        };
    String backendName = kr.required("dns_backend");
    DnsBackend backend =
        switch (backendName) {
          case "fakedns" -> {
            ini.required("fakedns");
            yield new PrintingDnsBackend(ownerId, stdout);
          }
          default -> throw new ConfigurationException(
              "invalid value for kuberoute.dns_backend: '%s' (allowed: fakedns)".formatted(backendName));
        };
    SyncService sync = SyncService.builder(source, backend, settings).dryRunOutput(stdout::println).build();
    return new Wiring(source, backend, sync);
  }

  SyncService sync() {
    return sync;
  }

  @Override
  public void close() {
    backend.close();
    source.close();
  }
}
