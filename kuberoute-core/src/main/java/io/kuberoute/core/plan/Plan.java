package io.kuberoute.core.plan;

import io.kuberoute.core.model.RecordSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The planner's answer: the changes to apply, the names it may not write ({@code conflicts}), and
 * the deletions it held back ({@code withheldDeletes}) with the reason ({@code guard}: an
 * incomplete cluster view, or more than {@code max_delete_percent} of owned records), and every
 * orphan the plan wanted to delete, held or not ({@code orphanDeletes}: what the deletion guard's
 * window remembers).
 */
public record Plan(
    ChangeSet changes,
    List<Conflict> conflicts,
    List<RecordSet> withheldDeletes,
    Optional<DeletionGuard> guard,
    List<RecordSet> orphanDeletes) {

  public Plan {
    Objects.requireNonNull(changes, "changes");
    conflicts = List.copyOf(conflicts);
    withheldDeletes = List.copyOf(withheldDeletes);
    Objects.requireNonNull(guard, "guard");
    orphanDeletes = List.copyOf(orphanDeletes);
  }
}
