package io.kuberoute.core.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kuberoute.testkit.fuzz.Fuzz;
import io.kuberoute.testkit.fuzz.FuzzText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The template engine on 10,000 generated templates per property. */
class FuzzTemplateTest {

  private static final String S = Template.START;
  private static final String E = Template.END;
  private static final List<String> TOKENS =
      List.of(
          S,
          E,
          S,
          E,
          "_TEMPLATE_",
          "_TEMPLATE_START",
          "TEMPLATE_END_",
          "_TEMPLATE_STAR",
          "_",
          "key",
          "stage",
          "x",
          "{",
          "}",
          "%s",
          "$1",
          "\\",
          ".",
          "-");

  private static String templates(SplittableRandom r) {
    return r.nextInt(10) == 0
        ? FuzzText.chars(r, FuzzText.ASCII, FuzzText.length(r, 5000))
        : FuzzText.from(r, TOKENS, "abc_.-ST", 10);
  }

  @Test
  void anyTextCompilesOrIsTheTypedErrorAndACompiledTemplateRenders() {
    Fuzz.text("Template.compile", FuzzTemplateTest::templates)
        .allowing(TemplateException.class)
        .eachAllowedError(Fuzz::oneShortLine)
        .check(
            text -> {
              Template t = Template.compile(text);
              assertThat(t.source()).isEqualTo(text);
              Map<String, String> values = new HashMap<>();
              for (String key : t.keys()) {
                assertThat(key).isNotEmpty().doesNotContain(S);
                values.put(key, "v");
              }
              String rendered = t.render(values);
              if (!Template.isTemplate(text)) {
                assertThat(t.keys()).isEmpty();
                assertThat(rendered).isEqualTo(text);
              }
              if (!t.keys().isEmpty()) {
                assertThatThrownBy(() -> t.render(Map.of())).isInstanceOf(TemplateException.class);
              }
            });
  }

  /** A template built of literals and placeholders, with what it must render to. */
  record Built(String text, List<String> keys, Map<String, String> values, String rendered) {}

  private static String part(SplittableRandom r) {
    return FuzzText.from(
        r, List.of("_", "TEMPLATE", "START", "END", "a", "-", ".", "{}", "%"), "abz_.", 4);
  }

  private static Built built(SplittableRandom r) {
    StringBuilder text = new StringBuilder();
    StringBuilder rendered = new StringBuilder();
    List<String> keys = new ArrayList<>();
    Map<String, String> values = new HashMap<>();
    int parts = r.nextInt(6);
    for (int i = 0; i < parts; i++) {
      if (r.nextBoolean()) {
        String literal = part(r);
        text.append(literal);
        rendered.append(literal);
      } else {
        String key = part(r);
        String value =
            values.computeIfAbsent(key, k -> r.nextBoolean() ? part(r) : S + "not-a-key" + E);
        text.append(S).append(key).append(E);
        rendered.append(value);
        keys.add(key);
      }
    }
    return new Built(text.toString(), keys, values, rendered.toString());
  }

  /** True if the markers of {@code b} are exactly the ones it was built with (no part made one). */
  private static boolean unambiguous(Built b) {
    int expectedStarts = b.keys().size();
    return count(b.text(), S) == expectedStarts
        && count(b.text(), E) == expectedStarts
        && b.keys().stream().noneMatch(k -> k.isEmpty() || k.contains(S) || k.contains(E))
        && b.keys().stream()
            .allMatch(k -> !(k + E).substring(0, k.length() + E.length() - 1).contains(E));
  }

  private static int count(String text, String marker) {
    int n = 0;
    for (int at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void aTemplateOfLiteralsAndPlaceholdersRendersToWhatItWasBuiltOf() {
    Fuzz.of("Template.render", FuzzTemplateTest::built)
        .showWith(b -> Fuzz.quoted(b.text()) + " with " + b.values())
        .check(
            b -> {
              if (!unambiguous(b)) {
                return; // a part that completes a marker cannot be written as a template
              }
              Template t = Template.compile(b.text());
              assertThat(List.copyOf(t.keys()))
                  .isEqualTo(List.copyOf(new LinkedHashSet<>(b.keys())));
              assertThat(t.render(b.values()))
                  .as("values are not templates themselves")
                  .isEqualTo(b.rendered());
            });
  }
}
