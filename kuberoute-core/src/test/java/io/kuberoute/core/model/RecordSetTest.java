package io.kuberoute.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecordSetTest {

  private static final DnsName SHOP = DnsName.of("shop.example.com");

  @Test
  void sortsAndDeduplicatesTargetsSoEqualityIsStructural() {
    RecordSet a = RecordSet.of(SHOP, RecordType.A, 60, List.of("10.0.0.2", "10.0.0.1", "10.0.0.2"));
    RecordSet b = RecordSet.of(SHOP, RecordType.A, 60, List.of("10.0.0.1", "10.0.0.2"));

    assertThat(a.targets()).containsExactly("10.0.0.1", "10.0.0.2");
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.toString()).isEqualTo("shop.example.com A 60 10.0.0.1,10.0.0.2");
  }

  @Test
  void normalisesIpv6AndCnameTargets() {
    assertThat(RecordSet.of(SHOP, RecordType.AAAA, 60, List.of("2001:DB8:0:0:0:0:0:1")).targets())
        .containsExactly("2001:db8::1");
    assertThat(RecordSet.of(SHOP, RecordType.CNAME, 60, List.of("Failover.Example.com.")).targets())
        .containsExactly("failover.example.com");
  }

  @Test
  void rejectsTargetsOfTheWrongKind() {
    assertThatThrownBy(() -> RecordSet.of(SHOP, RecordType.A, 60, List.of("2001:db8::1")))
        .hasMessage("A record shop.example.com: '2001:db8::1' is not an IPv4 address");
    assertThatThrownBy(() -> RecordSet.of(SHOP, RecordType.AAAA, 60, List.of("10.0.0.1")))
        .hasMessage("AAAA record shop.example.com: '10.0.0.1' is not an IPv6 address");
    assertThatThrownBy(() -> RecordSet.of(SHOP, RecordType.A, 60, List.of("shop")))
        .hasMessage("A record shop.example.com: 'shop' is not an IP address");
    assertThatThrownBy(() -> RecordSet.of(SHOP, RecordType.CNAME, 60, List.of("not a name")))
        .hasMessageStartingWith(
            "CNAME record shop.example.com: target is not a valid name: invalid DNS name 'not a name'");
  }

  @Test
  void aCnameHasExactlyOneTarget() {
    assertThatThrownBy(
            () ->
                RecordSet.of(SHOP, RecordType.CNAME, 60, List.of("a.example.com", "b.example.com")))
        .hasMessage(
            "CNAME shop.example.com must have exactly one target but has [a.example.com, b.example.com]");
  }

  @Test
  void needsTargetsAndATtlInRange() {
    assertThatThrownBy(() -> RecordSet.of(SHOP, RecordType.A, 60, List.of()))
        .hasMessage("record set shop.example.com A has no targets");
    assertThatThrownBy(() -> RecordSet.of(SHOP, RecordType.A, -1, List.of("10.0.0.1")))
        .hasMessage("TTL of shop.example.com A must be 0..2147483647 but was -1");
    assertThatThrownBy(() -> RecordSet.of(SHOP, RecordType.A, 2147483648L, List.of("10.0.0.1")))
        .hasMessage("TTL of shop.example.com A must be 0..2147483647 but was 2147483648");
    assertThat(RecordSet.of(SHOP, RecordType.A, 0, List.of("10.0.0.1")).ttl()).isZero();
  }

  @Test
  void canonicalIpv4IsRecognisedWithoutParsingAndEverythingElseIsParsedOrRejected() {
    assertThat(RecordSet.isCanonicalIpv4("10.0.0.1")).isTrue();
    assertThat(RecordSet.isCanonicalIpv4("255.255.255.255")).isTrue();
    assertThat(RecordSet.isCanonicalIpv4("0.0.0.0")).isTrue();
    for (String other :
        new String[] {
          "010.0.0.1",
          "256.0.0.1",
          "1.2.3",
          "1.2.3.4.5",
          "1.2.3.",
          ".1.2.3",
          "1..2.3",
          "1.2.3.4 ",
          "a.b.c.d",
          "1000.1.1.1",
          ""
        }) {
      assertThat(RecordSet.isCanonicalIpv4(other)).as(other).isFalse();
    }
    assertThatThrownBy(() -> RecordSet.of(SHOP, RecordType.A, 60, List.of("256.0.0.1")))
        .hasMessage("A record shop.example.com: '256.0.0.1' is not an IP address");
    assertThatThrownBy(() -> RecordSet.of(SHOP, RecordType.A, 60, List.of("010.0.0.1")))
        .hasMessage("A record shop.example.com: '010.0.0.1' is not an IP address");
  }

  @Test
  void targetsCannotBeChangedAfterwards() {
    RecordSet r = RecordSet.of(SHOP, RecordType.A, 60, List.of("10.0.0.1"));
    assertThatThrownBy(() -> r.targets().add("10.0.0.2"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void keysSortByNameThenType() {
    RecordKey a = new RecordKey(SHOP, RecordType.A);
    RecordKey aaaa = new RecordKey(SHOP, RecordType.AAAA);
    RecordKey api = new RecordKey(DnsName.of("api.example.com"), RecordType.CNAME);
    assertThat(List.of(aaaa, a, api).stream().sorted().toList()).containsExactly(api, a, aaaa);
  }
}
