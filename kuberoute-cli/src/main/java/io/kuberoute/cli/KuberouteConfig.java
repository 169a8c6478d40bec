package io.kuberoute.cli;

import io.kuberoute.core.app.SyncSettings;
import io.kuberoute.core.spi.BackendSpec;
import io.kuberoute.k8s.KubernetesAuth;
import io.kuberoute.k8s.KubernetesOptions.LeaseSettings;
import io.kuberoute.k8s.Namespaces;
import io.kuberoute.report.s3.S3ReportSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The whole configuration, parsed once from the INI file (and the command line's overrides) and
 * validated. Building the running program from it contacts nothing that this record did not already
 * check.
 *
 * @param file the configuration file
 * @param cluster where the cluster view comes from
 * @param backend the DNS service written to
 * @param namespaces whose Services are routed
 * @param sync how services become records, the planner's rules, heartbeat, interval, dry run
 * @param port the HTTP port ({@code --port}, else {@code [kuberoute] port}); empty with {@code
 *     --once} when none is configured
 * @param logFormat {@code log_format}
 * @param leaderElection the Lease when {@code leader_election = true}
 * @param statusReport {@code [s3report]} (or {@code [s3_report]}) when present
 * @param warnings what to warn about at start-up (unknown keys, ignored spellings)
 */
record KuberouteConfig(
    Path file,
    Cluster cluster,
    Backend backend,
    Namespaces namespaces,
    SyncSettings sync,
    OptionalInt port,
    LogFormat logFormat,
    boolean eventSync,
    Optional<LeaseSettings> leaderElection,
    Optional<S3ReportSettings> statusReport,
    List<String> warnings) {

  KuberouteConfig {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(namespaces, "namespaces");
    Objects.requireNonNull(sync, "sync");
    Objects.requireNonNull(port, "port");
    Objects.requireNonNull(logFormat, "logFormat");
    Objects.requireNonNull(leaderElection, "leaderElection");
    Objects.requireNonNull(statusReport, "statusReport");
    warnings = List.copyOf(warnings);
  }

  /** {@code kubeconfig_kind}: a live cluster, or a manifests file. */
  sealed interface Cluster {
    /** The {@code kubeconfig_kind} value. */
    String kind();
  }

  /** {@code kubeconfig_kind = serviceaccount | kubeconfig | kubernetes_url}. */
  record LiveCluster(String kind, KubernetesAuth auth) implements Cluster {
    LiveCluster {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(auth, "auth");
    }
  }

  /**
   * {@code kubeconfig_kind = manifests}: {@code [manifests] path}, resolved to an absolute path.
   */
  record ManifestsCluster(Path path) implements Cluster {
    ManifestsCluster {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public String kind() {
      return "manifests";
    }
  }

  /**
   * {@code dns_backend}: the provider's name and its parsed section.
   *
   * @param name the {@code dns_backend} value
   * @param spec what the provider parsed from {@code [name]}
   */
  record Backend(String name, BackendSpec spec) {
    Backend {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(spec, "spec");
    }
  }

  /** {@code log_format}. */
  enum LogFormat {
    TEXT,
    JSON
  }
}
