package io.kuberoute.core.plan;

import io.kuberoute.core.model.DesiredRecord;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.RecordSet;
import java.util.List;
import java.util.Objects;

/**
 * All changes at one name. Backends apply them together (one etcd transaction, one Route53 batch
 * entry group) so that a reader never sees half a name; order within: deletes, updates, creates.
 */
public record NameChanges(
    DnsName name,
    List<RecordSet> deletes,
    List<RecordUpdate> updates,
    List<DesiredRecord> creates) {

  public NameChanges {
    Objects.requireNonNull(name, "name");
    deletes = List.copyOf(deletes);
    updates = List.copyOf(updates);
    creates = List.copyOf(creates);
  }

  public int size() {
    return deletes.size() + updates.size() + creates.size();
  }
}
