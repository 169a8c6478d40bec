package io.kuberoute.core.internal.routing;

import java.util.Map;

/** Label selector matching, as Kubernetes does it for a Service's equality-based selector. */
public final class Selectors {
  private Selectors() {}

  /** True if every key of {@code selector} is in {@code labels} with an equal value. */
  public static boolean isSubset(Map<String, String> selector, Map<String, String> labels) {
    for (Map.Entry<String, String> e : selector.entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
