package io.kuberoute.dns.route53;

import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.core.model.DnsName;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ZoneIndexTest {

  private static final HostedZone EXAMPLE = new HostedZone("Z1", DnsName.of("example.com"), false);
  private static final HostedZone K8S = new HostedZone("Z2", DnsName.of("k8s.example.com"), false);
  private static final HostedZone PRIVATE = new HostedZone("Z3", DnsName.of("example.com"), true);
  private static final HostedZone ORG = new HostedZone("Z4", DnsName.of("example.org"), true);

  private static DnsName n(String s) {
    return DnsName.of(s);
  }

  @Test
  void aNameLivesInTheZoneWithTheLongestMatchingSuffix() {
    ZoneIndex index = new ZoneIndex(List.of(EXAMPLE, K8S, ORG), Optional.empty());

    assertThat(index.zoneFor(n("shop.example.com")).zone()).contains(EXAMPLE);
    assertThat(index.zoneFor(n("a.k8s.example.com")).zone()).contains(K8S);
    assertThat(index.zoneFor(n("k8s.example.com")).zone()).contains(K8S);
    assertThat(index.zoneFor(n("xk8s.example.com")).zone()).contains(EXAMPLE);
    assertThat(index.zoneFor(n("api.example.org")).zone()).contains(ORG);
  }

  @Test
  void aNameNoZoneHoldsGetsAnExplanation() {
    ZoneIndex.Lookup l =
        new ZoneIndex(List.of(EXAMPLE), Optional.empty()).zoneFor(n("shop.example.net"));

    assertThat(l.zone()).isEmpty();
    assertThat(l.error())
        .isEqualTo(
            "no Route53 hosted zone holds shop.example.net (no zone named shop.example.net or a parent of it is "
                + "visible to these credentials)");
  }

  @Test
  void twoZonesOfTheSameNameAreAmbiguous() {
    ZoneIndex.Lookup l =
        new ZoneIndex(List.of(EXAMPLE, PRIVATE, K8S), Optional.empty())
            .zoneFor(n("shop.example.com"));

    assertThat(l.zone()).isEmpty();
    assertThat(l.error())
        .isEqualTo(
            "shop.example.com matches 2 hosted zones named example.com (Z1 public, Z3 private); set "
                + "route53.hosted_zone_id to the one kuberoute should write to");
    // a more specific zone is not ambiguous
    assertThat(
            new ZoneIndex(List.of(EXAMPLE, PRIVATE, K8S), Optional.empty())
                .zoneFor(n("a.k8s.example.com"))
                .zone())
        .contains(K8S);
  }

  @Test
  void aPinnedZoneIsTheOnlyOneUsed() {
    ZoneIndex index = new ZoneIndex(List.of(EXAMPLE, PRIVATE, K8S), Optional.of("Z3"));

    assertThat(index.zoneFor(n("shop.example.com")).zone()).contains(PRIVATE);
    assertThat(index.zoneFor(n("a.k8s.example.com")).zone()).contains(PRIVATE);
    assertThat(index.zoneFor(n("www.example.org")).error())
        .isEqualTo(
            "www.example.org is not in the pinned hosted zone example.com (Z3, private) (route53.hosted_zone_id)");
  }

  @Test
  void aDomainReadsItsOwnZoneAndEveryZoneBelowIt() {
    ZoneIndex index = new ZoneIndex(List.of(EXAMPLE, K8S, ORG), Optional.empty());

    assertThat(index.zonesFor(n("example.com")).zones()).containsExactly(EXAMPLE, K8S);
    assertThat(index.zonesFor(n("k8s.example.com")).zones()).containsExactly(K8S);
    assertThat(index.zonesFor(n("dev.k8s.example.com")).zones()).containsExactly(K8S);
    assertThat(new ZoneIndex(List.of(K8S), Optional.empty()).zonesFor(n("example.com")).zones())
        .containsExactly(K8S);
  }

  @Test
  void aDomainWithoutAnyZoneOrWithAnAmbiguousOneFails() {
    ZoneIndex.ZonesForDomain none =
        new ZoneIndex(List.of(ORG), Optional.empty()).zonesFor(n("example.com"));
    ZoneIndex.ZonesForDomain twice =
        new ZoneIndex(List.of(EXAMPLE, PRIVATE), Optional.empty()).zonesFor(n("example.com"));

    assertThat(none.ok()).isFalse();
    assertThat(none.error())
        .isEqualTo(
            "no Route53 hosted zone holds example.com (no zone named example.com or a parent of it is visible to "
                + "these credentials)");
    assertThat(twice.ok()).isFalse();
    assertThat(twice.error()).startsWith("example.com matches 2 hosted zones named example.com");
  }

  @Test
  void aPinnedIdThatIsNotAmongTheZonesFailsEverything() {
    ZoneIndex index = new ZoneIndex(List.of(EXAMPLE), Optional.of("ZMISSING"));

    assertThat(index.pinnedZoneMissing()).isTrue();
    assertThat(index.zonesFor(n("example.com")).error())
        .isEqualTo(
            "the hosted zone ZMISSING set in route53.hosted_zone_id does not exist or is not visible to these credentials");
    assertThat(index.zoneFor(n("shop.example.com")).zone()).isEmpty();
  }

  @Test
  void zoneIdsLoseRoute53sPrefix() {
    assertThat(HostedZone.plainId("/hostedzone/Z123")).isEqualTo("Z123");
    assertThat(HostedZone.plainId("Z123")).isEqualTo("Z123");
  }
}
