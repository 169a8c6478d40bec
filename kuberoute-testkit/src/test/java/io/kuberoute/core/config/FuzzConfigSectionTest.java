package io.kuberoute.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.core.ConfigurationException;
import io.kuberoute.testkit.fuzz.Fuzz;
import io.kuberoute.testkit.fuzz.FuzzText;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The typed getters of a section on 10,000 generated values: a value or one clear error. */
class FuzzConfigSectionTest {

  private static final List<String> TOKENS =
      List.of(
          "0",
          "1",
          "65535",
          "65536",
          "-1",
          "+1",
          "2147483648",
          "\u0661\u0662",
          "\uff11",
          " ",
          ",",
          ",,",
          "true",
          "Yes",
          "off",
          "http://",
          "https://",
          "user:pw@",
          "host",
          ":80",
          "/path",
          "?q",
          "#f",
          "[::1]",
          "~",
          "~/",
          "\u0000",
          "%",
          "a b",
          "text",
          "JSON");

  private static String values(SplittableRandom r) {
    return r.nextInt(10) == 0
        ? FuzzText.chars(r, FuzzText.ASCII, FuzzText.length(r, 100_000))
        : FuzzText.from(r, TOKENS, "abc019.:/-", 6);
  }

  @Test
  void everyGetterGivesAValueOrAConfigurationErrorOnOneShortLine() {
    Fuzz.text("ConfigSection getters", FuzzConfigSectionTest::values)
        .allowing(ConfigurationException.class)
        .eachAllowedError(Fuzz::oneShortLine)
        .check(
            value -> {
              int getter = Math.floorMod(value.hashCode(), 10);
              ConfigSection s = new ConfigSection("kuberoute", Map.of("k", value));
              switch (getter) {
                case 0 ->
                    s.optionalInt("k", 0, 65535).ifPresent(i -> assertThat(i).isBetween(0, 65535));
                case 1 -> s.seconds("k", Duration.ofSeconds(60), 1, 86400);
                case 2 -> s.optionalBoolean("k");
                case 3 ->
                    s.optionalChoice("k", List.of("text", "json"))
                        .ifPresent(c -> assertThat(c).isIn("text", "json"));
                case 4 -> s.list("k").forEach(e -> assertThat(e).isNotBlank().isEqualTo(e.strip()));
                case 5 ->
                    s.url("k")
                        .ifPresent(
                            u ->
                                assertThat(u.getScheme())
                                    .isIn(
                                        "http", "https", "HTTP", "HTTPS", "Http", "Https", "hTTp",
                                        "HtTpS"));
                case 6 -> s.path("k");
                case 7 -> s.secret("k");
                case 8 ->
                    s.entries("k").forEach(e -> assertThat(e).isNotBlank().isEqualTo(e.strip()));
                default -> s.required("k");
              }
            });
  }

  @Test
  void aNumberIsWrittenInAsciiDigits() {
    Fuzz.text("ConfigSection.optionalInt", FuzzConfigSectionTest::values)
        .allowing(ConfigurationException.class)
        .check(
            value -> {
              ConfigSection s = new ConfigSection("kuberoute", Map.of("k", value));
              s.optionalInt("k", Integer.MIN_VALUE, Integer.MAX_VALUE)
                  .ifPresent(
                      i -> {
                        assertThat(value.strip()).matches("-?[0-9]+");
                        assertThat(Long.parseLong(value.strip())).isEqualTo(i.longValue());
                      });
            });
  }
}
