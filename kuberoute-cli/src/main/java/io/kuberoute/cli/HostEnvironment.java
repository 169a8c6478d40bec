package io.kuberoute.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What the configuration's defaults may depend on outside the file: the environment variables and
 * the pod's service-account namespace file. A record, so tests can pass their own.
 */
record HostEnvironment(Map<String, String> env, Path serviceAccountNamespaceFile) {

  /** Where Kubernetes mounts the pod's namespace. */
  static final Path SERVICE_ACCOUNT_NAMESPACE =
      Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

  HostEnvironment {
    env = Map.copyOf(env);
    Objects.requireNonNull(serviceAccountNamespaceFile, "serviceAccountNamespaceFile");
  }

  static HostEnvironment system() {
    return new HostEnvironment(System.getenv(), SERVICE_ACCOUNT_NAMESPACE);
  }

  /** The pod's namespace from the service-account mount, else {@code default}. */
  String podNamespace() {
    try {
      String ns = Files.readString(serviceAccountNamespaceFile, StandardCharsets.UTF_8).strip();
      return ns.isEmpty() ? "default" : ns;
    } catch (IOException | RuntimeException e) {
      return "default";
    }
  }

  /**
   * This instance's name for leader election: {@code HOSTNAME} (the pod name), else a random one.
   */
  String identity() {
    String host = env.getOrDefault("HOSTNAME", "").strip();
    return host.isEmpty() ? "kuberoute-" + UUID.randomUUID().toString().substring(0, 8) : host;
  }
}
