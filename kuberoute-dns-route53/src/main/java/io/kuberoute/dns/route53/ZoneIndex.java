package io.kuberoute.dns.route53;

import io.kuberoute.core.model.DnsName;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which hosted zone holds a name: the zone whose name is the longest suffix of it, among every zone
 * of the account (public and private), or only the pinned zone when {@code hosted_zone_id} is set.
 * Two zones with that same longest name (a public and a private {@code example.com}) are ambiguous:
 * the name gets no zone and an error that asks for {@code hosted_zone_id}. Pure.
 */
final class ZoneIndex {

  /** The zone of a name, or why there is none. */
  record Lookup(Optional<HostedZone> zone, String error) {
    static Lookup found(HostedZone zone) {
      return new Lookup(Optional.of(zone), "");
    }

    static Lookup missing(String error) {
      return new Lookup(Optional.empty(), error);
    }
  }

  private final List<HostedZone> zones;
  private final Optional<String> pinnedId;

  /**
   * @param all every hosted zone listed
   * @param pinnedId {@code hosted_zone_id}, if set: only that zone is used
   */
  ZoneIndex(List<HostedZone> all, Optional<String> pinnedId) {
    Objects.requireNonNull(all, "all");
    this.pinnedId = Objects.requireNonNull(pinnedId, "pinnedId");
    this.zones =
        pinnedId.isPresent()
            ? all.stream().filter(z -> z.id().equals(pinnedId.get())).toList()
            : List.copyOf(all);
  }

  /** The zones in use: every zone listed, or only the pinned one. */
  List<HostedZone> zones() {
    return zones;
  }

  /** Whether the pinned zone is missing from the account's zones. */
  boolean pinnedZoneMissing() {
    return pinnedId.isPresent() && zones.isEmpty();
  }

  /** The zone that holds {@code name}. */
  Lookup zoneFor(DnsName name) {
    if (pinnedZoneMissing()) {
      return Lookup.missing(pinnedMissingMessage());
    }
    List<HostedZone> covering = zones.stream().filter(z -> name.isWithin(z.name())).toList();
    if (covering.isEmpty()) {
      return Lookup.missing(noZoneMessage(name));
    }
    int longest = covering.stream().mapToInt(z -> z.name().value().length()).max().orElseThrow();
    List<HostedZone> best =
        covering.stream().filter(z -> z.name().value().length() == longest).toList();
    if (best.size() > 1) {
      return Lookup.missing(
          "%s matches %d hosted zones named %s (%s); set route53.hosted_zone_id to the one kuberoute should write to"
              .formatted(name, best.size(), best.get(0).name(), ids(best)));
    }
    return Lookup.found(best.get(0));
  }

  /**
   * The zones holding records at or below {@code domain}: the zone of the domain itself and every
   * zone below it (a delegated {@code k8s.example.com} under domain {@code example.com}).
   *
   * @return the zones, or an error when the domain has no zone at all or one is ambiguous
   */
  ZonesForDomain zonesFor(DnsName domain) {
    if (pinnedZoneMissing()) {
      return ZonesForDomain.failed(pinnedMissingMessage());
    }
    List<HostedZone> result = new ArrayList<>();
    Lookup own = zoneFor(domain);
    own.zone().ifPresent(result::add);
    boolean ambiguousOwn =
        own.zone().isEmpty() && zones.stream().anyMatch(z -> domain.isWithin(z.name()));
    if (ambiguousOwn) {
      return ZonesForDomain.failed(own.error());
    }
    List<HostedZone> below =
        zones.stream()
            .filter(z -> z.name().isWithin(domain) && !z.name().equals(domain))
            .sorted(Comparator.comparing(HostedZone::name))
            .toList();
    for (HostedZone z : below) {
      Lookup l = zoneFor(z.name());
      if (l.zone().isEmpty()) {
        return ZonesForDomain.failed(l.error());
      }
      if (!result.contains(l.zone().get())) {
        result.add(l.zone().get());
      }
    }
    if (result.isEmpty()) {
      return ZonesForDomain.failed(own.error());
    }
    return new ZonesForDomain(List.copyOf(result), "");
  }

  /** The zones of one domain, or why it has none. */
  record ZonesForDomain(List<HostedZone> zones, String error) {
    static ZonesForDomain failed(String error) {
      return new ZonesForDomain(List.of(), error);
    }

    boolean ok() {
      return !zones.isEmpty();
    }
  }

  private String noZoneMessage(DnsName name) {
    if (pinnedId.isPresent()) {
      return "%s is not in the pinned hosted zone %s (route53.hosted_zone_id)"
          .formatted(name, zones.get(0));
    }
    return "no Route53 hosted zone holds %s (no zone named %s or a parent of it is visible to these credentials)"
        .formatted(name, name);
  }

  private String pinnedMissingMessage() {
    return "the hosted zone %s set in route53.hosted_zone_id does not exist or is not visible to these credentials"
        .formatted(pinnedId.orElseThrow());
  }

  private static String ids(List<HostedZone> zones) {
    return zones.stream()
        .map(z -> z.id() + " " + (z.privateZone() ? "private" : "public"))
        .collect(Collectors.joining(", "));
  }
}
