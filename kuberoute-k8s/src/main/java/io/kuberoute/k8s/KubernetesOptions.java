package io.kuberoute.k8s;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the live cluster source watches and how: the namespaces, the domain label (Services are
 * filtered server-side by its presence), the full resync interval, and optional leader election on
 * a Lease.
 *
 * <p>{@code resync} is the core's full sync interval. The informers themselves do not resync:
 * fabric8's resync only replays its own cache to event handlers, which adds nothing to the core's
 * periodic full sync; a watch that breaks is re-listed by fabric8.
 */
public record KubernetesOptions(
    Namespaces namespaces,
    String domainLabel,
    Duration resync,
    Optional<LeaseSettings> leaderElection) {

  /**
   * Leader election ({@code leader_election = true}) on the Lease {@code
   * lease_namespace/lease_name}.
   */
  public record LeaseSettings(String leaseName, String leaseNamespace, String identity) {
    public LeaseSettings {
      Objects.requireNonNull(leaseName, "leaseName");
      Objects.requireNonNull(leaseNamespace, "leaseNamespace");
      Objects.requireNonNull(identity, "identity");
    }
  }

  /** The default domain label: the README's {@code kuberoute_domain}. */
  public static final String DEFAULT_DOMAIN_LABEL = "kuberoute_domain";

  /** The default full resync interval, the core's default sync interval. */
  public static final Duration DEFAULT_RESYNC = Duration.ofSeconds(60);

  private static final String NAMESPACES_REQUIRED =
      "namespaces is required: Namespaces.of(\"default\", ...) or Namespaces.any() for all";

  public KubernetesOptions {
    Objects.requireNonNull(namespaces, NAMESPACES_REQUIRED);
    Objects.requireNonNull(domainLabel, "domainLabel");
    Objects.requireNonNull(resync, "resync");
    Objects.requireNonNull(leaderElection, "leaderElection");
  }

  /**
   * Watching {@code namespaces} (required: there is no default; {@link Namespaces#any()} for all)
   * for Services with the label {@value #DEFAULT_DOMAIN_LABEL}, a 60 s resync, no leader election.
   *
   * @throws NullPointerException when {@code namespaces} is null, saying it is required
   */
  public static KubernetesOptions defaults(Namespaces namespaces) {
    return builder(namespaces).build();
  }

  /** A builder for {@code namespaces}, starting from {@link #defaults(Namespaces)}. */
  public static Builder builder(Namespaces namespaces) {
    return new Builder(namespaces);
  }

  /** Builds {@link KubernetesOptions}; see {@link KubernetesOptions#builder(Namespaces)}. */
  public static final class Builder {
    private final Namespaces namespaces;
    private String domainLabel = DEFAULT_DOMAIN_LABEL;
    private Duration resync = DEFAULT_RESYNC;
    private Optional<LeaseSettings> leaderElection = Optional.empty();

    private Builder(Namespaces namespaces) {
      this.namespaces = Objects.requireNonNull(namespaces, NAMESPACES_REQUIRED);
    }

    /** The label Services must carry (the core's {@code LabelKeys.domain()}). */
    public Builder domainLabel(String value) {
      this.domainLabel = Objects.requireNonNull(value, "domainLabel");
      return this;
    }

    /** The core's full sync interval. */
    public Builder resync(Duration value) {
      this.resync = Objects.requireNonNull(value, "resync");
      return this;
    }

    /** Leader election on the Lease {@code leaseNamespace/leaseName}, as {@code identity}. */
    public Builder leaderElection(String leaseName, String leaseNamespace, String identity) {
      this.leaderElection = Optional.of(new LeaseSettings(leaseName, leaseNamespace, identity));
      return this;
    }

    public KubernetesOptions build() {
      return new KubernetesOptions(namespaces, domainLabel, resync, leaderElection);
    }
  }
}
