package io.kuberoute.dns.rfc2136;

import static io.kuberoute.dns.rfc2136.Rfc2136UpdateBuilderTest.zone;
import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.core.model.CurrentRecord;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.Ownership;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a transferred zone reads as records with ownership, and lone marks. */
class Rfc2136RegistryViewTest {

  private static CurrentRecord current(
      String name, RecordType type, long ttl, Ownership o, String... targets) {
    return new CurrentRecord(RecordSet.of(name, type, ttl, targets), o);
  }

  @Test
  void marksGiveOwnershipToTheAddressAndCnameSetsOfTheirName() {
    ZoneContent zone =
        zone(
            "shop.example.com. 60 A 10.0.0.1",
            "shop.example.com. 60 AAAA 2001:db8:0:0:0:0:0:1",
            "shop.example.com. 60 TXT \"some\" \"text\"",
            "_kuberoute.shop.example.com. 300 TXT \"heritage=kuberoute,owner=kuberoute,resource=service/a/shop\"",
            "www.example.com. 120 CNAME Shop.Example.com.",
            "_kuberoute.www.example.com. 300 TXT \"heritage=kuberoute,owner=cluster-b\"",
            "manual.example.com. 60 A 192.0.2.1",
            "alien.example.com. 60 A 192.0.2.2",
            "_kuberoute.alien.example.com. 60 TXT \"not ours\"");

    RegistryView.Entries entries = RegistryView.of(zone, n -> true);

    Ownership shop = Ownership.ownedBy("kuberoute", "service/a/shop");
    assertThat(entries.records())
        .containsExactlyInAnyOrder(
            current("shop.example.com", RecordType.A, 60, shop, "10.0.0.1"),
            current("shop.example.com", RecordType.AAAA, 60, shop, "2001:db8::1"),
            current("shop.example.com", RecordType.TXT, 60, Ownership.unowned(), "sometext"),
            current(
                "www.example.com",
                RecordType.CNAME,
                120,
                Ownership.ownedBy("cluster-b"),
                "shop.example.com"),
            current("manual.example.com", RecordType.A, 60, Ownership.unowned(), "192.0.2.1"),
            current("alien.example.com", RecordType.A, 60, Ownership.unowned(), "192.0.2.2"));
    assertThat(entries.loneMarks()).isEmpty();
  }

  @Test
  void marksWithoutRecordsAreLoneMarks() {
    ZoneContent zone =
        zone(
            "_kuberoute.gone.example.com. 300 TXT \"heritage=kuberoute,owner=kuberoute,resource=service/a/gone\"",
            "_kuberoute.theirs.example.com. 300 TXT \"heritage=kuberoute,owner=cluster-b\"",
            "_kuberoute.txt-only.example.com. 300 TXT \"heritage=kuberoute,owner=cluster-b\"",
            "txt-only.example.com. 60 TXT \"hello\"",
            "_kuberoute.alien.example.com. 60 TXT \"not ours\"");

    RegistryView.Entries entries = RegistryView.of(zone, n -> true);

    assertThat(entries.loneMarks())
        .isEqualTo(
            Map.of(
                DnsName.of("gone.example.com"), Ownership.ownedBy("kuberoute", "service/a/gone"),
                DnsName.of("theirs.example.com"), Ownership.ownedBy("cluster-b"),
                DnsName.of("txt-only.example.com"), Ownership.ownedBy("cluster-b")));
  }

  @Test
  void delegatedNamesWildcardsAndNamesOfOtherZonesAreLeftOut() {
    ZoneContent zone =
        zone(
            "sub.example.com. 60 NS ns.sub.example.com.",
            "ns.sub.example.com. 60 A 192.0.2.5",
            "*.wild.example.com. 60 A 192.0.2.4",
            "k8s.example.com. 60 A 192.0.2.6",
            "shop.example.com. 60 A 10.0.0.1");

    RegistryView.Entries entries =
        RegistryView.of(zone, n -> !n.isWithin(DnsName.of("k8s.example.com")));

    assertThat(entries.records())
        .extracting(c -> c.record().name().value())
        .containsExactly("shop.example.com");
    assertThat(zone.isDelegated(DnsName.of("a.sub.example.com"))).isTrue();
    assertThat(zone.isDelegated(DnsName.of("example.com"))).isFalse();
  }

  @Test
  void theTransferKeepsTheSoaOnceAndEveryRrsetAsSent() {
    ZoneContent zone = zone("shop.example.com. 60 A 10.0.0.1", "shop.example.com. 60 A 10.0.0.2");

    assertThat(zone.rrset(DnsName.of("example.com"), org.xbill.DNS.Type.SOA)).hasSize(1);
    assertThat(zone.rrset(DnsName.of("shop.example.com"), org.xbill.DNS.Type.A)).hasSize(2);
    assertThat(zone.names())
        .containsExactlyInAnyOrder(DnsName.of("example.com"), DnsName.of("shop.example.com"));
    assertThat(List.copyOf(zone.typesAt(DnsName.of("shop.example.com"))))
        .containsExactly(org.xbill.DNS.Type.A);
  }
}
