package io.kuberoute.core.internal.routing;

import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.ServiceRef;
import java.util.Objects;
import java.util.Optional;

/**
 * A qualifying service whose labels cannot be turned into a record. It affects this service only.
 * If its name could still be worked out ({@code fqdn}), what is published there is left alone.
 */
public record ServiceProblem(
    ServiceRef service, Reason reason, String message, Optional<DnsName> fqdn)
    implements ServiceOutcome {

  /** The kind of problem; also the reason of the Kubernetes Event. */
  public enum Reason {
    /** The quota label is not a whole number 0..100. */
    InvalidQuota,
    /** A label template names a key that {@code [replacements]} lacks, or is malformed. */
    InvalidTemplate,
    /** The domain and name labels do not form a valid DNS name. */
    InvalidDnsName,
    /** The failover label is neither an IP address nor a DNS name. */
    InvalidFailover,
    /** Another service (first by namespace/name) already claims the same name. */
    DuplicateName,
    /** The name lies outside {@code [kuberoute] domains}. */
    DomainNotManaged
  }

  public ServiceProblem {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(fqdn, "fqdn");
  }

  @Override
  public Optional<DnsName> name() {
    return fqdn;
  }

  @Override
  public String toString() {
    return "service " + service + ": " + message;
  }
}
