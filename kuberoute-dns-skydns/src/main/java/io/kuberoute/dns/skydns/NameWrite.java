package io.kuberoute.dns.skydns;

import io.kuberoute.core.model.DesiredRecord;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import io.kuberoute.core.plan.NameChanges;
import io.kuberoute.core.plan.RecordUpdate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The etcd writes that carry out the changes at one name, computed from the name's keys as last
 * read. Pure; {@link SkyDnsDnsBackend} sends them as one transaction, guarded by the revisions.
 *
 * <p>For every type the changes touch (a delete, an update's after, a create), the name ends with
 * exactly one key per wanted target ({@link SkyDnsLayout#key}) and no other key of that type:
 *
 * <ul>
 *   <li>a wanted key is put unless it already holds exactly the value to write (our owner id and
 *       the resource of the change: a key of a previous owner id, or one written before values
 *       carried a resource, is rewritten);
 *   <li>any other key of a touched type, ours, a previous owner id's or unowned, is deleted (the
 *       planner decided: a delete of ours, an update or type change over an adopted or taken-over
 *       name); this removes the original kuberoute's {@code x1..xN} keys when such a name is
 *       adopted;
 *   <li>keys of types not touched, and keys whose value is not A/AAAA/CNAME data, stay as they are.
 * </ul>
 *
 * <p>The write is refused (the name fails, nothing is written) when a key of a touched type belongs
 * to an owner that is neither ours nor a previous id, when a wanted key exists holding something
 * that is not ours to overwrite, or when two wanted targets would share a leaf.
 */
final class NameWrite {

  /** A key to write; {@code expected}: the revision it must still have, empty: must not exist. */
  record Put(String key, byte[] value, Optional<Long> expected) {}

  /** The outcome: the writes, or why the name is refused. */
  record Result(
      Optional<String> refusal,
      List<EtcdEntry> deletes,
      List<Put> puts,
      List<EtcdEntry> unchanged) {

    static Result refused(String why) {
      return new Result(Optional.of(why), List.of(), List.of(), List.of());
    }

    /** Nothing to write (the keys already hold the wanted state). */
    boolean isNoOp() {
      return refusal.isEmpty() && deletes.isEmpty() && puts.isEmpty();
    }

    /**
     * The transaction that carries out these writes: guarded by the revision of every key read
     * (those kept, those deleted, those overwritten) and by the absence of every new key.
     */
    EtcdGateway.Txn txn() {
      List<EtcdGateway.Expect> expects = new ArrayList<>();
      for (EtcdEntry e : unchanged) {
        expects.add(new EtcdGateway.Expect(e.key(), e.modRevision()));
      }
      List<String> deleted = new ArrayList<>();
      for (EtcdEntry e : deletes) {
        expects.add(new EtcdGateway.Expect(e.key(), e.modRevision()));
        deleted.add(e.key());
      }
      List<EtcdGateway.Put> written = new ArrayList<>();
      for (Put p : puts) {
        expects.add(
            new EtcdGateway.Expect(p.key(), p.expected().orElse(EtcdGateway.Expect.ABSENT)));
        written.add(new EtcdGateway.Put(p.key(), p.value()));
      }
      return new EtcdGateway.Txn(expects, deleted, written);
    }
  }

  /** A record set to leave at the name, with the resource that claims it. */
  private record Wanted(RecordSet set, String resource) {}

  private final SkyDnsLayout layout;
  private final OwnerIds owners;

  NameWrite(SkyDnsLayout layout, OwnerIds owners) {
    this.layout = Objects.requireNonNull(layout, "layout");
    this.owners = Objects.requireNonNull(owners, "owners");
  }

  /**
   * Plans the writes for {@code changes} over {@code keys}, the name's own keys (direct children of
   * its path) as last read.
   */
  Result plan(NameChanges changes, List<EtcdEntry> keys) {
    Set<RecordType> touched = EnumSet.noneOf(RecordType.class);
    List<Wanted> wantedSets = new ArrayList<>();
    for (RecordSet d : changes.deletes()) {
      touched.add(d.type());
    }
    for (RecordUpdate u : changes.updates()) {
      touched.add(u.after().type());
      wantedSets.add(new Wanted(u.after(), u.resource()));
    }
    for (DesiredRecord c : changes.creates()) {
      touched.add(c.record().type());
      wantedSets.add(new Wanted(c.record(), c.resource()));
    }

    Map<String, byte[]> wanted = new LinkedHashMap<>();
    Map<String, String> targetOfKey = new LinkedHashMap<>();
    for (Wanted w : wantedSets) {
      RecordSet set = w.set();
      for (String target : set.targets()) {
        String key = layout.key(changes.name(), target);
        String other = targetOfKey.putIfAbsent(key, target);
        if (other != null) {
          return Result.refused(
              "targets %s and %s share the key %s (a hash collision); not written"
                  .formatted(other, target, key));
        }
        wanted.put(key, SkyDnsValue.encode(set, target, owners.own(), w.resource()));
      }
    }

    List<EtcdEntry> deletes = new ArrayList<>();
    List<Put> puts = new ArrayList<>();
    List<EtcdEntry> unchanged = new ArrayList<>();
    Map<String, EtcdEntry> existing = new LinkedHashMap<>();
    for (EtcdEntry e : keys) {
      existing.put(e.key(), e);
      SkyDnsValue.Parsed parsed = e.parsed();
      byte[] value = wanted.get(e.key());
      if (value != null) {
        if (parsed.value().isEmpty()) {
          return Result.refused(
              "key %s exists and is not a record kuberoute may change (%s); not changed"
                  .formatted(e.key(), parsed.problem()));
        }
        Optional<String> refusal = foreign(e, parsed.value().get());
        if (refusal.isPresent()) {
          return Result.refused(refusal.get());
        }
        if (e.hasValue(value)) {
          unchanged.add(e);
        } else {
          puts.add(new Put(e.key(), value, Optional.of(e.modRevision())));
        }
      } else if (parsed.value().isPresent() && touched.contains(parsed.value().get().type())) {
        Optional<String> refusal = foreign(e, parsed.value().get());
        if (refusal.isPresent()) {
          return Result.refused(refusal.get());
        }
        deletes.add(e);
      }
    }
    wanted.forEach(
        (key, value) -> {
          if (!existing.containsKey(key)) {
            puts.add(new Put(key, value, Optional.empty()));
          }
        });
    return new Result(Optional.empty(), deletes, puts, unchanged);
  }

  private Optional<String> foreign(EtcdEntry e, SkyDnsValue v) {
    if (v.owner().isPresent() && !owners.manages(v.owner().get())) {
      return Optional.of(
          "key %s belongs to owner '%s', not '%s'; not changed"
              .formatted(e.key(), v.owner().get(), owners.own()));
    }
    return Optional.empty();
  }
}
