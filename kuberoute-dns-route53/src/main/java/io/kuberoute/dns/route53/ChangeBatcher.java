package io.kuberoute.dns.route53;

import io.kuberoute.core.model.DnsName;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ResourceRecord;

/**
 * Packs the changes of many names into ChangeResourceRecordSets batches, in order, never splitting
 * one name's changes (its records and its ownership mark) across two batches. A batch holds at most
 * {@code batch_size} changes and stays within Route53's per-request limits: {@value #MAX_VALUES}
 * ResourceRecord elements and {@value #MAX_CHARS} characters of values (an UPSERT counts twice for
 * both). A name whose changes alone exceed {@code batch_size} goes alone in its batch; one that
 * alone exceeds Route53's limits cannot be sent at all. Pure.
 */
final class ChangeBatcher {

  /** Route53: ResourceRecord elements per request. */
  static final int MAX_VALUES = 1000;

  /** Route53: characters of all Value elements per request. */
  static final int MAX_CHARS = 32_000;

  /** All changes of one name, sent together. */
  record Group(DnsName name, List<Change> changes) {
    Group {
      Objects.requireNonNull(name, "name");
      changes = List.copyOf(changes);
    }

    int values() {
      int n = 0;
      for (Change c : changes) {
        n += weight(c) * c.resourceRecordSet().resourceRecords().size();
      }
      return n;
    }

    int chars() {
      int n = 0;
      for (Change c : changes) {
        for (ResourceRecord r : c.resourceRecordSet().resourceRecords()) {
          n += weight(c) * r.value().length();
        }
      }
      return n;
    }

    private static int weight(Change c) {
      return c.action() == ChangeAction.UPSERT ? 2 : 1;
    }
  }

  /** The batches, and the names that fit in no request. */
  record Packing(List<List<Group>> batches, List<Group> tooLarge) {}

  private final int batchSize;

  ChangeBatcher(int batchSize) {
    if (batchSize < 1 || batchSize > Route53Settings.MAX_BATCH_SIZE) {
      throw new IllegalArgumentException("batch size must be 1.." + Route53Settings.MAX_BATCH_SIZE);
    }
    this.batchSize = batchSize;
  }

  Packing pack(List<Group> groups) {
    List<List<Group>> batches = new ArrayList<>();
    List<Group> tooLarge = new ArrayList<>();
    List<Group> current = new ArrayList<>();
    int changes = 0;
    int values = 0;
    int chars = 0;
    for (Group g : groups) {
      if (g.changes().isEmpty()) {
        continue;
      }
      if (g.values() > MAX_VALUES
          || g.chars() > MAX_CHARS
          || g.changes().size() > Route53Settings.MAX_BATCH_SIZE) {
        tooLarge.add(g);
        continue;
      }
      boolean fits =
          changes + g.changes().size() <= batchSize
              && values + g.values() <= MAX_VALUES
              && chars + g.chars() <= MAX_CHARS;
      if (!fits && !current.isEmpty()) {
        batches.add(List.copyOf(current));
        current.clear();
        changes = 0;
        values = 0;
        chars = 0;
      }
      current.add(g);
      changes += g.changes().size();
      values += g.values();
      chars += g.chars();
    }
    if (!current.isEmpty()) {
      batches.add(List.copyOf(current));
    }
    return new Packing(List.copyOf(batches), List.copyOf(tooLarge));
  }

  /** Every change of the groups, in order: the body of one request. */
  static List<Change> changesOf(List<Group> batch) {
    List<Change> out = new ArrayList<>();
    for (Group g : batch) {
      out.addAll(g.changes());
    }
    return out;
  }
}
