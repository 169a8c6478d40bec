package io.kuberoute.dns.route53;

import io.kuberoute.core.model.DesiredRecord;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import io.kuberoute.core.plan.NameChanges;
import io.kuberoute.core.plan.RecordUpdate;
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
 * Turns the planned changes at one name into Route53 changes, deletes first: an update is DELETE
 * (the old values and TTL exactly as Route53 holds them) plus CREATE, never UPSERT, so a record
 * changed behind kuberoute's back makes Route53 refuse the change instead of being overwritten
 * blindly; an update that changes nothing but the owner (adoption, a previous owner id) only
 * rewrites the mark. The name's {@linkplain OwnershipMarks mark} changes go in the same group.
 * Pure.
 */
final class NameChangeBuilder {

  private final OwnershipMarks marks;

  NameChangeBuilder(OwnershipMarks marks) {
    this.marks = Objects.requireNonNull(marks, "marks");
  }

  /**
   * All Route53 changes at the name.
   *
   * @param managed the owner ids whose marks may be rewritten or deleted
   * @throws NameRefused if the name must not be written
   */
  ChangeBatcher.Group groupFor(ZoneRecords zone, NameChanges name, Set<String> managed) {
    List<Change> deletes = new ArrayList<>();
    List<Change> creates = new ArrayList<>();
    Set<RecordType> after = zone.plannedTypesAt(name.name());
    for (RecordSet d : name.deletes()) {
      deletes.add(deleteOf(zone, d));
      after.remove(d.type());
    }
    Optional<String> claim = Optional.empty();
    for (RecordUpdate u : name.updates()) {
      if (!u.before().equals(u.after())) {
        deletes.add(deleteOf(zone, u.before()));
        creates.add(OwnershipMarks.change(ChangeAction.CREATE, toRoute53(u.after())));
      }
      after.add(u.after().type());
      claim = claim.or(() -> Optional.of(u.resource()));
    }
    for (DesiredRecord c : name.creates()) {
      creates.add(OwnershipMarks.change(ChangeAction.CREATE, toRoute53(c.record())));
      after.add(c.record().type());
      claim = claim.or(() -> Optional.of(c.resource()));
    }
    OwnershipMarks.MarkChanges mark =
        marks.changesFor(zone, name.name(), !after.isEmpty(), claim, managed);
    List<Change> all = new ArrayList<>(deletes);
    all.addAll(mark.deletes());
    all.addAll(creates);
    all.addAll(mark.creates());
    return new ChangeBatcher.Group(name.name(), all);
  }

  /**
   * A DELETE repeating the set exactly as Route53 holds it, when what we hold matches {@code d}.
   */
  private static Change deleteOf(ZoneRecords zone, RecordSet d) {
    Optional<ZoneRecords.Entry> held = zone.get(d.name(), d.type());
    if (held.isPresent() && ZoneRecords.toRecordSet(held.get()).map(d::equals).orElse(false)) {
      return OwnershipMarks.change(ChangeAction.DELETE, held.get().raw());
    }
    return OwnershipMarks.change(ChangeAction.DELETE, toRoute53(d));
  }

  /** The record set as Route53 takes it: absolute names, CNAME targets absolute too. */
  static ResourceRecordSet toRoute53(RecordSet r) {
    List<ResourceRecord> values = new ArrayList<>();
    for (String target : r.targets()) {
      String value = r.type() == RecordType.CNAME ? DnsName.of(target).absolute() : target;
      values.add(ResourceRecord.builder().value(value).build());
    }
    return ResourceRecordSet.builder()
        .name(r.name().absolute())
        .type(r.type().name())
        .ttl(r.ttl())
        .resourceRecords(values)
        .build();
  }
}
