package io.kuberoute.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.testkit.fuzz.Fuzz;
import io.kuberoute.testkit.fuzz.FuzzText;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an error shows of a value, on 10,000 generated values. */
class FuzzErrorTextTest {

  private static final String PASSWORD = "Pa55word";
  private static final List<String> TOKENS =
      List.of(
          "http://",
          "https://",
          "etcd",
          ":2379",
          "/",
          "@",
          "root:" + PASSWORD + "@",
          PASSWORD + "@",
          ",",
          " ",
          "?",
          "#",
          "x");

  @Test
  void aShownValueIsOneShortLineWithoutTheCredentialsOfAUrl() {
    Fuzz.text(
            "ErrorText.value",
            r ->
                r.nextInt(10) == 0
                    ? FuzzText.chars(r, FuzzText.ASCII, FuzzText.length(r, 200_000))
                    : FuzzText.from(r, TOKENS, "ab:/@", 8))
        .check(
            value -> {
              String shown = ErrorText.value(value);
              assertThat(shown.length()).isLessThanOrEqualTo(ErrorText.MAX_SHOWN + 1);
              assertThat(
                      shown
                          .codePoints()
                          .noneMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029))
                  .isTrue();
              if (value.contains(PASSWORD) && everyOccurrenceIsUserInfo(value)) {
                assertThat(shown).doesNotContain(PASSWORD);
              }
              if (value.length() <= ErrorText.MAX_SHOWN
                  && !value.contains("://")
                  && value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                assertThat(shown).isEqualTo(value);
              }
            });
  }

  /**
   * True if each occurrence of the password stands between a scheme's {@code ://} and an {@code @}
   * of its run.
   */
  private static boolean everyOccurrenceIsUserInfo(String value) {
    for (int p = value.indexOf(PASSWORD); p >= 0; p = value.indexOf(PASSWORD, p + 1)) {
      int runStart = p;
      while (runStart > 0 && !ends(value.charAt(runStart - 1))) {
        runStart--;
      }
      int runEnd = p;
      while (runEnd < value.length() && !ends(value.charAt(runEnd))) {
        runEnd++;
      }
      int scheme = value.indexOf("://", runStart);
      boolean afterScheme =
          scheme > runStart
              && scheme + 3 <= p
              && Character.isLetterOrDigit(value.charAt(scheme - 1));
      boolean beforeAt = value.lastIndexOf('@', runEnd - 1) >= p + PASSWORD.length();
      if (!afterScheme || !beforeAt) {
        return false;
      }
    }
    return true;
  }

  private static boolean ends(char c) {
    return c == ',' || Character.isWhitespace(c) || Character.isISOControl(c);
  }
}
