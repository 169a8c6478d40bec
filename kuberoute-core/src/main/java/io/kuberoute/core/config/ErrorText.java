package io.kuberoute.core.config;

/**
 * How a value from the configuration (or a label) is shown in an error message or a log line: on
 * one line, without the credentials a URL may carry, and short.
 *
 * <ul>
 *   <li>the user info of every URL in it ({@code scheme://user:password@host}) becomes {@code
 *       <hidden>}: {@code https://<hidden>@host};
 *   <li>control characters (a carriage return, an escape sequence, ...) are written as {@code
 *       \\uXXXX}, so a value can neither break the line nor repaint a terminal;
 *   <li>a value longer than {@link #MAX_SHOWN} characters is cut there and ends with {@code …}.
 * </ul>
 */
public final class ErrorText {

  /** The most characters of a value an error message shows. */
  public static final int MAX_SHOWN = 80;

  /** The text a URL's user info is replaced with. */
  public static final String HIDDEN = "<hidden>";

  private ErrorText() {}

  /** {@code value} as an error message may show it (see the class comment). */
  public static String value(String value) {
    return value(value, MAX_SHOWN);
  }

  /** {@code value} as an error message may show it, cut at {@code max} characters. */
  public static String value(String value, int max) {
    if (value == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(Math.min(value.length(), max) + 8);
    int shown = 0;
    int runEnd = -1; // the end of the current blank- and comma-free run, and its last '@'
    int runLastAt = -1;
    int i = 0;
    while (i < value.length()) {
      if (value.startsWith("://", i) && i > 0 && isSchemeChar(value.charAt(i - 1))) {
        if (i >= runEnd) {
          runEnd = i;
          runLastAt = -1;
          while (runEnd < value.length() && !isRunEnd(value.charAt(runEnd))) {
            if (value.charAt(runEnd) == '@') {
              runLastAt = runEnd;
            }
            runEnd++;
          }
        }
        if (runLastAt > i) {
          // the user info: up to the run's last '@' (hiding too much beats showing a password)
          String piece = "://" + HIDDEN + "@";
          if (shown + piece.length() > max) {
            return out.append('…').toString();
          }
          out.append(piece);
          shown += piece.length();
          i = runLastAt + 1;
          continue;
        }
      }
      int cp = value.codePointAt(i);
      int width = Character.charCount(cp);
      String piece =
          Character.isISOControl(cp) || cp == '\u2028' || cp == '\u2029'
              ? "\\u%04x".formatted(cp)
              : value.substring(i, i + width);
      if (shown + piece.length() > max) {
        return out.append('…').toString();
      }
      out.append(piece);
      shown += piece.length();
      i += width;
    }
    return out.toString();
  }

  private static boolean isSchemeChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '+'
        || c == '.'
        || c == '-';
  }

  private static boolean isRunEnd(char c) {
    return c == ',' || Character.isWhitespace(c) || Character.isISOControl(c);
  }
}
