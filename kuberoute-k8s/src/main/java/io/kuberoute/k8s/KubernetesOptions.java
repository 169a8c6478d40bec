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
    Namespaces namespaces, String domainLabel, Duration resync, Optional<LeaseSettings> leaderElection) {

  /** Leader election ({@code leader_election = true}) on the Lease {@code lease_namespace/lease_name}. */
  public record LeaseSettings(String leaseName, String leaseNamespace, String identity) {
    public LeaseSettings {
      Objects.requireNonNull(leaseName, "leaseName");
      Objects.requireNonNull(leaseNamespace, "leaseNamespace");
      Objects.requireNonNull(identity, "identity");
    }
  }

  public KubernetesOptions {
    Objects.requireNonNull(namespaces, "namespaces");
    Objects.requireNonNull(domainLabel, "domainLabel");
    Objects.requireNonNull(resync, "resync");
    Objects.requireNonNull(leaderElection, "leaderElection");
  }
}
