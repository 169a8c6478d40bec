package io.kuberoute.core.port;

import io.kuberoute.core.model.ServiceRef;
import java.util.Objects;

/** Something worth telling the owner of a Service, as a Kubernetes Event on it. */
public record ServiceEvent(ServiceRef service, Type type, String reason, String message) {

  /** Kubernetes event types. */
  public enum Type {
    Normal,
    Warning
  }

  /** Reason when a service starts publishing its failover. */
  public static final String FAILOVER_ACTIVATED = "FailoverActivated";

  /** Reason when a service publishes its own addresses again. */
  public static final String FAILOVER_CLEARED = "FailoverCleared";

  public ServiceEvent {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
  }
}
