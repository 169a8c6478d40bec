package io.kuberoute.core.routing;

import java.util.Objects;

/**
 * The names of the four Service labels kuberoute reads ({@code [kuberoute] domain_label}, {@code
 * name_label}, {@code failover_label}, {@code quota_label}). Four strings side by side: start from
 * {@link #DEFAULT} and name the ones that differ, {@code
 * LabelKeys.DEFAULT.withDomain("dns/domain").withName("dns/name")}.
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

  /** These label keys with {@code value} as the domain label ({@code domain_label}). */
  public LabelKeys withDomain(String value) {
    return new LabelKeys(value, name, failover, quota);
  }

  /** These label keys with {@code value} as the name label ({@code name_label}). */
  public LabelKeys withName(String value) {
    return new LabelKeys(domain, value, failover, quota);
  }

  /** These label keys with {@code value} as the failover label ({@code failover_label}). */
  public LabelKeys withFailover(String value) {
    return new LabelKeys(domain, name, value, quota);
  }

  /** These label keys with {@code value} as the quota label ({@code quota_label}). */
  public LabelKeys withQuota(String value) {
    return new LabelKeys(domain, name, failover, value);
  }

  private static void requireLabel(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + " label name must not be empty");
    }
  }
}
