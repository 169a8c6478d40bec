package io.kuberoute.dns.route53;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.Ownership;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/** What a name's mark says and what its changes do to it, without a server. */
class OwnershipMarksTest {

  private static final HostedZone ZONE = new HostedZone("Z1", DnsName.of("example.com"), false);
  private static final DnsName SHOP = DnsName.of("shop.example.com");
  private static final Set<String> MANAGED = Set.of("kuberoute", "old-id");
  private static final String RESOURCE = "service/default/shop";

  private final OwnershipMarks marks = new OwnershipMarks("kuberoute");

  private static ZoneRecords zone(ResourceRecordSet... sets) {
    return ZoneRecords.of(ZONE, List.of(sets));
  }

  private static ResourceRecordSet set(String name, String type, String... values) {
    return ResourceRecordSet.builder()
        .name(name + ".")
        .type(type)
        .ttl(300L)
        .resourceRecords(
            List.of(values).stream().map(v -> ResourceRecord.builder().value(v).build()).toList())
        .build();
  }

  private static ResourceRecordSet mark(String name, String owner, String resource) {
    return set("_kuberoute." + name, "TXT", OwnershipMark.value(owner, resource));
  }

  private static List<String> describe(List<Change> changes) {
    return changes.stream()
        .map(
            c ->
                c.actionAsString()
                    + " "
                    + c.resourceRecordSet().name()
                    + " "
                    + ZoneRecords.values(c.resourceRecordSet()))
        .toList();
  }

  @Test
  void aMarkStatesItsOwnerAndResource() {
    ZoneRecords z =
        zone(
            set("shop.example.com", "A", "10.0.0.1"),
            mark("shop.example.com", "cluster-b", "service/web/shop"));

    assertThat(OwnershipMarks.ownershipAt(z, SHOP))
        .isEqualTo(Ownership.ownedBy("cluster-b", "service/web/shop"));
    assertThat(OwnershipMarks.ownershipAt(z, DnsName.of("other.example.com")).isUnowned()).isTrue();
  }

  @Test
  void aMarkIsLoneOnlyWhereNoAAaaaOrCnameIs() {
    ZoneRecords z =
        zone(
            set("shop.example.com", "A", "10.0.0.1"),
            mark("shop.example.com", "kuberoute", RESOURCE),
            mark("old.example.com", "cluster-b", "service/web/old"),
            set("old.example.com", "TXT", "\"v=spf1 -all\""),
            set("_kuberoute.note.example.com", "TXT", "\"hand-made note\""));

    List<OwnershipMarks.LoneMark> lone =
        z.entries().stream().map(e -> OwnershipMarks.lone(z, e)).flatMap(Optional::stream).toList();

    assertThat(lone)
        .containsExactly(
            new OwnershipMarks.LoneMark(
                DnsName.of("old.example.com"),
                DnsName.of("_kuberoute.old.example.com"),
                Ownership.ownedBy("cluster-b", "service/web/old")));
  }

  @Test
  void theFirstRecordAtANameGetsAMark() {
    OwnershipMarks.MarkChanges c =
        marks.changesFor(zone(), SHOP, true, Optional.of(RESOURCE), MANAGED);

    assertThat(describe(c.deletes())).isEmpty();
    assertThat(describe(c.creates()))
        .containsExactly(
            "CREATE _kuberoute.shop.example.com. ["
                + OwnershipMark.value("kuberoute", RESOURCE)
                + "]");
  }

  @Test
  void ourMarkNamingTheSameResourceIsLeftAsItIs() {
    ZoneRecords z = zone(mark("shop.example.com", "kuberoute", RESOURCE));

    assertThat(marks.changesFor(z, SHOP, true, Optional.of(RESOURCE), MANAGED))
        .isEqualTo(OwnershipMarks.MarkChanges.NONE);
  }

  @Test
  void aMarkOfAPreviousIdOrAnotherResourceIsRewrittenToOurs() {
    for (ResourceRecordSet old :
        List.of(
            mark("shop.example.com", "old-id", RESOURCE),
            mark("shop.example.com", "kuberoute", "service/x/y"))) {
      OwnershipMarks.MarkChanges c =
          marks.changesFor(zone(old), SHOP, true, Optional.of(RESOURCE), MANAGED);

      assertThat(describe(c.deletes()))
          .containsExactly("DELETE _kuberoute.shop.example.com. " + ZoneRecords.values(old));
      assertThat(describe(c.creates()))
          .containsExactly(
              "CREATE _kuberoute.shop.example.com. ["
                  + OwnershipMark.value("kuberoute", RESOURCE)
                  + "]");
    }
  }

  @Test
  void theMarkGoesWithTheLastRecordWhenItIsOursOrAPreviousIds() {
    for (String owner : List.of("kuberoute", "old-id")) {
      ZoneRecords z = zone(mark("shop.example.com", owner, RESOURCE));

      OwnershipMarks.MarkChanges c = marks.changesFor(z, SHOP, false, Optional.empty(), MANAGED);

      assertThat(describe(c.deletes()))
          .hasSize(1)
          .allMatch(l -> l.startsWith("DELETE _kuberoute.shop.example.com."));
      assertThat(c.creates()).isEmpty();
    }
  }

  @Test
  void anotherOwnersMarkRefusesEveryChangeAtTheName() {
    ZoneRecords z = zone(mark("shop.example.com", "cluster-b", "service/web/shop"));
    String refusal =
        "shop.example.com is owned by 'cluster-b' (service/web/shop) according to _kuberoute.shop.example.com, "
            + "not by 'kuberoute'; not changed";

    assertThatThrownBy(() -> marks.changesFor(z, SHOP, true, Optional.of(RESOURCE), MANAGED))
        .isInstanceOf(NameRefused.class)
        .hasMessage(refusal);
    assertThatThrownBy(() -> marks.changesFor(z, SHOP, false, Optional.empty(), MANAGED))
        .isInstanceOf(NameRefused.class)
        .hasMessage(refusal);
    // a previous id is managed only while the backend was told it
    ZoneRecords old = zone(mark("shop.example.com", "old-id", RESOURCE));
    assertThatThrownBy(
            () -> marks.changesFor(old, SHOP, true, Optional.of(RESOURCE), Set.of("kuberoute")))
        .isInstanceOf(NameRefused.class);
  }

  @Test
  void aTxtKuberouteDidNotWriteAtTheMarksNameRefusesWritesButNotTheLastDelete() {
    ZoneRecords z = zone(set("_kuberoute.shop.example.com", "TXT", "\"hand-made note\""));

    assertThatThrownBy(() -> marks.changesFor(z, SHOP, true, Optional.of(RESOURCE), MANAGED))
        .isInstanceOf(NameRefused.class)
        .hasMessageStartingWith(
            "_kuberoute.shop.example.com holds a TXT record kuberoute did not write");
    assertThat(marks.changesFor(z, SHOP, false, Optional.empty(), MANAGED))
        .isEqualTo(OwnershipMarks.MarkChanges.NONE);
  }
}
