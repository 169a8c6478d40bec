package io.kuberoute.dns.webhook;

import io.kuberoute.core.model.DesiredRecord;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.Ownership;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import io.kuberoute.core.plan.NameChanges;
import io.kuberoute.core.plan.RecordUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns the changes of one name into one {@code POST /records} body: its record changes plus what
 * its ownership mark needs.
 *
 * <ul>
 *   <li>A delete, and the old half of an update, repeat the endpoint exactly as the provider listed
 *       it when it is the record the planner saw; otherwise they send what the planner saw, and the
 *       provider refuses the change if the record changed behind kuberoute's back.
 *   <li>Creates and the new half of updates carry the provider's canonical form ({@link
 *       CanonicalForms}); an update whose canonical form the provider already holds is left out.
 *   <li>The mark is created with the first record at the name, rewritten when another resource or
 *       owner id claims the name, and deleted with the last record. A TXT at the mark's name that
 *       kuberoute did not write makes the name untouchable (refused with a message).
 * </ul>
 *
 * Who may change a name is the planner's decision (it knows the owner ids kuberoute takes over);
 * the provider's exact match of old halves and deletes makes a concurrent change fail rather than
 * be overwritten. Pure.
 */
final class NameWrite {

  /** The body for one name, or why the name is not written. */
  record Result(WebhookChanges changes, Optional<String> refusal) {
    static Result refused(String why) {
      return new Result(
          new WebhookChanges(List.of(), List.of(), List.of(), List.of()), Optional.of(why));
    }
  }

  private final String ownerId;

  NameWrite(String ownerId) {
    this.ownerId = Objects.requireNonNull(ownerId, "ownerId");
  }

  /**
   * The body for {@code name}.
   *
   * @param held the provider's records as last read and written
   * @param canonical the canonical form of every record set the name creates or updates to
   * @param reported the record set a held endpoint was reported to the planner as, if any
   */
  Result plan(
      NameChanges name,
      ProviderRecords held,
      Map<RecordSet, Endpoint> canonical,
      Function<Endpoint, Optional<RecordSet>> reported) {
    List<Endpoint> creates = new ArrayList<>();
    List<Endpoint> olds = new ArrayList<>();
    List<Endpoint> news = new ArrayList<>();
    List<Endpoint> deletes = new ArrayList<>();
    Set<RecordType> after = held.plannedTypesAt(name.name());

    for (RecordSet d : name.deletes()) {
      deletes.add(heldForm(held, d, reported));
      after.remove(d.type());
    }
    Optional<String> resource = Optional.empty();
    for (RecordUpdate u : name.updates()) {
      resource = resource.or(() -> Optional.of(u.resource()));
      after.add(u.after().type());
      if (u.before().equals(u.after())) {
        continue; // a record taken over: only the mark changes
      }
      Endpoint wanted = Objects.requireNonNull(canonical.get(u.after()), "canonical form");
      Optional<Endpoint> current = held.get(u.after().name(), u.after().type());
      if (current.isPresent() && RecordMapping.sameRecord(current.get(), wanted)) {
        continue; // the provider holds it in its canonical form already
      }
      olds.add(heldForm(held, u.before(), reported));
      news.add(wanted);
    }
    for (DesiredRecord c : name.creates()) {
      resource = resource.or(() -> Optional.of(c.resource()));
      after.add(c.record().type());
      creates.add(Objects.requireNonNull(canonical.get(c.record()), "canonical form"));
    }

    Optional<DnsName> markName = OwnershipMark.nameFor(name.name());
    Optional<Endpoint> mark = markName.flatMap(m -> held.get(m, RecordType.TXT));
    Optional<Ownership> markOwnership = mark.flatMap(m -> OwnershipMark.parse(m.targets()));
    if (after.isEmpty()) {
      if (markOwnership.isPresent()
          && !markOwnership.get().isUnowned()
          && !name.deletes().isEmpty()) {
        deletes.add(mark.get());
      }
    } else if (resource.isPresent()) {
      if (markName.isEmpty()) {
        return Result.refused(
            "%s is too long for its ownership record %s.%s (names may have at most %d characters); not changed"
                .formatted(
                    name.name(),
                    OwnershipMark.LABEL,
                    name.name(),
                    DnsName.MAX_LENGTH - OwnershipMark.LABEL.length() - 1));
      }
      if (mark.isPresent() && (markOwnership.isEmpty() || markOwnership.get().isUnowned())) {
        return Result.refused(
            ("%s holds a TXT record kuberoute did not write; %s is not changed (remove that TXT record "
                    + "to let kuberoute manage the name)")
                .formatted(markName.get(), name.name()));
      }
      Endpoint wanted = RecordMapping.markEndpoint(markName.get(), ownerId, resource.get());
      if (mark.isEmpty()) {
        creates.add(wanted);
      } else if (!markOwnership.get().equals(Ownership.ownedBy(ownerId, resource.get()))) {
        olds.add(mark.get());
        news.add(wanted);
      }
    }
    return new Result(new WebhookChanges(creates, olds, news, deletes), Optional.empty());
  }

  /**
   * The endpoint the provider holds for {@code r} if it is the one the planner saw, else {@code
   * r}'s own.
   */
  private static Endpoint heldForm(
      ProviderRecords held, RecordSet r, Function<Endpoint, Optional<RecordSet>> reported) {
    Optional<Endpoint> e = held.get(r.name(), r.type());
    if (e.isPresent() && reported.apply(e.get()).map(r::equals).orElse(false)) {
      return e.get();
    }
    return RecordMapping.toEndpoint(r);
  }
}
