package io.kuberoute.core.plan;

import java.util.Objects;

/**
 * The planner's rules: our owner id ({@code owner_id}), the {@link Policy}, whether an existing
 * record nobody owns may be taken over ({@code adopt_existing}), the deletion guard ({@code
 * max_delete_percent}) and whether it is overridden ({@code --force}).
 */
public record PlanSettings(
    String ownerId, Policy policy, boolean adoptExisting, int maxDeletePercent, boolean force) {

  public static final String DEFAULT_OWNER_ID = "kuberoute";
  public static final int DEFAULT_MAX_DELETE_PERCENT = 30;

  public PlanSettings {
    Objects.requireNonNull(ownerId, "ownerId");
    if (ownerId.isBlank()) {
      throw new IllegalArgumentException("owner id must not be empty");
    }
    if (!ownerId.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException(
          "owner id '" + ownerId + "' may contain only letters, digits, '.', '_' and '-'");
    }
    Objects.requireNonNull(policy, "policy");
    if (maxDeletePercent < 0 || maxDeletePercent > 100) {
      throw new IllegalArgumentException(
          "max delete percent must be 0..100 but was " + maxDeletePercent);
    }
  }

  public static PlanSettings defaults() {
    return new PlanSettings(DEFAULT_OWNER_ID, Policy.SYNC, true, DEFAULT_MAX_DELETE_PERCENT, false);
  }

  public PlanSettings withForce(boolean newForce) {
    return new PlanSettings(ownerId, policy, adoptExisting, maxDeletePercent, newForce);
  }
}
