package io.kuberoute.cli;

import io.kuberoute.core.ConfigurationException;
import java.util.Locale;
import java.util.Map;

/**
 * Python {@code configparser.BasicInterpolation}, which the original's configuration used: {@code
 * %%} is a literal {@code %}, and {@code %(name)s} is replaced by the (itself interpolated) value
 * of {@code name} from the same section or {@code [DEFAULT]}. Any other {@code %} is an error, as
 * are an unknown name and references nested more than 10 deep. Errors name {@code section.key} but
 * never show the value, which may be a secret.
 */
final class BasicInterpolation {

  /** configparser's {@code MAX_INTERPOLATION_DEPTH}. */
  static final int MAX_DEPTH = 10;

  private BasicInterpolation() {}

  /**
   * The value of {@code section.key} with every {@code %} sequence expanded.
   *
   * @param values the raw values of the section, {@code [DEFAULT]} keys included
   */
  static String interpolate(String section, String key, String value, Map<String, String> values) {
    StringBuilder out = new StringBuilder(value.length());
    expand(section, key, value, values, out, 1);
    return out.toString();
  }

  private static void expand(
      String section,
      String key,
      String rest,
      Map<String, String> values,
      StringBuilder out,
      int depth) {
    if (depth > MAX_DEPTH) {
      throw error(
          section,
          key,
          "its %(name)s references nest more than "
              + MAX_DEPTH
              + " deep (do two keys refer to each other?)");
    }
    int pos = 0;
    while (pos < rest.length()) {
      int percent = rest.indexOf('%', pos);
      if (percent < 0) {
        out.append(rest, pos, rest.length());
        return;
      }
      out.append(rest, pos, percent);
      char next = percent + 1 < rest.length() ? rest.charAt(percent + 1) : '\0';
      if (next == '%') {
        out.append('%');
        pos = percent + 2;
      } else if (next == '(') {
        int close = rest.indexOf(')', percent + 2);
        if (close < 0
            || close == percent + 2
            || close + 1 >= rest.length()
            || rest.charAt(close + 1) != 's') {
          throw error(section, key, "a '%(' must be written %(name)s (a literal % is written %%)");
        }
        String name = rest.substring(percent + 2, close).toLowerCase(Locale.ROOT);
        String referenced = values.get(name);
        if (referenced == null) {
          throw error(
              section,
              key,
              "it refers to %("
                  + name
                  + ")s, but neither ["
                  + section
                  + "] nor [DEFAULT] has a key '"
                  + name
                  + "' (a literal % is written %%)");
        }
        expand(section, key, referenced, values, out, depth + 1);
        pos = close + 2;
      } else {
        throw error(
            section, key, "a '%' must be followed by '%' or '(' (a literal % is written %%)");
      }
    }
  }

  private static ConfigurationException error(String section, String key, String problem) {
    return new ConfigurationException("invalid value for " + section + "." + key + ": " + problem);
  }
}
