package io.kuberoute.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorTextTest {

  @Test
  void aShortPlainValueIsShownAsItIs() {
    assertThat(ErrorText.value("default web")).isEqualTo("default web");
    assertThat(ErrorText.value("")).isEmpty();
    assertThat(ErrorText.value(null)).isEqualTo("null");
  }

  @Test
  void aLongValueIsCutAtEightyCharactersWithAnEllipsis() {
    assertThat(ErrorText.value("a".repeat(80))).isEqualTo("a".repeat(80));
    assertThat(ErrorText.value("a".repeat(81))).isEqualTo("a".repeat(80) + "…");
    assertThat(ErrorText.value("b".repeat(50_000_000))).isEqualTo("b".repeat(80) + "…");
  }

  @Test
  void aSurrogatePairIsNeverSplit() {
    String emoji = "\uD83D\uDE00"; // two chars, one code point
    String shown = ErrorText.value("a".repeat(79) + emoji + "z");
    assertThat(shown).isEqualTo("a".repeat(79) + "…");
  }

  @Test
  void controlCharactersAreEscapedSoTheMessageStaysOneLine() {
    assertThat(ErrorText.value("a\rb\u001b[2Jc\td\u2028"))
        .isEqualTo("a\\u000db\\u001b[2Jc\\u0009d\\u2028");
  }

  @Test
  void theUserInfoOfEveryUrlIsHidden() {
    assertThat(ErrorText.value("http://root:hunter2@etcd:2379"))
        .isEqualTo("http://<hidden>@etcd:2379");
    assertThat(ErrorText.value("https://a@b, http://u:p@c/x@y"))
        .as("each URL of a list; in a path too (hiding too much beats showing a password)")
        .isEqualTo("https://<hidden>@b, http://<hidden>@y");
    assertThat(ErrorText.value("http://u:pa/ss@host")).isEqualTo("http://<hidden>@host");
    assertThat(ErrorText.value("see http://host/x for user@example"))
        .isEqualTo("see http://host/x for user@example");
    assertThat(ErrorText.value("://x@y")).as("no scheme").isEqualTo("://x@y");
  }

  @Test
  void credentialsBeyondTheCutAreNotShownEither() {
    String value = "http://u:" + "p".repeat(500) + "@host";
    assertThat(ErrorText.value(value)).isEqualTo("http://<hidden>@host");
    String late = "x".repeat(70) + " http://user:" + "secret".repeat(100) + "@h";
    assertThat(ErrorText.value(late)).doesNotContain("secret").endsWith("…");
  }
}
