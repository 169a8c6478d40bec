package io.kuberoute.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.testkit.fuzz.Fuzz;
import io.kuberoute.testkit.fuzz.FuzzText;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@link DnsName#of} and {@link DnsName#isValid} on 10,000 generated names each. */
class FuzzDnsNameTest {

  private static final List<String> TOKENS =
      List.of(
          "a",
          "z",
          "0",
          "9",
          "-",
          "_",
          ".",
          "..",
          "shop",
          "example",
          "com",
          "A",
          "Z",
          "xn--",
          "*",
          " ",
          "-a",
          "a-",
          "a".repeat(63),
          "b".repeat(64),
          "\u212a",
          "\u0130",
          "\u00e9",
          "\uff0e",
          "\u3002",
          ".com.");
  private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?");

  private static String names(SplittableRandom r) {
    return switch (r.nextInt(10)) {
      case 0 -> FuzzText.chars(r, FuzzText.ASCII, FuzzText.length(r, 400));
      case 1 -> "a".repeat(r.nextInt(240, 270)); // around the length limit
      case 2 ->
          String.join(
              ".",
              List.of(
                  "x".repeat(r.nextInt(60, 64)),
                  "y".repeat(r.nextInt(60, 64)),
                  "z".repeat(r.nextInt(60, 64)),
                  "w".repeat(r.nextInt(50, 64))));
      default -> FuzzText.from(r, TOKENS, "abcxyz019-_.ABC", 12);
    };
  }

  /** What a valid name becomes: stripped, one trailing dot dropped, lower-cased. */
  private static String normal(String text) {
    String v = text.strip();
    if (v.endsWith(".")) {
      v = v.substring(0, v.length() - 1);
    }
    return v;
  }

  @Test
  void aNameIsValidExactlyWhenItParsesAndThenItIsNormalAsciiLabels() {
    Fuzz.text("DnsName.of", FuzzDnsNameTest::names)
        .allowing(IllegalArgumentException.class)
        .eachAllowedError(Fuzz::oneShortLine)
        .check(
            text -> {
              boolean valid = DnsName.isValid(text);
              DnsName name;
              try {
                name = DnsName.of(text);
              } catch (IllegalArgumentException e) {
                assertThat(valid).as("isValid agrees with of").isFalse();
                throw e;
              }
              assertThat(valid).as("isValid agrees with of").isTrue();
              String normal = normal(text);
              assertThat(normal.chars().allMatch(c -> c < 0x80))
                  .as("only ASCII is a DNS name: " + Fuzz.quoted(normal))
                  .isTrue();
              assertThat(name.value()).isEqualTo(normal.toLowerCase(Locale.ROOT));
              assertThat(name.value().length()).isBetween(1, DnsName.MAX_LENGTH);
              for (String label : name.labels()) {
                assertThat(label.length()).isBetween(1, DnsName.MAX_LABEL_LENGTH);
                assertThat(LABEL.matcher(label).matches()).as(label).isTrue();
              }
              assertThat(DnsName.of(name.value())).isEqualTo(name);
              assertThat(DnsName.of(name.absolute())).isEqualTo(name);
            });
  }

  @Test
  void prependingALabelGivesAValidNameOrTheTypedError() {
    Fuzz.of("DnsName.prepend", r -> List.of(names(r), names(r)))
        .allowing(IllegalArgumentException.class)
        .eachAllowedError(Fuzz::oneShortLine)
        .check(
            pair -> {
              if (!DnsName.isValid(pair.get(1))) {
                return;
              }
              DnsName within = DnsName.of(pair.get(1)).prepend(pair.get(0));
              assertThat(within.isWithin(DnsName.of(pair.get(1)))).isTrue();
            });
  }
}
