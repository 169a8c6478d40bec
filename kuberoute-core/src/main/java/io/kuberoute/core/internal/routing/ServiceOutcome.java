package io.kuberoute.core.internal.routing;

import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.ServiceRef;
import java.util.Optional;

/** What one qualifying service resolves to: a {@link Route}, or a {@link ServiceProblem}. */
public sealed interface ServiceOutcome permits Route, ServiceProblem {

  ServiceRef service();

  /** The name this outcome concerns, when it could be worked out. */
  Optional<DnsName> name();
}
