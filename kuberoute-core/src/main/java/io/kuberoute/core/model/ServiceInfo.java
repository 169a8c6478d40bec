package io.kuberoute.core.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What kuberoute needs of a Kubernetes Service: where it is, its type ({@code NodePort}, {@code
 * LoadBalancer}, ...), its labels and its pod selector. A Service without a selector (its endpoints
 * are managed by hand) has {@code Optional.empty()} and matches no pod.
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

  /** The type Kubernetes gives a Service that names none. */
  public static final String CLUSTER_IP = "ClusterIP";

  /**
   * A builder for the Service {@code namespace/name}: type {@value #CLUSTER_IP}, no labels, no
   * selector (as Kubernetes reports a bare Service) until told otherwise.
   *
   * <pre>{@code
   * ServiceInfo shop = ServiceInfo.builder("default", "shop")
   *     .type("NodePort")
   *     .labels(Map.of("kuberoute_domain", "example.com", "kuberoute_name", "shop"))
   *     .selector(Map.of("app", "shop"))
   *     .build();
   * }</pre>
   */
  public static Builder builder(String namespace, String name) {
    return new Builder(namespace, name);
  }

  public ServiceRef ref() {
    return new ServiceRef(namespace, name);
  }

  /** Builds a {@link ServiceInfo}; see {@link ServiceInfo#builder(String, String)}. */
  public static final class Builder {
    private final String namespace;
    private final String name;
    private String type = CLUSTER_IP;
    private Map<String, String> labels = Map.of();
    private Optional<Map<String, String>> selector = Optional.empty();

    private Builder(String namespace, String name) {
      this.namespace = Objects.requireNonNull(namespace, "namespace");
      this.name = Objects.requireNonNull(name, "name");
    }

    /** The type as Kubernetes spells it: {@code NodePort}, {@code LoadBalancer}, ... */
    public Builder type(String value) {
      this.type = Objects.requireNonNull(value, "type");
      return this;
    }

    public Builder labels(Map<String, String> value) {
      this.labels = Map.copyOf(Objects.requireNonNull(value, "labels"));
      return this;
    }

    /** The pod selector ({@code spec.selector}). */
    public Builder selector(Map<String, String> value) {
      this.selector = Optional.of(Map.copyOf(Objects.requireNonNull(value, "selector")));
      return this;
    }

    public ServiceInfo build() {
      return new ServiceInfo(namespace, name, type, labels, selector);
    }
  }
}
