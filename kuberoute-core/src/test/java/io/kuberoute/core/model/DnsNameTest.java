package io.kuberoute.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DnsNameTest {

  @Test
  void isLowerCasedAndStoredWithoutTheTrailingDot() {
    assertThat(DnsName.of("Shop.Example.COM.").value()).isEqualTo("shop.example.com");
    assertThat(DnsName.of("shop.example.com").absolute()).isEqualTo("shop.example.com.");
    assertThat(DnsName.of("shop.example.com.")).isEqualTo(DnsName.of("SHOP.example.com"));
  }

  @Test
  void acceptsTheLongestLabelAndName() {
    String label63 = "a".repeat(63);
    assertThat(DnsName.of(label63 + ".com").labels()).containsExactly(label63, "com");
    String name253 = ("a".repeat(61) + ".").repeat(4) + "a"; // 62*4 + 1 = 249
    name253 = name253 + ".abc"; // 253
    assertThat(name253).hasSize(253);
    assertThat(DnsName.of(name253).value()).hasSize(253);
  }

  @Test
  void rejectsALabelOf64Characters() {
    assertThatThrownBy(() -> DnsName.of("a".repeat(64) + ".com"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid DNS name '%s': label '%s' has 64 characters, at most 63 allowed",
            "a".repeat(64) + ".com", "a".repeat(64));
  }

  @Test
  void rejectsANameOf254Characters() {
    String name = ("a".repeat(62) + ".").repeat(4) + "ab"; // 63*4 + 2 = 254
    assertThatThrownBy(() -> DnsName.of(name))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid DNS name '%s': 254 characters, at most 253 allowed", name);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''|invalid DNS name '': it is empty",
        "shop..example.com|invalid DNS name 'shop..example.com': empty label",
        ".example.com|invalid DNS name '.example.com': empty label",
        "shop example.com|invalid DNS name 'shop example.com': character ' ' is not allowed (letters, digits, '-' and '_' only)",
        "-shop.example.com|invalid DNS name '-shop.example.com': label '-shop' starts or ends with '-'",
        "shop-.example.com|invalid DNS name 'shop-.example.com': label 'shop-' starts or ends with '-'",
        "shöp.example.com|invalid DNS name 'shöp.example.com': character 'ö' is not allowed (letters, digits, '-' and '_' only)",
        "*.example.com|invalid DNS name '*.example.com': character '*' is not allowed (letters, digits, '-' and '_' only)",
      })
  void rejectsInvalidNamesNamingTheProblem(String name, String message) {
    assertThatThrownBy(() -> DnsName.of(name))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
    assertThat(DnsName.isValid(name)).isFalse();
  }

  @Test
  void allowsUnderscoresForServiceLabels() {
    assertThat(DnsName.of("_kuberoute.shop.example.com").labels())
        .containsExactly("_kuberoute", "shop", "example", "com");
  }

  @Test
  void knowsWhichNamesLieWithinADomain() {
    DnsName domain = DnsName.of("example.com");
    assertThat(DnsName.of("shop.example.com").isWithin(domain)).isTrue();
    assertThat(DnsName.of("a.shop.example.com").isWithin(domain)).isTrue();
    assertThat(domain.isWithin(domain)).isTrue();
    assertThat(DnsName.of("badexample.com").isWithin(domain)).isFalse();
    assertThat(DnsName.of("example.org").isWithin(domain)).isFalse();
    assertThat(domain.prepend("shop")).isEqualTo(DnsName.of("shop.example.com"));
  }

  @Test
  void sortsByText() {
    assertThat(DnsName.of("a.example.com").compareTo(DnsName.of("b.example.com"))).isNegative();
  }
}
