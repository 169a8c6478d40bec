package io.kuberoute.dns.rfc2136;

import io.kuberoute.core.model.DesiredRecord;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import io.kuberoute.core.plan.NameChanges;
import io.kuberoute.core.plan.RecordUpdate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * Builds the one UPDATE message (RFC 2136) that applies all changes of one name together with its
 * ownership mark, guarded by prerequisites (§2.4) that state the name as it was read:
 *
 * <pre>
 * change                      | prerequisite                        | update section
 * ----------------------------+-------------------------------------+-------------------------------
 * delete a record set         | RRset exists with exactly its data  | delete the RRset
 * update a record set         | RRset exists with exactly the old   | delete the RRset, add the new
 *                             | data (TTL aside)                    | records (an adoption with equal
 *                             |                                     | data only marks)
 * create a record set         | RRset does not exist                | add the records
 * a CNAME after the change    | A and AAAA do not exist (unless     |
 *                             | deleted in the same message)        |
 * A or AAAA after the change  | CNAME does not exist (unless        |
 *                             | deleted in the same message)        |
 * the mark _kuberoute.name    | TXT RRset exists with exactly the   | rewritten when owner or resource
 *                             | data read, or does not exist        | change; deleted with the last
 *                             |                                     | record of the name
 * </pre>
 *
 * Deletions come before additions, so A↔CNAME switches in one message. If anything at the name
 * changed since it was read, the server answers NXRRSET or YXRRSET and changes nothing. Names the
 * backend must not write (a foreign TXT at the mark's name, a CNAME beside other data, a name below
 * a delegation) are refused without sending anything. Pure.
 */
final class UpdateBuilder {

  /** The message to send, or why there is none. */
  sealed interface Built permits Ready, Refused {}

  /**
   * @param message the UPDATE
   * @param writes the RRsets as they are once the server accepted it (an empty list: removed)
   */
  record Ready(Update message, List<RrsetWrite> writes) implements Built {}

  /** The name is not written; {@code reason} says why. */
  record Refused(String reason) implements Built {}

  /** One RRset after an accepted update. */
  record RrsetWrite(DnsName name, int type, List<Record> records) {}

  private final String ownerId;

  UpdateBuilder(String ownerId) {
    this.ownerId = Objects.requireNonNull(ownerId, "ownerId");
  }

  /** The update of {@code changes.name()} in {@code zone}, as read (and written since). */
  Built build(ZoneContent zone, NameChanges changes) {
    DnsName name = changes.name();
    Optional<DnsName> markName = OwnershipMark.nameFor(name);
    if (markName.isEmpty()) {
      return new Refused(
          "%s is too long for its ownership mark %s.%s (at most %d characters); not changed"
              .formatted(name, OwnershipMark.LABEL, name, DnsName.MAX_LENGTH));
    }
    if (zone.isDelegated(name)) {
      return new Refused(
          "%s lies below a delegation in zone %s (an NS record): it belongs to a child zone; list that zone in rfc2136.zones"
              .formatted(name, zone.apex()));
    }
    OwnershipMark.State mark = OwnershipMark.at(zone, name);
    if (mark instanceof OwnershipMark.State.Alien) {
      return new Refused(
          "%s holds a TXT record kuberoute did not write, so %s cannot be marked as ours; not changed"
              .formatted(markName.get(), name));
    }

    Name owner = RecordConverter.name(name);
    Update update = new Update(RecordConverter.name(zone.apex()));
    List<Record> adds = new ArrayList<>();
    List<RrsetWrite> writes = new ArrayList<>();
    Map<RecordType, RecordSet> after = new EnumMap<>(RecordType.class);
    after.putAll(RegistryView.markedTypesAt(zone, name));
    Set<RecordType> deleted = EnumSet.noneOf(RecordType.class);
    Set<RecordType> touched = EnumSet.noneOf(RecordType.class);
    Optional<String> resource = Optional.empty();

    for (RecordSet d : changes.deletes()) {
      requireAsRead(update, zone, d);
      update.delete(owner, RecordConverter.type(d.type()));
      writes.add(new RrsetWrite(name, RecordConverter.type(d.type()), List.of()));
      after.remove(d.type());
      deleted.add(d.type());
      touched.add(d.type());
    }
    for (RecordUpdate u : changes.updates()) {
      requireAsRead(update, zone, u.before());
      if (!u.before().equals(u.after())) {
        List<Record> records = RecordConverter.toRecords(u.after());
        update.delete(owner, RecordConverter.type(u.after().type()));
        adds.addAll(records);
        writes.add(new RrsetWrite(name, RecordConverter.type(u.after().type()), records));
      }
      after.put(u.after().type(), u.after());
      touched.add(u.after().type());
      resource = resource.or(() -> Optional.of(u.resource()));
    }
    for (DesiredRecord c : changes.creates()) {
      RecordSet r = c.record();
      update.absent(owner, RecordConverter.type(r.type()));
      List<Record> records = RecordConverter.toRecords(r);
      adds.addAll(records);
      writes.add(new RrsetWrite(name, RecordConverter.type(r.type()), records));
      after.put(r.type(), r);
      touched.add(r.type());
      resource = resource.or(() -> Optional.of(c.resource()));
    }

    Optional<Refused> cname = guardCname(update, zone, name, owner, after, deleted, touched);
    if (cname.isPresent()) {
      return cname.get();
    }
    markChange(update, zone, markName.get(), mark, after.isEmpty(), resource, adds, writes);
    adds.forEach(update::add);
    return new Ready(update, writes);
  }

