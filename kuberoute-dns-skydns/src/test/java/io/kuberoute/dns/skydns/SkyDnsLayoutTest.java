package io.kuberoute.dns.skydns;

import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.core.model.DnsName;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SkyDnsLayoutTest {

  private final SkyDnsLayout layout = new SkyDnsLayout("/skydns");
  private final DnsName shop = DnsName.of("shop.example.com");

  @Test
  void aNameIsItsLabelsReversedUnderThePrefix() {
    assertThat(layout.path(shop)).isEqualTo("/skydns/com/example/shop");
    assertThat(new SkyDnsLayout("/coredns/zones").path(DnsName.of("a.b.example.org")))
        .isEqualTo("/coredns/zones/org/example/b/a");
  }

  @Test
  void theLeafIsTheFirstEightHexDigitsOfTheTargetsSha256() throws Exception {
    String expected =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest("10.0.0.1".getBytes(StandardCharsets.UTF_8)),
                0,
                4);

    assertThat(SkyDnsLayout.leaf("10.0.0.1")).isEqualTo(expected).hasSize(8).matches("[0-9a-f]{8}");
    assertThat(layout.key(shop, "10.0.0.1")).isEqualTo("/skydns/com/example/shop/" + expected);
    assertThat(SkyDnsLayout.leaf("10.0.0.2")).isNotEqualTo(expected);
  }

  @Test
  void theReadmesExampleKeysAreTheRealOnes() {
    assertThat(layout.key(shop, "10.0.0.1")).isEqualTo("/skydns/com/example/shop/f5047344");
    assertThat(layout.key(shop, "10.0.0.2")).isEqualTo("/skydns/com/example/shop/cb5f37b4");
  }

  @Test
  void aNamesRangeEndsAtItsSlashSoThatSiblingsWithTheSamePrefixAreOutside() {
    String start = layout.rangeStart(shop);
    String end = layout.rangeEnd(shop);

    assertThat(start).isEqualTo("/skydns/com/example/shop/");
    assertThat(end).isEqualTo("/skydns/com/example/shop0");
    assertThat(inRange("/skydns/com/example/shop/1a2b3c4d", start, end)).isTrue();
    assertThat(inRange("/skydns/com/example/shop/a/1a2b3c4d", start, end)).isTrue();
    assertThat(inRange("/skydns/com/example/shop2/1a2b3c4d", start, end)).isFalse();
    assertThat(inRange("/skydns/com/example/shop-a/1a2b3c4d", start, end)).isFalse();
    assertThat(inRange("/skydns/com/example/shop", start, end)).isFalse();
  }

  @Test
  void onlyDirectChildrenAreANamesOwnKeys() {
    assertThat(layout.isKeyOf(shop, "/skydns/com/example/shop/1a2b3c4d")).isTrue();
    assertThat(layout.isKeyOf(shop, "/skydns/com/example/shop/a/1a2b3c4d")).isFalse();
    assertThat(layout.isKeyOf(shop, "/skydns/com/example/shop/")).isFalse();
    assertThat(layout.isKeyOf(shop, "/skydns/com/example/shop2/x1")).isFalse();
  }

  @Test
  void aKeyParsesToItsNameAndLeaf() {
    assertThat(layout.parse("/skydns/com/example/shop/x1"))
        .contains(new SkyDnsLayout.KeyName(shop, "x1"));
    assertThat(layout.parse("/skydns/com/example/shop/a/1a2b3c4d"))
        .contains(new SkyDnsLayout.KeyName(DnsName.of("a.shop.example.com"), "1a2b3c4d"));
    assertThat(layout.parse("/skydns/com/example/1a2b3c4d"))
        .contains(new SkyDnsLayout.KeyName(DnsName.of("example.com"), "1a2b3c4d"));
  }

  @Test
  void keysOutsideTheLayoutDoNotParse() {
    assertThat(layout.parse("/other/com/example/shop/x1")).isEmpty();
    assertThat(layout.parse("/skydnsx/com/example/shop/x1")).isEmpty();
    assertThat(layout.parse("/skydns/com")).isEmpty();
    assertThat(layout.parse("/skydns/com/example/shop/")).isEmpty();
    assertThat(layout.parse("/skydns/com/Example/shop/x1")).isEmpty();
    assertThat(layout.parse("/skydns/com/example/*/x1")).isEmpty();
    assertThat(layout.parse("/skydns/com//shop/x1")).isEmpty();
    assertThat(layout.parse("/skydns/com/exa mple/x1")).isEmpty();
  }

  private static boolean inRange(String key, String start, String end) {
    return key.compareTo(start) >= 0 && key.compareTo(end) < 0;
  }
}
