package io.kuberoute.core.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemplateTest {

  private static final Map<String, String> VARS =
      Map.of("cluster_id", "signus-5-expanse", "slogan", "get-schwifty");

  @Test
  void replacesPlaceholdersFromTheReplacements() {
    assertThat(Template.compile("_TEMPLATE_START_slogan_TEMPLATE_END_").render(VARS))
        .isEqualTo("get-schwifty");
    assertThat(Template.compile("x_TEMPLATE_START_slogan_TEMPLATE_END_x.planet").render(VARS))
        .isEqualTo("xget-schwiftyx.planet");
    assertThat(
            Template.compile(
                    "_TEMPLATE_START_cluster_id_TEMPLATE_END_/_TEMPLATE_START_slogan_TEMPLATE_END_.json")
                .render(VARS))
        .isEqualTo("signus-5-expanse/get-schwifty.json");
  }

  @Test
  void copiesTextWithoutMarkersAsItIsBracesIncluded() {
    assertThat(Template.compile("plain.example.com").render(Map.of()))
        .isEqualTo("plain.example.com");
    assertThat(Template.compile("{x}}").render(Map.of())).isEqualTo("{x}}");
    assertThat(Template.isTemplate("plain")).isFalse();
    assertThat(Template.isTemplate("a_TEMPLATE_END_")).isTrue();
  }

  @Test
  void listsItsKeys() {
    assertThat(
            Template.compile(
                    "_TEMPLATE_START_a_TEMPLATE_END_-_TEMPLATE_START_b_TEMPLATE_END_-_TEMPLATE_START_a_TEMPLATE_END_")
                .keys())
        .containsExactly("a", "b");
  }

  @Test
  void anUnknownKeyNamesTheKeyAndWhatIsDefined() {
    Template t = Template.compile("x_TEMPLATE_START_stage_TEMPLATE_END_x");
    assertThatThrownBy(() -> t.render(VARS))
        .isInstanceOf(TemplateException.class)
        .hasMessage(
            "unknown template key 'stage' in 'x_TEMPLATE_START_stage_TEMPLATE_END_x' (defined in [replacements]: cluster_id, slogan)");
    assertThatThrownBy(() -> t.render(Map.of()))
        .hasMessage(
            "unknown template key 'stage' in 'x_TEMPLATE_START_stage_TEMPLATE_END_x' (defined in [replacements]: none)");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // the original README's broken example
        "_TEMPLATE_END_cluster_id_TEMPLATE_END_/kuberoute.json|malformed template '_TEMPLATE_END_cluster_id_TEMPLATE_END_/kuberoute.json': _TEMPLATE_END_ at position 0 has no _TEMPLATE_START_ before it",
        "a_TEMPLATE_START_b|malformed template 'a_TEMPLATE_START_b': _TEMPLATE_START_ at position 1 is not closed by _TEMPLATE_END_",
        "a_TEMPLATE_START__TEMPLATE_END_|malformed template 'a_TEMPLATE_START__TEMPLATE_END_': empty key at position 1",
        "_TEMPLATE_START_a_TEMPLATE_START_b_TEMPLATE_END_|malformed template '_TEMPLATE_START_a_TEMPLATE_START_b_TEMPLATE_END_': _TEMPLATE_START_ at position 0 is not closed by _TEMPLATE_END_",
        "x_TEMPLATE_END_|malformed template 'x_TEMPLATE_END_': _TEMPLATE_END_ at position 1 has no _TEMPLATE_START_ before it",
      })
  void malformedTemplatesAreRejectedWhenCompiled(String text, String message) {
    assertThatThrownBy(() -> Template.compile(text))
        .isInstanceOf(TemplateException.class)
        .hasMessage(message);
  }
}
