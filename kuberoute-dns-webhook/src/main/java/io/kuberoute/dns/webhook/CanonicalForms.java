package io.kuberoute.dns.webhook;

import io.kuberoute.core.model.RecordKey;
import io.kuberoute.core.model.RecordSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The provider's canonical form of the records kuberoute wants, from {@code POST /adjustendpoints},
 * and the way back. A provider may rewrite what it is given (lower-case names, raise a TTL to its
 * minimum, add a trailing dot to targets); kuberoute sends the canonical form, and reports a record
 * the provider holds in the canonical form of a record set it wanted as that record set, so the
 * planner sees no difference and the next sync changes nothing.
 *
 * <p>An adjusted endpoint is matched to the record set it came from by name (case and trailing dot
 * aside) and type; a record set the answer leaves out, or turns into something kuberoute cannot
 * address (another name, a set identifier, targets the core refuses), is a problem of its name.
 * What was learned lasts while the process runs, one entry per (name, type): after a restart the
 * first sync that finds a record in its canonical form asks again (the update it planned then turns
 * out to be in place, and nothing is written). Not thread-safe (the backend serialises calls).
 */
final class CanonicalForms {

  /** What {@link #adjust} found. */
  record Adjusted(Map<RecordSet, Endpoint> forms, Map<RecordSet, String> problems) {
    Adjusted {
      forms = Map.copyOf(forms);
      problems = Map.copyOf(problems);
    }
  }

  private record Learned(RecordSet wanted, Endpoint canonical) {}

  private final WebhookClient client;
  private final Map<RecordKey, Learned> learned = new HashMap<>();

  CanonicalForms(WebhookClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /**
   * The record set to report for {@code held}, read at {@code key}: the one it is the canonical
   * form of, if known.
   */
  Optional<RecordSet> reportedAs(RecordKey key, Endpoint held) {
    Learned l = learned.get(key);
    return l != null && RecordMapping.sameRecord(l.canonical(), held)
        ? Optional.of(l.wanted())
        : Optional.empty();
  }

  /**
   * The canonical forms of {@code wanted}: known ones from memory, the rest from one {@code POST
   * /adjustendpoints} (none if all are known).
   *
   * @throws ProviderException if the call fails
   */
  Adjusted adjust(Collection<RecordSet> wanted) {
    Map<RecordSet, Endpoint> forms = new LinkedHashMap<>();
    List<RecordSet> ask = new ArrayList<>();
    for (RecordSet r : new HashSet<>(wanted)) {
      Learned l = learned.get(r.key());
      if (l != null && l.wanted().equals(r)) {
        forms.put(r, l.canonical());
      } else {
        ask.add(r);
      }
    }
    Map<RecordSet, String> problems = new LinkedHashMap<>();
    if (ask.isEmpty()) {
      return new Adjusted(forms, problems);
    }
    ask.sort((a, b) -> a.key().compareTo(b.key()));
    byte[] body =
        client.adjust(
            EndpointJson.writeEndpoints(ask.stream().map(RecordMapping::toEndpoint).toList()));
    List<Endpoint> answer;
    try {
      answer = EndpointJson.readEndpoints(body);
    } catch (EndpointJson.Malformed e) {
      throw client.badAnswer("POST /adjustendpoints", e.getMessage());
    }
    Map<RecordKey, Endpoint> byKey = new HashMap<>();
    Set<RecordKey> twice = new HashSet<>();
    for (Endpoint e : answer) {
      RecordMapping.keyOf(e)
          .ifPresent(
              k -> {
                if (byKey.put(k, e) != null) {
                  twice.add(k);
                }
              });
    }
    for (RecordSet r : ask) {
      Endpoint canonical = byKey.get(r.key());
      if (canonical == null || twice.contains(r.key())) {
        problems.put(
            r,
            "%s: POST /adjustendpoints answered %s for %s %s (the provider does not accept it as kuberoute sends it)"
                .formatted(
                    client.where(),
                    canonical == null ? "no endpoint" : "more than one endpoint",
                    r.name(),
                    r.type()));
      } else if (RecordMapping.toRecordSet(canonical).isEmpty()) {
        problems.put(
            r,
            "%s: POST /adjustendpoints turned %s %s into targets %s, TTL %d, which kuberoute cannot manage"
                .formatted(
                    client.where(),
                    r.name(),
                    r.type(),
                    canonical.targets(),
                    canonical.recordTtl()));
      } else {
        forms.put(r, canonical);
        learned.put(r.key(), new Learned(r, canonical));
      }
    }
    return new Adjusted(forms, problems);
  }

  /** Forgets what was learned at {@code key} (its record was deleted). */
  void forget(RecordKey key) {
    learned.remove(key);
  }
}
