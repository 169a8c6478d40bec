package io.kuberoute.dns.route53;

import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.plan.ChangeSet;
import io.kuberoute.core.plan.NameChanges;
import io.kuberoute.core.port.ApplyResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * Applies a change set: each name goes to its hosted zone ({@link ZoneIndex}), its changes and its
 * mark's become one group ({@link NameChangeBuilder}), the groups of a zone are packed into
 * requests ({@link ChangeBatcher}) and sent ({@link ChangeSender}). A name outside the managed
 * domains, with no zone, in a zone that cannot be read, refused by the marks or too large for one
 * request fails alone.
 */
final class ChangeApplier {

  /** Route53's limit for a change batch's comment. */
  private static final int MAX_COMMENT = 256;

  private final Route53Client client;
  private final ZoneDirectory directory;
  private final ZoneWriteBasis basis;
  private final NameChangeBuilder builder;
  private final ChangeBatcher batcher;
  private final String comment;

  ChangeApplier(
      Route53Client client,
      ZoneDirectory directory,
      ZoneWriteBasis basis,
      NameChangeBuilder builder,
      ChangeBatcher batcher,
      String ownerId) {
    this.client = Objects.requireNonNull(client, "client");
    this.directory = Objects.requireNonNull(directory, "directory");
    this.basis = Objects.requireNonNull(basis, "basis");
    this.builder = Objects.requireNonNull(builder, "builder");
    this.batcher = Objects.requireNonNull(batcher, "batcher");
    String c = "kuberoute owner " + ownerId;
    this.comment = c.length() <= MAX_COMMENT ? c : c.substring(0, MAX_COMMENT);
  }

  /**
   * @param scope the owner ids whose marks may be rewritten or deleted, and the names that may be
   *     written; a name outside fails alone, unsent
   */
  ApplyResult apply(ChangeSet changes, WriteScope scope) {
    if (changes.isEmpty()) {
      return ApplyResult.OK;
    }
    ZoneIndex index = directory.index();
    Map<DnsName, String> failed = new TreeMap<>();
    Map<HostedZone, List<ChangeBatcher.Group>> groupsByZone = new LinkedHashMap<>();
    Map<String, String> zoneErrors = new HashMap<>();
    for (NameChanges name : changes.byName().values()) {
      if (!scope.mayWrite(name.name())) {
        failed.put(
            name.name(),
            "%s is outside the managed domains (%s); not written"
                .formatted(name.name(), scope.filter()));
        continue;
      }
      ZoneIndex.Lookup lookup = index.zoneFor(name.name());
      if (lookup.zone().isEmpty()) {
        failed.put(name.name(), lookup.error());
        continue;
      }
      HostedZone zone = lookup.zone().get();
      if (zoneErrors.containsKey(zone.id())) {
        failed.put(name.name(), zoneErrors.get(zone.id()));
        continue;
      }
      ZoneRecords records;
      try {
        records = basis.forWrite(zone);
      } catch (ZoneUnreadable e) {
        zoneErrors.put(zone.id(), e.getMessage());
        failed.put(name.name(), e.getMessage());
        continue;
      }
      try {
        ChangeBatcher.Group group = builder.groupFor(records, name, scope.managedOwners());
        if (!group.changes().isEmpty()) {
          groupsByZone.computeIfAbsent(zone, z -> new ArrayList<>()).add(group);
        }
      } catch (NameRefused e) {
        failed.put(name.name(), e.getMessage());
      }
    }

    ChangeSender sender = new ChangeSender(client, comment, basis, failed);
    for (Map.Entry<HostedZone, List<ChangeBatcher.Group>> e : groupsByZone.entrySet()) {
      HostedZone zone = e.getKey();
      ChangeBatcher.Packing packing = batcher.pack(e.getValue());
      for (ChangeBatcher.Group g : packing.tooLarge()) {
        failed.put(
            g.name(),
            ("its %d change(s) hold %d values and %d characters, more than Route53 accepts in one request "
                    + "(%d values, %d characters); not sent")
                .formatted(
                    g.changes().size(),
                    g.values(),
                    g.chars(),
                    ChangeBatcher.MAX_VALUES,
                    ChangeBatcher.MAX_CHARS));
      }
      for (List<ChangeBatcher.Group> batch : packing.batches()) {
        sender.sendBatch(zone, batch);
      }
    }
    sender.throwIfUnreachable();
    return new ApplyResult(failed);
  }
}
