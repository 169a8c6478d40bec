package io.kuberoute.examples.embedding;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeInfo;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.HostedZoneConfig;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.ListHostedZonesRequest;
import software.amazon.awssdk.services.route53.model.ListHostedZonesResponse;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * A stand-in for Route53 so that {@link ReuseOneBackend} runs without AWS: one public hosted zone
 * in memory, behind the SDK's own {@link Route53Client} interface. It answers the three calls the
 * Route53 adapter makes (ListHostedZones, ListResourceRecordSets, ChangeResourceRecordSets) in one
 * page each, and keeps Route53's rules for a change batch: a CREATE of a record set that exists, or
 * a DELETE whose TTL and values differ from what is held, refuses the whole batch
 * (InvalidChangeBatch). Every accepted change is kept in {@link #takeLog()}.
 *
 * <p>In your program use a real client instead ({@code Route53Client.builder()...build()}), or let
 * {@code Route53DnsBackend.create(Route53Settings, ownerId)} build one. Not thread-safe beyond what
 * the adapter needs (it calls one method at a time).
 */
final class InMemoryRoute53 implements Route53Client {

  private final String zoneId;
  private final String zoneName;

  /** Record sets by "name type", names absolute and lower-case, as Route53 returns them. */
  private final Map<String, ResourceRecordSet> sets = new TreeMap<>();

  private final List<String> log = new ArrayList<>();

  InMemoryRoute53(String zoneId, String zoneName) {
    this.zoneId = zoneId;
    this.zoneName = absolute(zoneName);
  }

  /** Puts a record set into the zone directly, as someone editing the zone by hand would. */
  void put(String name, String type, long ttl, String... values) {
    ResourceRecordSet set = set(name, type, ttl, values);
    sets.put(key(set), set);
  }

  /** The accepted changes since the last call, one line each, and forgets them. */
  List<String> takeLog() {
    List<String> taken = List.copyOf(log);
    log.clear();
    return taken;
  }

  /** The zone's record sets, one line each. */
  List<String> contents() {
    return sets.values().stream().map(InMemoryRoute53::line).toList();
  }

  @Override
  public ListHostedZonesResponse listHostedZones(ListHostedZonesRequest request) {
    HostedZone zone =
        HostedZone.builder()
            .id("/hostedzone/" + zoneId)
            .name(zoneName)
            .callerReference("example")
            .config(HostedZoneConfig.builder().privateZone(false).build())
            .resourceRecordSetCount((long) sets.size())
            .build();
    return ListHostedZonesResponse.builder()
        .hostedZones(zone)
        .isTruncated(false)
        .maxItems("100")
        .build();
  }

  @Override
  public ListResourceRecordSetsResponse listResourceRecordSets(
      ListResourceRecordSetsRequest request) {
    checkZone(request.hostedZoneId());
    return ListResourceRecordSetsResponse.builder()
        .resourceRecordSets(List.copyOf(sets.values()))
        .isTruncated(false)
        .maxItems(request.maxItems() == null ? "300" : request.maxItems())
        .build();
  }

  @Override
  public ChangeResourceRecordSetsResponse changeResourceRecordSets(
      ChangeResourceRecordSetsRequest request) {
    checkZone(request.hostedZoneId());
    // all or nothing: check and apply on a copy
    Map<String, ResourceRecordSet> after = new TreeMap<>(sets);
    List<String> accepted = new ArrayList<>();
    for (Change change : request.changeBatch().changes()) {
      ResourceRecordSet set = change.resourceRecordSet();
      String key = key(set);
      ResourceRecordSet held = after.get(key);
      if (change.action() == ChangeAction.CREATE && held != null) {
        throw refused("Tried to create resource record set [" + key + "] but it already exists");
      }
      if (change.action() == ChangeAction.DELETE && !same(held, set)) {
        throw refused(
            "Tried to delete resource record set ["
                + key
                + "] but "
                + (held == null
                    ? "it was not found"
                    : "the values provided do not match the current values"));
      }
      if (change.action() == ChangeAction.DELETE) {
        after.remove(key);
      } else {
        after.put(key, set);
      }
      accepted.add(change.actionAsString() + " " + line(set));
    }
    sets.clear();
    sets.putAll(after);
    log.addAll(accepted);
    return ChangeResourceRecordSetsResponse.builder()
        .changeInfo(ChangeInfo.builder().id("/change/C1").status(ChangeStatus.PENDING).build())
        .build();
  }

  @Override
  public String serviceName() {
    return SERVICE_NAME;
  }

  @Override
  public void close() {}

  private void checkZone(String id) {
    if (!zoneId.equals(id) && !("/hostedzone/" + zoneId).equals(id)) {
      throw NoSuchHostedZoneException.builder()
          .awsErrorDetails(
              AwsErrorDetails.builder()
                  .errorCode("NoSuchHostedZone")
                  .errorMessage("No hosted zone found with ID: " + id)
                  .build())
          .statusCode(404)
          .build();
    }
  }

  private static InvalidChangeBatchException refused(String message) {
    return InvalidChangeBatchException.builder()
        .awsErrorDetails(
            AwsErrorDetails.builder().errorCode("InvalidChangeBatch").errorMessage(message).build())
        .statusCode(400)
        .message(message)
        .build();
  }

  private static boolean same(ResourceRecordSet held, ResourceRecordSet set) {
    return held != null
        && held.ttl().equals(set.ttl())
        && values(held).stream().sorted().toList().equals(values(set).stream().sorted().toList());
  }

  private static List<String> values(ResourceRecordSet set) {
    return set.resourceRecords().stream().map(ResourceRecord::value).toList();
  }

  private static String key(ResourceRecordSet set) {
    return absolute(set.name()) + " " + set.typeAsString();
  }

  private static String line(ResourceRecordSet set) {
    return absolute(set.name())
        + " "
        + set.typeAsString()
        + " "
        + set.ttl()
        + " "
        + String.join(" ", values(set));
  }

  private static ResourceRecordSet set(String name, String type, long ttl, String... values) {
    List<ResourceRecord> records = new ArrayList<>();
    for (String v : values) {
      records.add(ResourceRecord.builder().value(v).build());
    }
    return ResourceRecordSet.builder()
        .name(absolute(name))
        .type(type)
        .ttl(ttl)
        .resourceRecords(records)
        .build();
  }

  private static String absolute(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower : lower + ".";
  }
}
