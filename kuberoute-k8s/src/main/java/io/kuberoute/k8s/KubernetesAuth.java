package io.kuberoute.k8s;

import io.kuberoute.core.ConfigurationException;
import io.kuberoute.core.config.ConfigSection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How kuberoute authenticates to the Kubernetes API ({@code [kuberoute] kubeconfig_kind}), parsed
 * and checked from the configuration without contacting anything.
 */
public sealed interface KubernetesAuth {

  /** The kinds {@code kubeconfig_kind} accepts for a live cluster. */
  List<String> KINDS = List.of("serviceaccount", "kubeconfig", "kubernetes_url");

  /** In-cluster: the pod's service account token and CA, the API address from the environment. */
  record ServiceAccount() implements KubernetesAuth {}

  /** A kubeconfig file ({@code [kubeconfig] filename}, {@code ~} expanded), its current context. */
  record Kubeconfig(Path filename) implements KubernetesAuth {
    public Kubeconfig {
      Objects.requireNonNull(filename, "filename");
    }
  }

  /**
   * A URL without credentials ({@code [kubernetes_url] url}); TLS verified unless {@code verify =
   * false}; {@code certificate_authority} (a CA file) takes precedence over {@code verify}.
   */
  record Url(URI url, boolean verify, Optional<Path> certificateAuthority)
      implements KubernetesAuth {
    public Url {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(certificateAuthority, "certificateAuthority");
    }
  }

  /**
   * Parses the section named after {@code kind}.
   *
   * @throws ConfigurationException naming {@code section.key} for a missing or bad key, a file that
   *     does not exist, or an unknown kind
   */
  static KubernetesAuth fromConfig(String kind, Optional<ConfigSection> section) {
    switch (kind) {
      case "serviceaccount" -> {
        section.ifPresent(s -> s.ignore(s.keys().toArray(String[]::new)));
        return new ServiceAccount();
      }
      case "kubeconfig" -> {
        ConfigSection s =
            section.orElseThrow(() -> missingSection(kind, "filename = ~/.kube/config"));
        Path file = s.path("filename").orElseThrow(() -> missingKey(s, "filename"));
        if (!Files.isRegularFile(file)) {
          throw s.invalid(
              "filename", file.toString(), "an existing kubeconfig file; this file does not exist");
        }
        return new Kubeconfig(file);
      }
      case "kubernetes_url" -> {
        ConfigSection s =
            section.orElseThrow(() -> missingSection(kind, "url = https://127.0.0.1:6443"));
        URI url = s.url("url").orElseThrow(() -> missingKey(s, "url"));
        if (url.getRawUserInfo() != null) {
          // the value is not shown: it holds credentials
          throw s.invalidSecret(
              "url",
              "a URL without credentials; this mode is for API servers without authentication");
        }
        boolean verify = s.bool("verify", true);
        Optional<Path> ca = s.path("certificate_authority");
        if (ca.isPresent() && !Files.isRegularFile(ca.get())) {
          throw s.invalid(
              "certificate_authority",
              ca.get().toString(),
              "an existing CA certificate file; this file does not exist");
        }
        return new Url(url, verify, ca);
      }
      default ->
          throw new ConfigurationException(
              "invalid value for kuberoute.kubeconfig_kind: '%s' (allowed: %s, manifests)"
                  .formatted(kind, String.join(", ", KINDS)));
    }
  }

  private static ConfigurationException missingSection(String kind, String example) {
    return new ConfigurationException(
        "kubeconfig_kind = %s needs a [%s] section (e.g. '%s')".formatted(kind, kind, example));
  }

  private static ConfigurationException missingKey(ConfigSection s, String key) {
    return new ConfigurationException(
        "missing required key %s (add '%s = ...' to the [%s] section)"
            .formatted(s.qualified(key), key, s.name()));
  }
}
