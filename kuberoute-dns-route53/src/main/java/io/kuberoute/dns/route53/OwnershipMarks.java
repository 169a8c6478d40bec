package io.kuberoute.dns.route53;

import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.Ownership;
import io.kuberoute.core.model.RecordType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * The ownership marks ({@link OwnershipMark}) in a zone, for the backend writing as {@code
 * ownerId}: what the mark at a name says, which marks stand alone (no A, AAAA or CNAME at their
 * name), and what a name's changes do to its mark.
 *
 * <p>A mark may be rewritten or deleted only when it names one of the managed owner ids (ours and
 * the previous ones, as the last read was given them); a mark of any other id, or a TXT record at
 * the mark's name that kuberoute did not write, makes the backend refuse the name. Pure.
 */
final class OwnershipMarks {

  /** The mark at a name, as the zone holds it. */
  sealed interface MarkState {
    record Absent() implements MarkState {}

    /** A TXT at the mark's name that kuberoute did not write. */
    record Alien(ResourceRecordSet raw) implements MarkState {}

    record Owned(Ownership ownership, ResourceRecordSet raw) implements MarkState {}
  }

  /** A mark at a name holding no A, AAAA or CNAME record set. */
  record LoneMark(DnsName name, DnsName markName, Ownership ownership) {}

  /** The changes a name's mark needs, deletes first. */
  record MarkChanges(List<Change> deletes, List<Change> creates) {
    static final MarkChanges NONE = new MarkChanges(List.of(), List.of());
  }

  private final String ownerId;

  OwnershipMarks(String ownerId) {
    this.ownerId = Objects.requireNonNull(ownerId, "ownerId");
  }

  String ownerId() {
    return ownerId;
  }

  /** The mark at {@code name}. */
  static MarkState at(ZoneRecords zone, DnsName name) {
    Optional<DnsName> markName = OwnershipMark.nameFor(name);
    if (markName.isEmpty()) {
      return new MarkState.Absent();
    }
    Optional<ZoneRecords.Entry> txt = zone.get(markName.get(), RecordType.TXT);
    if (txt.isEmpty()) {
      return new MarkState.Absent();
    }
    Optional<Ownership> ownership = OwnershipMark.parse(ZoneRecords.values(txt.get().raw()));
    if (ownership.isEmpty() || ownership.get().isUnowned()) {
      return new MarkState.Alien(txt.get().raw());
    }
    return new MarkState.Owned(ownership.get(), txt.get().raw());
  }

  /**
   * The ownership the mark at {@code name} states; unowned when there is none (or an alien TXT).
   */
  static Ownership ownershipAt(ZoneRecords zone, DnsName name) {
    return at(zone, name) instanceof MarkState.Owned o ? o.ownership() : Ownership.unowned();
  }

  /** The lone mark {@code entry} is, if it is a mark with an owner id at a name without records. */
  static Optional<LoneMark> lone(ZoneRecords zone, ZoneRecords.Entry entry) {
    if (entry.type() != RecordType.TXT) {
      return Optional.empty();
    }
    Optional<DnsName> covered = OwnershipMark.coveredName(entry.name());
    if (covered.isEmpty() || !zone.plannedTypesAt(covered.get()).isEmpty()) {
      return Optional.empty();
    }
    return OwnershipMark.parse(ZoneRecords.values(entry.raw()))
        .filter(o -> !o.isUnowned())
        .map(o -> new LoneMark(covered.get(), entry.name(), o));
  }

  /**
   * What the mark at {@code name} needs after the name's record changes.
   *
   * @param recordsLeft whether A, AAAA or CNAME sets remain at the name afterwards
   * @param claim the resource that creates or updates records at the name, if any
   * @param managed the owner ids whose marks may be rewritten or deleted (ours included)
   * @throws NameRefused if the name is marked by another owner (whatever the changes), or records
   *     are written at a name whose mark's place holds a TXT record kuberoute did not write
   */
  MarkChanges changesFor(
      ZoneRecords zone,
      DnsName name,
      boolean recordsLeft,
      Optional<String> claim,
      Set<String> managed) {
    MarkState mark = at(zone, name);
    if (mark instanceof MarkState.Owned o && !managedBy(o.ownership(), managed)) {
      // the planner never plans this; a stale view or a bug must not change another owner's name
      throw new NameRefused(
          "%s is owned by '%s'%s according to %s, not by '%s'; not changed"
              .formatted(
                  name,
                  o.ownership().owner().orElseThrow(),
                  o.ownership().resource().map(r -> " (" + r + ")").orElse(""),
                  OwnershipMark.nameFor(name).orElseThrow(),
                  ownerId));
    }
    if (!recordsLeft) {
      // the last record goes: its mark (ours or a previous id's) goes with it
      return mark instanceof MarkState.Owned o
          ? new MarkChanges(List.of(change(ChangeAction.DELETE, o.raw())), List.of())
          : MarkChanges.NONE;
    }
    if (claim.isEmpty()) {
      return MarkChanges.NONE;
    }
    if (mark instanceof MarkState.Alien) {
      throw new NameRefused(
          ("%s holds a TXT record kuberoute did not write; %s is not changed (remove that TXT record "
                  + "to let kuberoute manage the name)")
              .formatted(OwnershipMark.nameFor(name).orElseThrow(), name));
    }
    String wanted = OwnershipMark.value(ownerId, claim.get());
    if (mark instanceof MarkState.Owned o) {
      if (ZoneRecords.values(o.raw()).equals(List.of(wanted))) {
        return MarkChanges.NONE;
      }
      // another resource, or a previous owner id: rewritten in the same request as the records
      return new MarkChanges(
          List.of(change(ChangeAction.DELETE, o.raw())),
          List.of(change(ChangeAction.CREATE, markSet(name, wanted))));
    }
    return new MarkChanges(List.of(), List.of(change(ChangeAction.CREATE, markSet(name, wanted))));
  }

  private boolean managedBy(Ownership ownership, Set<String> managed) {
    return ownership.isOwnedBy(ownerId) || ownership.owner().map(managed::contains).orElse(false);
  }

  private static ResourceRecordSet markSet(DnsName name, String value) {
    DnsName markName =
        OwnershipMark.nameFor(name)
            .orElseThrow(
                () ->
                    new NameRefused(
                        "%s is too long for its ownership record %s.%s (names may have at most %d characters); not changed"
                            .formatted(
                                name,
                                OwnershipMark.LABEL,
                                name,
                                DnsName.MAX_LENGTH - OwnershipMark.LABEL.length() - 1)));
    List<ResourceRecord> values = new ArrayList<>();
    values.add(ResourceRecord.builder().value(value).build());
    return ResourceRecordSet.builder()
        .name(markName.absolute())
        .type(RecordType.TXT.name())
        .ttl(OwnershipMark.TTL)
        .resourceRecords(values)
        .build();
  }

  static Change change(ChangeAction action, ResourceRecordSet set) {
    return Change.builder().action(action).resourceRecordSet(set).build();
  }
}
