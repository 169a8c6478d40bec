package io.kuberoute.testkit.fuzz;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Text generators for {@link Fuzz}: mostly short strings from the characters and fragments that
 * matter to a parser, sometimes long ones, now and then odd Unicode.
 */
public final class FuzzText {

  /**
   * Characters that trip parsers: controls, line and paragraph separators, a BOM, zero-width and
   * right-to-left marks, characters whose case mapping changes their length or lands in ASCII (İ,
   * ı, the Kelvin sign), non-ASCII digits and dots, lone surrogates and a surrogate pair.
   */
  public static final String ODD =
      "\u0000\t\r\n\u000b\u000c\u001b\u007f\u0085\u00a0\u00e9\u0130\u0131\u212a\u2028\u2029\u200b\u202e"
          + "\ufeff\uff0e\u3002\u0661\uff11\u00b2\ud800\udfff\ud83d\ude00";

  /** Printable ASCII. */
  public static final String ASCII = printableAscii();

  private FuzzText() {}

  private static String printableAscii() {
    StringBuilder s = new StringBuilder();
    for (char c = 0x20; c < 0x7f; c++) {
      s.append(c);
    }
    return s.toString();
  }

  /** A length: mostly 0..16, sometimes up to 200, rarely up to {@code max}. */
  public static int length(SplittableRandom r, int max) {
    int roll = r.nextInt(100);
    if (roll < 80) {
      return r.nextInt(17);
    }
    if (roll < 98) {
      return r.nextInt(201);
    }
    return r.nextInt(Math.max(1, max) + 1);
  }

  /**
   * {@code length} characters of {@code alphabet}, with a character of {@link #ODD} now and then.
   */
  public static String chars(SplittableRandom r, String alphabet, int length) {
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(
          r.nextInt(20) == 0
              ? ODD.charAt(r.nextInt(ODD.length()))
              : alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return s.toString();
  }

  /**
   * Up to {@code maxParts} fragments of {@code tokens}, with random characters of {@code alphabet}
   * between.
   */
  public static String from(
      SplittableRandom r, List<String> tokens, String alphabet, int maxParts) {
    StringBuilder s = new StringBuilder();
    int parts = r.nextInt(maxParts + 1);
    for (int i = 0; i < parts; i++) {
      if (r.nextInt(3) == 0) {
        s.append(chars(r, alphabet, 1 + r.nextInt(4)));
      } else {
        s.append(tokens.get(r.nextInt(tokens.size())));
      }
    }
    return s.toString();
  }

  /** One of the {@code choices}. */
  @SafeVarargs
  public static <T> T oneOf(SplittableRandom r, T... choices) {
    return choices[r.nextInt(choices.length)];
  }
}
