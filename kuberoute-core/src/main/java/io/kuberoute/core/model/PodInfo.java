package io.kuberoute.core.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What kuberoute needs of a Pod: its labels (for selector matching), its phase, whether its {@code
 * Ready} condition is {@code True}, whether it is being deleted, and where it runs ({@code
 * spec.nodeName}, and {@code status.hostIP} as a fallback to find the node).
 *
 * <p>Build one with {@link #builder(String, String)}, which names every part:
 *
 * <pre>{@code
 * PodInfo pod = PodInfo.builder("default", "web-0")
 *     .labels(Map.of("app", "web"))
 *     .phase(PodInfo.RUNNING)
 *     .readiness(Readiness.READY)
 *     .nodeName("node-1")
 *     .build();
 * }</pre>
 */
public record PodInfo(
    String namespace,
    String name,
    Map<String, String> labels,
    String phase,
    Readiness readiness,
    Termination termination,
    Optional<String> nodeName,
    Optional<String> hostIp) {

  /** The phase of a pod whose containers run. */
  public static final String RUNNING = "Running";

  /** The phase of a pod that reports none. */
  public static final String UNKNOWN = "Unknown";

  public PodInfo {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    labels = Map.copyOf(Objects.requireNonNull(labels, "labels"));
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(readiness, "readiness");
    Objects.requireNonNull(termination, "termination");
    nodeName = Objects.requireNonNull(nodeName, "nodeName").filter(n -> !n.isEmpty());
    hostIp = Objects.requireNonNull(hostIp, "hostIp").filter(h -> !h.isEmpty());
  }

  /**
   * A builder for the pod {@code namespace/name}: no labels, phase {@value #UNKNOWN}, {@link
   * Readiness#NOT_READY}, {@link Termination#NOT_TERMINATING}, no node name and no host IP (as a
   * pod without status is) until told otherwise.
   */
  public static Builder builder(String namespace, String name) {
    return new Builder(namespace, name);
  }

  public boolean isRunning() {
    return RUNNING.equals(phase);
  }

  /** Whether the pod's {@code Ready} condition is {@code True}. */
  public boolean ready() {
    return readiness == Readiness.READY;
  }

  /** Whether the pod is being deleted. */
  public boolean terminating() {
    return termination == Termination.TERMINATING;
  }

  /** This pod with {@code value} as its readiness. */
  public PodInfo withReadiness(Readiness value) {
    return new PodInfo(namespace, name, labels, phase, value, termination, nodeName, hostIp);
  }

  /** This pod with {@code value} as its termination state. */
  public PodInfo withTermination(Termination value) {
    return new PodInfo(namespace, name, labels, phase, readiness, value, nodeName, hostIp);
  }

  /** This pod in phase {@code value}. */
  public PodInfo withPhase(String value) {
    return new PodInfo(namespace, name, labels, value, readiness, termination, nodeName, hostIp);
  }

  /** This pod in namespace {@code value}. */
  public PodInfo withNamespace(String value) {
    return new PodInfo(value, name, labels, phase, readiness, termination, nodeName, hostIp);
  }

  /** Builds a {@link PodInfo}; see {@link PodInfo#builder(String, String)} for the defaults. */
  public static final class Builder {
    private final String namespace;
    private final String name;
    private Map<String, String> labels = Map.of();
    private String phase = UNKNOWN;
    private Readiness readiness = Readiness.NOT_READY;
    private Termination termination = Termination.NOT_TERMINATING;
    private Optional<String> nodeName = Optional.empty();
    private Optional<String> hostIp = Optional.empty();

    private Builder(String namespace, String name) {
      this.namespace = Objects.requireNonNull(namespace, "namespace");
      this.name = Objects.requireNonNull(name, "name");
    }

    public Builder labels(Map<String, String> value) {
      this.labels = Map.copyOf(Objects.requireNonNull(value, "labels"));
      return this;
    }

    /** The pod's {@code status.phase}, such as {@value PodInfo#RUNNING}. */
    public Builder phase(String value) {
      this.phase = Objects.requireNonNull(value, "phase");
      return this;
    }

    public Builder readiness(Readiness value) {
      this.readiness = Objects.requireNonNull(value, "readiness");
      return this;
    }

    public Builder termination(Termination value) {
      this.termination = Objects.requireNonNull(value, "termination");
      return this;
    }

    /** The node the pod runs on ({@code spec.nodeName}). */
    public Builder nodeName(String value) {
      this.nodeName = Optional.of(value);
      return this;
    }

    /** The IP address of the pod's node ({@code status.hostIP}), used when it names no node. */
    public Builder hostIp(String value) {
      this.hostIp = Optional.of(value);
      return this;
    }

    public PodInfo build() {
      return new PodInfo(namespace, name, labels, phase, readiness, termination, nodeName, hostIp);
    }
  }
}
