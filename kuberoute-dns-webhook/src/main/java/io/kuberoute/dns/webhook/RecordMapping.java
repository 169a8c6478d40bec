package io.kuberoute.dns.webhook;

import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.RecordKey;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Endpoints as the core's record sets and back. kuberoute writes plain endpoints: name without a
 * trailing dot, {@code A}, {@code AAAA}, {@code CNAME} (target without the trailing dot) or the
 * {@link OwnershipMark} TXT, its TTL, no set identifier, labels or provider-specific properties.
 * Pure.
 */
final class RecordMapping {

  private RecordMapping() {}

  /**
   * The key of an endpoint kuberoute can address: a valid name, a known type, no set identifier.
   */
  static Optional<RecordKey> keyOf(Endpoint e) {
    if (!e.setIdentifier().isEmpty() || !DnsName.isValid(e.dnsName())) {
      return Optional.empty();
    }
    return typeOf(e).map(t -> new RecordKey(DnsName.of(e.dnsName()), t));
  }

  private static Optional<RecordType> typeOf(Endpoint e) {
    try {
      return Optional.of(RecordType.valueOf(e.recordType().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException ex) {
      return Optional.empty();
    }
  }

  /**
   * The A, AAAA or CNAME record set an endpoint holds, or empty if it holds none kuberoute can
   * model.
   */
  static Optional<RecordSet> toRecordSet(Endpoint e) {
    Optional<RecordKey> key = keyOf(e);
    if (key.isEmpty() || key.get().type() == RecordType.TXT) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          RecordSet.of(key.get().name(), key.get().type(), e.recordTtl(), e.targets()));
    } catch (IllegalArgumentException ex) {
      return Optional.empty();
    }
  }

  /** The endpoint kuberoute sends for {@code r}. */
  static Endpoint toEndpoint(RecordSet r) {
    return Endpoint.of(r.name().value(), r.type().name(), r.ttl(), r.targets());
  }

  /**
   * The ownership endpoint of {@code name}; the name must have one ({@link OwnershipMark#nameFor}).
   */
  static Endpoint markEndpoint(DnsName markName, String ownerId, String resource) {
    return Endpoint.of(
        markName.value(),
        RecordType.TXT.name(),
        OwnershipMark.TTL,
        List.of(OwnershipMark.value(ownerId, resource)));
  }

  /**
   * Whether two endpoints hold the same record: same name (case and trailing dot aside), type, set
   * identifier, TTL, targets (in any order; addresses and names compared as the core normalises
   * them) and provider-specific properties (in any order). Labels are not compared.
   */
  static boolean sameRecord(Endpoint a, Endpoint b) {
    return normalName(a.dnsName()).equals(normalName(b.dnsName()))
        && a.recordType().equalsIgnoreCase(b.recordType())
        && a.setIdentifier().equals(b.setIdentifier())
        && a.recordTtl() == b.recordTtl()
        && targets(a).equals(targets(b))
        && sorted(a.providerSpecific()).equals(sorted(b.providerSpecific()));
  }

  private static String normalName(String name) {
    String n = name.strip().toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }

  private static List<String> targets(Endpoint e) {
    Optional<RecordSet> r = toRecordSet(e);
    if (r.isPresent()) {
      return r.get().targets();
    }
    List<String> out = new ArrayList<>(e.targets());
    out.sort(null);
    return out;
  }

  private static List<String> sorted(List<Endpoint.Property> properties) {
    List<String> out = new ArrayList<>();
    for (Endpoint.Property p : properties) {
      out.add(p.name() + "\u0000" + p.value());
    }
    out.sort(null);
    return out;
  }
}
