package io.kuberoute.dns.rfc2136;

import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.Ownership;
import java.util.List;
import org.junit.jupiter.api.Test;

class Rfc2136OwnershipMarkTest {

  @Test
  void theMarkIsTheRoute53FormatAtUnderscoreKuberoute() {
    assertThat(OwnershipMark.nameFor(DnsName.of("shop.example.com")))
        .contains(DnsName.of("_kuberoute.shop.example.com"));
    assertThat(OwnershipMark.coveredName(DnsName.of("_kuberoute.shop.example.com")))
        .contains(DnsName.of("shop.example.com"));
    assertThat(OwnershipMark.coveredName(DnsName.of("shop.example.com"))).isEmpty();
    assertThat(OwnershipMark.text("kuberoute", "service/default/shop"))
        .isEqualTo("heritage=kuberoute,owner=kuberoute,resource=service/default/shop");
  }

  @Test
  void parsingFindsTheFirstKuberouteTextAndToleratesOtherKeys() {
    assertThat(
            OwnershipMark.parse(
                List.of(
                    "v=spf1 -all", "heritage=kuberoute, owner=b ,extra=1,resource=service/x/y")))
        .isEqualTo(
            new OwnershipMark.State.Marked(
                Ownership.ownedBy("b", "service/x/y"),
                "heritage=kuberoute, owner=b ,extra=1,resource=service/x/y"));
    assertThat(OwnershipMark.parse(List.of("heritage=kuberoute,owner=b")))
        .isEqualTo(
            new OwnershipMark.State.Marked(Ownership.ownedBy("b"), "heritage=kuberoute,owner=b"));
    assertThat(OwnershipMark.parse(List.of("heritage=kuberoute")))
        .isInstanceOf(OwnershipMark.State.Alien.class);
    assertThat(OwnershipMark.parse(List.of("heritage=other,owner=b")))
        .isInstanceOf(OwnershipMark.State.Alien.class);
    assertThat(OwnershipMark.parse(List.of())).isInstanceOf(OwnershipMark.State.Absent.class);
  }

  @Test
  void longTextIsSplitInto255CharacterStrings() {
    String text = "x".repeat(600);

    List<String> strings = OwnershipMark.strings(text);

    assertThat(strings).extracting(String::length).containsExactly(255, 255, 90);
    assertThat(String.join("", strings)).isEqualTo(text);
  }

  @Test
  void aNameTooLongForItsMarkHasNone() {
    String label = "a".repeat(60);
    DnsName name = DnsName.of(String.join(".", label, label, label, "b".repeat(50), "example.com"));

    assertThat(OwnershipMark.nameFor(name)).isEmpty();
  }
}
