package io.kuberoute.dns.webhook;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One endpoint as external-dns's {@code endpoint.Endpoint} serialises it: {@code dnsName}, {@code
 * targets}, {@code recordType}, {@code setIdentifier}, {@code "recordTTL"} (0: not set), {@code
 * labels}, {@code providerSpecific}. An endpoint read from the provider is kept as it came, so a
 * delete or the old half of an update repeats it to the letter.
 */
record Endpoint(
    String dnsName,
    List<String> targets,
    String recordType,
    String setIdentifier,
    long recordTtl,
    Map<String, String> labels,
    List<Property> providerSpecific) {

  /** One {@code {"name":..,"value":..}} of {@code providerSpecific}. */
  record Property(String name, String value) {
    Property {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }

  Endpoint {
    Objects.requireNonNull(dnsName, "dnsName");
    targets = List.copyOf(targets);
    Objects.requireNonNull(recordType, "recordType");
    Objects.requireNonNull(setIdentifier, "setIdentifier");
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    providerSpecific = List.copyOf(providerSpecific);
  }

  /** A plain endpoint: no set identifier, labels or provider-specific properties. */
  static Endpoint of(String dnsName, String recordType, long ttl, List<String> targets) {
    return new Endpoint(dnsName, targets, recordType, "", ttl, Map.of(), List.of());
  }

  /** {@code shop.example.com A}, as messages name it. */
  String describe() {
    return dnsName
        + " "
        + recordType
        + (setIdentifier.isEmpty() ? "" : " (set " + setIdentifier + ")");
  }
}
