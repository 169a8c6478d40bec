package io.kuberoute.core.app;

import io.kuberoute.core.model.DesiredRecord;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.plan.ChangeSet;
import io.kuberoute.core.plan.NameChanges;
import io.kuberoute.core.plan.RecordUpdate;
import java.util.ArrayList;
import java.util.List;

/**
 * The one-line-per-change text form shared by the printing backend, {@code --dry-run} and the logs:
 *
 * <pre>
 * CREATE shop.example.com A 60 10.0.0.1,10.0.0.2
 * UPDATE shop.example.com CNAME 60 failover.example.com
 * DELETE shop.example.com A 60 10.0.0.1,10.0.0.2
 * </pre>
 *
 * Names in order; at each name deletes, then updates, then creates, so a type change reads as a
 * DELETE followed by a CREATE. UPDATE shows the new values, DELETE the values removed.
 */
public final class ChangeLines {
  private ChangeLines() {}

  public static List<String> of(ChangeSet changes) {
    List<String> lines = new ArrayList<>(changes.size());
    for (NameChanges name : changes.byName().values()) {
      for (RecordSet r : name.deletes()) {
        lines.add(line("DELETE", r));
      }
      for (RecordUpdate u : name.updates()) {
        lines.add(line("UPDATE", u.after()));
      }
      for (DesiredRecord c : name.creates()) {
        lines.add(line("CREATE", c.record()));
      }
    }
    return lines;
  }

  /** One change with its parts, for structured logs. */
  public record Change(String action, RecordSet record, String resource) {
    public String line() {
      return ChangeLines.line(action, record);
    }
  }

  /**
   * The changes in the order of {@link #of}, each with the resource that claims it (empty for a
   * delete).
   */
  public static List<Change> changes(ChangeSet changes) {
    List<Change> out = new ArrayList<>(changes.size());
    for (NameChanges name : changes.byName().values()) {
      for (RecordSet r : name.deletes()) {
        out.add(new Change("DELETE", r, ""));
      }
      for (RecordUpdate u : name.updates()) {
        out.add(new Change("UPDATE", u.after(), u.resource()));
      }
      for (DesiredRecord c : name.creates()) {
        out.add(new Change("CREATE", c.record(), c.resource()));
      }
    }
    return out;
  }

  public static String line(String action, RecordSet r) {
    return action + " " + r.name() + " " + r.type() + " " + r.ttl() + " " + r.targetsText();
  }
}
