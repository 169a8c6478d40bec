package io.kuberoute.dns.fake;

import io.kuberoute.core.app.ChangeLines;
import io.kuberoute.core.model.CurrentRecord;
import io.kuberoute.core.model.DesiredRecord;
import io.kuberoute.core.model.Ownership;
import io.kuberoute.core.model.RecordKey;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.plan.ChangeSet;
import io.kuberoute.core.plan.NameChanges;
import io.kuberoute.core.plan.RecordUpdate;
import io.kuberoute.core.port.ApplyResult;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.core.port.ReadScope;
import io.kuberoute.core.port.ZoneState;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code fakedns} backend: keeps what it "wrote" in memory and prints each change to its output
 * (stdout in the program), one line each, in the {@link ChangeLines} form:
 *
 * <pre>
 * CREATE shop.example.com A 60 10.0.0.1,10.0.0.2
 * UPDATE shop.example.com CNAME 60 failover.example.com
 * DELETE shop.example.com A 60 10.0.0.1,10.0.0.2
 * </pre>
 *
 * <p>It starts empty, so the first sync prints a CREATE for every name; later syncs print only what
 * changed. What it holds is its registry: a record it wrote is found again by discovery ({@link
 * ReadScope#ownerIds()}) in any domain, for as long as the process runs. It never fails.
 * Thread-safe.
 */
public final class PrintingDnsBackend implements DnsBackend {

  private final String ownerId;
  private final PrintStream out;
  private final Map<RecordKey, CurrentRecord> records = new TreeMap<>();

  public PrintingDnsBackend(String ownerId, PrintStream out) {
    this.ownerId = Objects.requireNonNull(ownerId, "ownerId");
    this.out = Objects.requireNonNull(out, "out");
  }

  /** Puts a record into memory without printing (a record that "already existed"). */
  public synchronized void seed(RecordSet record, Ownership ownership) {
    records.put(record.key(), new CurrentRecord(record, ownership));
  }

  /** It prints every change: the sync does not log them again at INFO. */
  @Override
  public boolean showsChanges() {
    return true;
  }

  @Override
  public Optional<String> ownerId() {
    return Optional.of(ownerId);
  }

  @Override
  public synchronized ZoneState read(ReadScope scope, boolean refresh) {
    List<CurrentRecord> found = new ArrayList<>();
    for (CurrentRecord r : records.values()) {
      if (scope.wants(r)) {
        found.add(r);
      }
    }
    return ZoneState.of(found);
  }

  @Override
  public synchronized ApplyResult apply(ChangeSet changes) {
    for (NameChanges name : changes.byName().values()) {
      for (RecordSet d : name.deletes()) {
        records.remove(d.key());
      }
      for (RecordUpdate u : name.updates()) {
        records.put(
            u.after().key(),
            new CurrentRecord(u.after(), Ownership.ownedBy(ownerId, u.resource())));
      }
      for (DesiredRecord c : name.creates()) {
        records.put(
            c.key(), new CurrentRecord(c.record(), Ownership.ownedBy(ownerId, c.resource())));
      }
    }
    for (String line : ChangeLines.of(changes)) {
      out.println(line);
    }
    out.flush();
    return ApplyResult.OK;
  }
}
