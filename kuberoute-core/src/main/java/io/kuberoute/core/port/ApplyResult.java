package io.kuberoute.core.port;

import io.kuberoute.core.model.DnsName;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of {@link DnsBackend#apply}: the names whose changes failed, each with the reason (as
 * the DNS service gave it). Every other name of the change set was applied completely.
 */
public record ApplyResult(Map<DnsName, String> failedNames) {

  public static final ApplyResult OK = new ApplyResult(Map.of());

  public ApplyResult {
    failedNames = Map.copyOf(Objects.requireNonNull(failedNames, "failedNames"));
  }

  public boolean isComplete() {
    return failedNames.isEmpty();
  }
}
