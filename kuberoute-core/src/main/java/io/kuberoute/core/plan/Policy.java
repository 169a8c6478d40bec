package io.kuberoute.core.plan;

import java.util.Locale;

/** Which changes kuberoute may make ({@code policy}). */
public enum Policy {
  /** Create, update, and delete owned records whose service is gone (default). */
  SYNC("sync"),
  /** Create and update; never remove a name (a type change still replaces the old type). */
  UPSERT_ONLY("upsert-only"),
  /** Only create names that do not exist yet. */
  CREATE_ONLY("create-only");

  private final String configName;

  Policy(String configName) {
    this.configName = configName;
  }

  public String configName() {
    return configName;
  }

  /** Parses {@code sync}, {@code upsert-only} or {@code create-only}. */
  public static Policy parse(String text) {
    String v = text.strip().toLowerCase(Locale.ROOT);
    for (Policy p : values()) {
      if (p.configName.equals(v)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "'" + text + "' is not a policy (allowed: sync, upsert-only, create-only)");
  }
}
