package io.kuberoute.core.plan;

import io.kuberoute.core.model.DnsName;
import java.util.Objects;

/** A name kuberoute wants but may not write: another owner has it, or adoption is off. */
public record Conflict(DnsName name, String resource, String message) {
  public Conflict {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return message;
  }
}
