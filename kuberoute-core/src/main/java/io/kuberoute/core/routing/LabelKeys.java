package io.kuberoute.core.routing;

import java.util.Objects;

/**
 * The names of the four Service labels kuberoute reads ({@code [kuberoute] domain_label},
 * {@code name_label}, {@code failover_label}, {@code quota_label}).
 */
public record LabelKeys(String domain, String name, String failover, String quota) {

  /** The label names the original README uses. */
  public static final LabelKeys DEFAULT =
      new LabelKeys("kuberoute_domain", "kuberoute_name", "kuberoute_failover", "kuberoute_quota");

  public LabelKeys {
    requireLabel(domain, "domain");
    requireLabel(name, "name");
    requireLabel(failover, "failover");
    requireLabel(quota, "quota");
  }

  private static void requireLabel(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + " label name must not be empty");
    }
  }
}
