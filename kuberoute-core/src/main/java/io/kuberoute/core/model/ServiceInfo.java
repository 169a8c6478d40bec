package io.kuberoute.core.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What kuberoute needs of a Kubernetes Service: where it is, its type ({@code NodePort}, {@code
 * LoadBalancer}, ...), its labels and its pod selector. A Service without a selector (its
 * endpoints are managed by hand) has {@code Optional.empty()} and matches no pod.
 */
public record ServiceInfo(
    String namespace,
    String name,
    String type,
    Map<String, String> labels,
    Optional<Map<String, String>> selector) {

  public ServiceInfo {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    labels = Map.copyOf(Objects.requireNonNull(labels, "labels"));
    selector = Objects.requireNonNull(selector, "selector").map(Map::copyOf);
  }

  public ServiceRef ref() {
    return new ServiceRef(namespace, name);
  }
}
