package io.kuberoute.dns.route53;

import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.Ownership;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OwnershipMarkTest {

  @Test
  void theMarkNameIsTheNameWithAnUnderscoreLabelInFront() {
    assertThat(OwnershipMark.nameFor(DnsName.of("shop.example.com")))
        .contains(DnsName.of("_kuberoute.shop.example.com"));
    assertThat(OwnershipMark.coveredName(DnsName.of("_kuberoute.shop.example.com")))
        .contains(DnsName.of("shop.example.com"));
    assertThat(OwnershipMark.coveredName(DnsName.of("shop.example.com"))).isEmpty();
  }

  @Test
  void aNameLongerThan242CharactersHasNoMark() {
    DnsName at242 =
        DnsName.of(
            "a".repeat(63)
                + "."
                + "b".repeat(63)
                + "."
                + "c".repeat(63)
                + "."
                + "d".repeat(46)
                + ".com");
    DnsName at243 =
        DnsName.of(
            "a".repeat(63)
                + "."
                + "b".repeat(63)
                + "."
                + "c".repeat(63)
                + "."
                + "d".repeat(47)
                + ".com");
    assertThat(at242.value()).hasSize(242);

    assertThat(OwnershipMark.nameFor(at242)).isPresent();
    assertThat(OwnershipMark.nameFor(at243)).isEmpty();
  }

  @Test
  void theValueIsQuotedAsRoute53StoresTxtData() {
    assertThat(OwnershipMark.value("kuberoute", "service/default/shop"))
        .isEqualTo("\"heritage=kuberoute,owner=kuberoute,resource=service/default/shop\"");
  }

  @Test
  void aValueReadsBackAsTheOwnerAndResource() {
    assertThat(OwnershipMark.parse(List.of(OwnershipMark.value("cluster-a", "service/web/shop"))))
        .contains(Ownership.ownedBy("cluster-a", "service/web/shop"));
  }

  @Test
  void splitStringsExtraKeysAndSpacesAreTolerated() {
    assertThat(
            OwnershipMark.parse(
                List.of("\"heritage=kuberoute,owner=a\" \",resource=service/x/y,color=blue\"")))
        .contains(Ownership.ownedBy("a", "service/x/y"));
    assertThat(OwnershipMark.parse(List.of("heritage=kuberoute, owner=b")))
        .contains(new Ownership(Optional.of("b"), Optional.empty()));
  }

  @Test
  void textWithoutOurHeritageIsNoMark() {
    assertThat(OwnershipMark.parse(List.of("\"v=spf1 -all\""))).isEmpty();
    assertThat(OwnershipMark.parse(List.of("\"heritage=external-dns,external-dns/owner=default\"")))
        .isEmpty();
    assertThat(OwnershipMark.parse(List.of("\"note\"", "\"heritage=kuberoute,owner=c\"")))
        .contains(Ownership.ownedBy("c"));
  }
}
