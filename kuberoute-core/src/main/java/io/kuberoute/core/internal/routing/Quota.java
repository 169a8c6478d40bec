package io.kuberoute.core.internal.routing;

/**
 * The share of nodes, in percent, that must run a live pod of a service for its own addresses to be
 * published ({@code kuberoute_quota}). 0 (the default when the label is absent) is always met.
 */
public record Quota(int percent) {

  public static final Quota NONE = new Quota(0);

  public Quota {
    if (percent < 0 || percent > 100) {
      throw new IllegalArgumentException("quota must be 0..100 but was " + percent);
    }
  }

  /**
   * Parses a label value: a whole number 0..100 written with digits only.
   *
   * @throws IllegalArgumentException naming the value and what is allowed
   */
  public static Quota parse(String label) {
    String v = label.strip();
    if (v.isEmpty() || v.length() > 3 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("quota '" + label + "' is not a whole number 0..100");
    }
    int p = Integer.parseInt(v);
    if (p > 100) {
      throw new IllegalArgumentException("quota '" + label + "' is not a whole number 0..100");
    }
    return new Quota(p);
  }

  /**
   * Whether {@code serving} of {@code total} nodes meet this quota: {@code 100 × serving ÷ total ≥
   * percent}, computed exactly. Zero nodes meet only a quota of 0.
   */
  public boolean isMetBy(int serving, int total) {
    if (percent == 0) {
      return true;
    }
    if (total <= 0) {
      return false;
    }
    return 100L * serving >= (long) percent * total;
  }

  /** {@code 100 × serving ÷ total}, 0 when there are no nodes. */
  public static double current(int serving, int total) {
    return total <= 0 ? 0.0 : 100.0 * serving / total;
  }
}
