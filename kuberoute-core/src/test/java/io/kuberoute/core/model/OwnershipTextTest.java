package io.kuberoute.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OwnershipTextTest {

  @Test
  void theTextReadsBackAsTheOwnershipItStates() {
    String text = OwnershipText.text("cluster-a", "service/default/shop");

    assertThat(text).isEqualTo("heritage=kuberoute,owner=cluster-a,resource=service/default/shop");
    assertThat(OwnershipText.parse(text))
        .contains(Ownership.ownedBy("cluster-a", "service/default/shop"));
  }

  @Test
  void unknownKeysAndSpacesAreIgnoredAndAnotherHeritageIsNoMark() {
    assertThat(OwnershipText.parse(" owner = b , heritage=kuberoute, colour=blue"))
        .contains(Ownership.ownedBy("b"));
    assertThat(OwnershipText.parse("heritage=external-dns,external-dns/owner=default")).isEmpty();
    assertThat(OwnershipText.parse("v=spf1 -all")).isEmpty();
  }

  @Test
  void theMarksNameIsUnderscoreKuberouteAndTooLongANameHasNone() {
    assertThat(OwnershipText.nameFor(DnsName.of("shop.example.com")))
        .contains(DnsName.of("_kuberoute.shop.example.com"));
    assertThat(OwnershipText.coveredName(DnsName.of("_kuberoute.shop.example.com")))
        .contains(DnsName.of("shop.example.com"));
    assertThat(OwnershipText.coveredName(DnsName.of("shop.example.com"))).isEmpty();
    String longName =
        "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(55);
    assertThat(OwnershipText.nameFor(DnsName.of(longName))).isEmpty();
  }

  @Test
  void quotedDataJoinsItsStringsAndKeepsEscapedCharacters() {
    assertThat(OwnershipText.unquote("\"say \\\"hi\\\"\"")).isEqualTo("say \"hi\"");
    assertThat(OwnershipText.unquote("\"heritage=kuberoute,\" \"owner=a\""))
        .isEqualTo("heritage=kuberoute,owner=a");
    assertThat(OwnershipText.unquote("  plain text ")).isEqualTo("plain text");
  }

  @Test
  void theFirstDatumWithOurHeritageCounts() {
    assertThat(
            OwnershipText.parseFirst(
                List.of(
                    "\"v=spf1 -all\"",
                    "\"heritage=kuberoute,owner=c\"",
                    "heritage=kuberoute,owner=d")))
        .contains(Ownership.ownedBy("c"));
    assertThat(OwnershipText.parseFirst(List.of("\"note\""))).isEmpty();
    assertThat(OwnershipText.parseFirst(List.of())).isEmpty();
  }
}