  /**
   * A CNAME may share its name with nothing (RFC 1034 §3.6.2), and a server silently drops an added
   * CNAME (or address) that would: so the types that must stay absent are stated as absent.
   */
  private static Optional<Refused> guardCname(
      Update update,
      ZoneContent zone,
      DnsName name,
      Name owner,
      Map<RecordType, RecordSet> after,
      Set<RecordType> deleted,
      Set<RecordType> touched) {
    if (after.containsKey(RecordType.CNAME)) {
      Set<String> others = new TreeSet<>();
      for (int type : zone.typesAt(name)) {
        boolean goes = RecordConverter.recordType(type).map(deleted::contains).orElse(false);
        // RRSIG and NSEC may share a CNAME's name (RFC 2181 §10.1, RFC 4035 §2.5) in a signed zone
        if (type != Type.CNAME && type != Type.RRSIG && type != Type.NSEC && !goes) {
          others.add(Type.string(type));
        }
      }
      for (RecordType t : after.keySet()) {
        if (t != RecordType.CNAME) {
          others.add(t.name());
        }
      }
      if (!others.isEmpty()) {
        return Optional.of(
            new Refused(
                "%s holds %s records, so it cannot hold a CNAME (RFC 1034 §3.6.2); not changed"
                    .formatted(name, String.join(", ", others))));
      }
      for (RecordType t : List.of(RecordType.A, RecordType.AAAA)) {
        if (!touched.contains(t)) {
          update.absent(owner, RecordConverter.type(t));
        }
      }
    } else if (!after.isEmpty() && !touched.contains(RecordType.CNAME)) {
      update.absent(owner, Type.CNAME);
    }
    return Optional.empty();
  }

  /** States the mark as read and rewrites or deletes it as the name's records require. */
  private void markChange(
      Update update,
      ZoneContent zone,
      DnsName markName,
      OwnershipMark.State mark,
      boolean nameEmptyAfter,
      Optional<String> resource,
      List<Record> adds,
      List<RrsetWrite> writes) {
    Name markOwner = RecordConverter.name(markName);
    List<Record> asRead = zone.rrset(markName, Type.TXT);
    if (asRead.isEmpty()) {
      update.absent(markOwner, Type.TXT);
    } else {
      asRead.forEach(r -> update.present(RecordConverter.withTtl(r, 0)));
    }
    if (nameEmptyAfter) {
      if (!asRead.isEmpty()) {
        update.delete(markOwner, Type.TXT);
        writes.add(new RrsetWrite(markName, Type.TXT, List.of()));
      }
      return;
    }
    if (resource.isEmpty()) {
      return; // only deletions, records remain: the mark stays as it is
    }
    String text = OwnershipMark.text(ownerId, resource.get());
    boolean unchanged =
        asRead.size() == 1 && mark instanceof OwnershipMark.State.Marked m && m.text().equals(text);
    if (unchanged) {
      return;
    }
    if (!asRead.isEmpty()) {
      update.delete(markOwner, Type.TXT);
    }
    Record record = RecordConverter.txt(markName, OwnershipMark.TTL, OwnershipMark.strings(text));
    adds.add(record);
    writes.add(new RrsetWrite(markName, Type.TXT, List.of(record)));
  }

  /**
   * "RRset exists with exactly this data" for {@code expected}: with the records as read when they
   * hold the same data (so the server compares them to the letter), else with {@code expected}'s.
   */
  private static void requireAsRead(Update update, ZoneContent zone, RecordSet expected) {
    List<Record> asRead = zone.rrset(expected.name(), RecordConverter.type(expected.type()));
    boolean same =
        RecordConverter.toRecordSet(expected.name(), expected.type(), asRead)
            .map(r -> r.targets().equals(expected.targets()))
            .orElse(false);
    for (Record r : same ? asRead : RecordConverter.toRecords(expected)) {
      update.present(RecordConverter.withTtl(r, 0));
    }
  }
}
