package io.kuberoute.core.plan;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The planner's rules: our owner id ({@code owner_id}), the ids whose records we take over ({@code
 * previous_owner_ids}), the {@link Policy}, whether an existing record nobody owns may be taken
 * over ({@code adopt_existing}), the deletion guard ({@code max_delete_percent}) and whether it is
 * overridden ({@code --force}).
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
        throw new IllegalArgumentException("previous owner id '" + id + "' is the owner id itself");
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

  /**
   * Owner id {@value #DEFAULT_OWNER_ID}, policy {@link Policy#SYNC}, unowned records adopted,
   * deletion guard at {@value #DEFAULT_MAX_DELETE_PERCENT}%, not forced, no previous owner ids.
   */
  public static PlanSettings defaults() {
    return builder().build();
  }

  /**
   * A builder starting from {@link #defaults()}, which names each rule (the two flags cannot be
   * swapped): {@code PlanSettings.builder().ownerId("myorg").adoptExisting(false).build()}.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.ownerId = ownerId;
    b.policy = policy;
    b.adoptExisting = adoptExisting;
    b.maxDeletePercent = maxDeletePercent;
    b.force = force;
    b.previousOwnerIds = previousOwnerIds;
    return b;
  }

  /** Builds {@link PlanSettings}; see {@link PlanSettings#builder()}. */
  public static final class Builder {
    private String ownerId = DEFAULT_OWNER_ID;
    private Policy policy = Policy.SYNC;
    private boolean adoptExisting = true;
    private int maxDeletePercent = DEFAULT_MAX_DELETE_PERCENT;
    private boolean force;
    private Set<String> previousOwnerIds = Set.of();

    private Builder() {}

    /** The id our records are marked with ({@code owner_id}). */
    public Builder ownerId(String value) {
      this.ownerId = Objects.requireNonNull(value, "ownerId");
      return this;
    }

    public Builder policy(Policy value) {
      this.policy = Objects.requireNonNull(value, "policy");
      return this;
    }

    /** Whether an existing record nobody owns may be taken over ({@code adopt_existing}). */
    public Builder adoptExisting(boolean value) {
      this.adoptExisting = value;
      return this;
    }

    /**
     * The deletion guard: most records one sync may delete, in percent ({@code
     * max_delete_percent}).
     */
    public Builder maxDeletePercent(int value) {
      this.maxDeletePercent = value;
      return this;
    }

    /** Whether the deletion guard is overridden ({@code --force}). */
    public Builder force(boolean value) {
      this.force = value;
      return this;
    }

    /** The ids whose records we take over ({@code previous_owner_ids}). */
    public Builder previousOwnerIds(Set<String> values) {
      this.previousOwnerIds = Set.copyOf(values);
      return this;
    }

    /**
     * The settings.
     *
     * @throws IllegalArgumentException saying which value breaks which rule
     */
    public PlanSettings build() {
      return new PlanSettings(
          ownerId, policy, adoptExisting, maxDeletePercent, force, previousOwnerIds);
    }
  }

  public PlanSettings withForce(boolean newForce) {
    return new PlanSettings(
        ownerId, policy, adoptExisting, maxDeletePercent, newForce, previousOwnerIds);
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
