package io.kuberoute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.core.ConfigurationException;
import io.kuberoute.core.config.ConfigSection;
import io.kuberoute.testkit.fuzz.Fuzz;
import io.kuberoute.testkit.fuzz.FuzzText;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The INI reader on 10,000 generated files per property. */
class FuzzIniFileTest {

  private static final Path FILE = Path.of("/etc/kuberoute/config");

  /** Stands for a password: it only ever appears in values, outside any %(name)s. */
  private static final String SECRET = "Zq9s3cr3t";

  private static final List<String> SECTIONS =
      List.of(
          "kuberoute",
          "DEFAULT",
          "fakedns",
          "heartbeat",
          "Kuberoute",
          "a b",
          "x]",
          "[y",
          " k ",
          "kuberoute",
          "heartbeat");
  private static final List<String> KEYS =
      List.of(
          "port",
          "Port",
          "name_template",
          "a",
          "b",
          "k",
          "x y",
          "%",
          "k=",
          "interval",
          "timestamp_template");
  private static final List<String> VALUE_TOKENS =
      List.of(
          "%%",
          "%(",
          ")s",
          "%(a)s",
          "%(b)s",
          "%(port)s",
          "%(k)s",
          "%",
          SECRET,
          "x",
          " ",
          "=",
          ":",
          "#",
          ";",
          "\\",
          "$",
          "\t",
          "8081",
          "[",
          "]");
  private static final List<String> ENDINGS = List.of("\n", "\n", "\n", "\r\n", "\r");

  private static String line(SplittableRandom r) {
    // mostly well-formed lines, so that files get as far as interpolation
    return switch (r.nextInt(60)) {
      case 0, 1, 2, 3, 4, 5, 6, 7 -> "[" + FuzzText.oneOf(r, SECTIONS.toArray(String[]::new)) + "]";
      case 8, 9, 10, 11 ->
          FuzzText.oneOf(r, "# comment " + SECRET, "; comment", "   # indented", "", "  ");
      case 12 -> "  " + FuzzText.from(r, VALUE_TOKENS, "abc", 3); // a continuation line
      case 13 -> FuzzText.chars(r, FuzzText.ASCII, FuzzText.length(r, 300));
      case 14 -> FuzzText.oneOf(r, KEYS.toArray(String[]::new)); // a key without a value
      default ->
          FuzzText.oneOf(r, KEYS.toArray(String[]::new))
              + FuzzText.oneOf(r, " = ", "=", ": ", ":", " := ", " =")
              + FuzzText.from(r, VALUE_TOKENS, "abc019", 6);
    };
  }

  private static String files(SplittableRandom r) {
    StringBuilder text = new StringBuilder(r.nextInt(20) == 0 ? "\ufeff" : "");
    if (r.nextInt(4) > 0) {
      text.append("[kuberoute]\n");
    }
    int lines = r.nextInt(12);
    for (int i = 0; i < lines; i++) {
      text.append(line(r)).append(FuzzText.oneOf(r, ENDINGS.toArray(String[]::new)));
    }
    return text.toString();
  }

  @Test
  void anyFileReadsOrIsOneConfigurationErrorThatShowsNoValue() {
    Fuzz.text("IniFile.parse", FuzzIniFileTest::files)
        .allowing(ConfigurationException.class)
        .eachAllowedError(
            e -> {
              Fuzz.oneShortLine(e);
              assertThat(e.getMessage())
                  .as("an error never shows a value or a line of the file")
                  .doesNotContain(SECRET);
            })
        .check(
            text -> {
              IniFile ini = IniFile.parse(FILE, text);
              for (String name : ini.sectionNames()) {
                ConfigSection section = ini.section(name).orElseThrow();
                section
                    .asMap()
                    .forEach(
                        (k, v) -> assertThat(k).isEqualTo(k.toLowerCase(java.util.Locale.ROOT)));
              }
              assertThat(ini.section(IniFile.DEFAULT_SECTION)).isEmpty();
              ini.unreadKeys().forEach(k -> assertThat(k).doesNotContain("\n"));
            });
  }

  /** Sections of keys and values that any INI reader must read back as they were written. */
  record Model(Map<String, Map<String, String>> sections, String text) {}

  private static final String NAME_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_.-";

  private static String plainValue(SplittableRandom r) {
    // anything printable but '%', without blanks at either end; '%%' stands for '%'
    String v = FuzzText.chars(r, FuzzText.ASCII.replace("%", ""), FuzzText.length(r, 500)).strip();
    return v.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? v : "x";
  }

  private static Model models(SplittableRandom r) {
    Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    StringBuilder text = new StringBuilder();
    int count = 1 + r.nextInt(4);
    for (int s = 0; s < count; s++) {
      String name =
          "s"
              + FuzzText.chars(r, NAME_CHARS + "ABC", r.nextInt(10))
                  .replaceAll("[^A-Za-z0-9_.-]", "");
      if (sections.containsKey(name) || name.equals(IniFile.DEFAULT_SECTION)) {
        continue;
      }
      Map<String, String> values = new LinkedHashMap<>();
      text.append('[').append(name).append("]\n");
      int keys = r.nextInt(6);
      for (int k = 0; k < keys; k++) {
        String key =
            "k" + FuzzText.chars(r, NAME_CHARS, r.nextInt(10)).replaceAll("[^a-z0-9_.-]", "");
        if (values.containsKey(key)) {
          continue;
        }
        String value = plainValue(r);
        boolean percent = r.nextInt(5) == 0;
        values.put(key, percent ? value + "%" : value);
        text.append(r.nextBoolean() ? key.toUpperCase(java.util.Locale.ROOT) : key)
            .append(FuzzText.oneOf(r, " = ", "=", ": ", ":", "   =   "))
            .append(percent ? value + "%%" : value)
            .append(FuzzText.oneOf(r, "\n", "\r\n", "   \n"));
        if (r.nextInt(4) == 0) {
          text.append(FuzzText.oneOf(r, "# a comment\n", "; another\n", "\n", "   # indented\n"));
        }
      }
      sections.put(name, values);
    }
    return new Model(sections, text.toString());
  }

  @Test
  void keysAndValuesReadBackAsTheyWereWritten() {
    Fuzz.of("IniFile round trip", FuzzIniFileTest::models)
        .showWith(m -> Fuzz.quoted(m.text()))
        .check(
            m -> {
              IniFile ini = IniFile.parse(FILE, m.text());
              assertThat(List.copyOf(ini.sectionNames()))
                  .isEqualTo(List.copyOf(m.sections().keySet()));
              m.sections()
                  .forEach(
                      (name, values) ->
                          assertThat(ini.section(name).orElseThrow().asMap()).isEqualTo(values));
            });
  }
}
