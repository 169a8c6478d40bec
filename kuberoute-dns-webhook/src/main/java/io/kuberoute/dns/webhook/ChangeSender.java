package io.kuberoute.dns.webhook;

import io.kuberoute.core.model.DesiredRecord;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.plan.ChangeSet;
import io.kuberoute.core.plan.NameChanges;
import io.kuberoute.core.plan.RecordUpdate;
import io.kuberoute.core.port.ApplyResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Sends a change set name by name: one {@code POST /records} per name holding all of its record
 * changes and its ownership mark, so a name is never half written and a refusal, or a provider busy
 * past its retries, fails only that name. The canonical forms of the records it creates or updates
 * come first, from one {@code POST /adjustendpoints} for the whole change set. A name outside the
 * provider's domain filter (or whose mark is) is failed without a request. Once the provider stops
 * answering (refused connection, timeout), the remaining names fail with the same message instead
 * of each waiting for its own timeout.
 *
 * <p>What the provider accepted is recorded in the {@link RecordReader}'s records; after any
 * failure those are dropped, so the next read lists the provider again. Not thread-safe.
 */
final class ChangeSender {

  /**
   * What one apply did.
   *
   * @param result the names not written, with the reason
   * @param requestFailed whether a request to the provider failed (then the records kept were
   *     dropped, and the backend negotiates again)
   */
  record Outcome(ApplyResult result, boolean requestFailed) {}

  private final WebhookClient client;
  private final RecordReader reader;
  private final CanonicalForms canonical;
  private final RecordView view;
  private final NameWrite writes;

  ChangeSender(
      WebhookClient client,
      RecordReader reader,
      CanonicalForms canonical,
      RecordView view,
      String ownerId) {
    this.client = Objects.requireNonNull(client, "client");
    this.reader = Objects.requireNonNull(reader, "reader");
    this.canonical = Objects.requireNonNull(canonical, "canonical");
    this.view = Objects.requireNonNull(view, "view");
    this.writes = new NameWrite(ownerId);
  }

  /**
   * Applies {@code changes} to the provider that holds {@code held} and serves {@code filter}.
   * Never throws for a failure of the provider: every name that was not written is in the result.
   */
  Outcome send(ChangeSet changes, ProviderRecords held, ProviderDomainFilter filter) {
    Map<DnsName, String> failures = new TreeMap<>();
    Map<DnsName, NameChanges> names = new LinkedHashMap<>();
    for (NameChanges name : changes.byName().values()) {
      Optional<String> outside = outsideFilter(name, filter);
      if (outside.isPresent()) {
        failures.put(name.name(), outside.get());
      } else {
        names.put(name.name(), name);
      }
    }

    CanonicalForms.Adjusted adjusted;
    String lost = null;
    boolean requestFailed = false;
    try {
      adjusted = canonical.adjust(wantedRecords(names.values()));
    } catch (ProviderException e) {
      adjusted = new CanonicalForms.Adjusted(Map.of(), Map.of());
      for (NameChanges name : names.values()) {
        if (!wantedRecords(List.of(name)).isEmpty() || e.kind().connectionLost()) {
          failures.put(name.name(), e.getMessage());
        }
      }
      if (e.kind().connectionLost()) {
        lost = e.getMessage();
      }
      requestFailed = true;
    }

    for (NameChanges name : names.values()) {
      if (failures.containsKey(name.name())) {
        continue;
      }
      if (lost != null) {
        failures.put(name.name(), lost);
        continue;
      }
      Optional<String> problem = problemOf(name, adjusted);
      if (problem.isPresent()) {
        failures.put(name.name(), problem.get());
        continue;
      }
      NameWrite.Result write = writes.plan(name, held, adjusted.forms(), view::reportedAs);
      if (write.refusal().isPresent()) {
        failures.put(name.name(), write.refusal().get());
        continue;
      }
      if (write.changes().isEmpty()) {
        continue; // everything is in place already
      }
      try {
        client.apply(EndpointJson.writeChanges(write.changes()));
        reader.accepted(write.changes());
        forgetDeleted(name);
      } catch (ProviderException e) {
        failures.put(name.name(), e.getMessage());
        requestFailed = true;
        if (e.kind().connectionLost()) {
          lost = e.getMessage();
        }
      }
    }
    if (requestFailed) {
      reader.forget();
    }
    return new Outcome(new ApplyResult(failures), requestFailed);
  }

  private Optional<String> outsideFilter(NameChanges name, ProviderDomainFilter filter) {
    if (!filter.matches(name.name())) {
      return Optional.of(
          "%s is outside the provider's domain filter (%s); not sent"
              .formatted(name.name(), filter.describe()));
    }
    Optional<DnsName> mark = OwnershipMark.nameFor(name.name());
    if (mark.isPresent() && !filter.matches(mark.get())) {
      return Optional.of(
          "its ownership record %s is outside the provider's domain filter (%s); %s not sent"
              .formatted(mark.get(), filter.describe(), name.name()));
    }
    return Optional.empty();
  }

  /** The record sets the names create or update to (their canonical forms are needed). */
  private static List<RecordSet> wantedRecords(Iterable<NameChanges> names) {
    List<RecordSet> out = new ArrayList<>();
    for (NameChanges name : names) {
      for (RecordUpdate u : name.updates()) {
        if (!u.before().equals(u.after())) {
          out.add(u.after());
        }
      }
      for (DesiredRecord c : name.creates()) {
        out.add(c.record());
      }
    }
    return out;
  }

  private static Optional<String> problemOf(NameChanges name, CanonicalForms.Adjusted adjusted) {
    for (RecordSet r : wantedRecords(List.of(name))) {
      String problem = adjusted.problems().get(r);
      if (problem != null) {
        return Optional.of(problem);
      }
    }
    return Optional.empty();
  }

  private void forgetDeleted(NameChanges name) {
    for (RecordSet d : name.deletes()) {
      boolean recreated = name.creates().stream().map(DesiredRecord::key).anyMatch(d.key()::equals);
      if (!recreated) {
        canonical.forget(d.key());
      }
    }
  }
}
