package io.kuberoute.core.plan;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The planner's rules: our owner id ({@code owner_id}), the ids whose records we take over
 * ({@code previous_owner_ids}), the {@link Policy}, whether an existing record nobody owns may be
 * taken over ({@code adopt_existing}), the deletion guard ({@code max_delete_percent}) and whether
 * it is overridden ({@code --force}).
 */
public record PlanSettings(
    String ownerId,
    Policy policy,
    boolean adoptExisting,
    int maxDeletePercent,
    boolean force,
    Set<String> previousOwnerIds) {

  public static final String DEFAULT_OWNER_ID = "kuberoute";
  public static final int DEFAULT_MAX_DELETE_PERCENT = 30;
  private static final Pattern OWNER_ID = Pattern.compile("[A-Za-z0-9._-]+");

  public PlanSettings {
    checkOwnerId(ownerId);
    Objects.requireNonNull(policy, "policy");
    if (maxDeletePercent < 0 || maxDeletePercent > 100) {
      throw new IllegalArgumentException(
          "max delete percent must be 0..100 but was " + maxDeletePercent);
    }
    Objects.requireNonNull(previousOwnerIds, "previousOwnerIds");
    for (String id : previousOwnerIds) {
      checkOwnerId(id);
      if (id.equals(ownerId)) {
        throw new IllegalArgumentException(
            "previous owner id '" + id + "' is the owner id itself");
      }
    }
    previousOwnerIds = Set.copyOf(new TreeSet<>(previousOwnerIds));
  }

  public PlanSettings(
      String ownerId, Policy policy, boolean adoptExisting, int maxDeletePercent, boolean force) {
    this(ownerId, policy, adoptExisting, maxDeletePercent, force, Set.of());
  }

  /**
   * The owner id rule, in one place: letters, digits, '.', '_' and '-', not empty.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static String checkOwnerId(String id) {
    Objects.requireNonNull(id, "owner id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("owner id must not be empty");
    }
    if (!OWNER_ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "owner id '" + id + "' may contain only letters, digits, '.', '_' and '-'");
    }
    return id;
  }

  public static PlanSettings defaults() {
    return new PlanSettings(DEFAULT_OWNER_ID, Policy.SYNC, true, DEFAULT_MAX_DELETE_PERCENT, false);
  }

  public PlanSettings withForce(boolean newForce) {
    return new PlanSettings(ownerId, policy, adoptExisting, maxDeletePercent, newForce, previousOwnerIds);
  }

  public PlanSettings withOwnerId(String id) {
    return new PlanSettings(id, policy, adoptExisting, maxDeletePercent, force, previousOwnerIds);
  }

  public PlanSettings withPreviousOwnerIds(Set<String> ids) {
    return new PlanSettings(ownerId, policy, adoptExisting, maxDeletePercent, force, ids);
  }

  /** Our id and the previous ones: the records a read discovers wherever they are. */
  public Set<String> discoveredOwnerIds() {
    Set<String> all = new TreeSet<>(previousOwnerIds);
    all.add(ownerId);
    return Set.copyOf(all);
  }

  /** Whether a record marked with {@code owner} is ours to manage (ours or a previous id's). */
  public boolean manages(String owner) {
    return ownerId.equals(owner) || previousOwnerIds.contains(owner);
  }
}
