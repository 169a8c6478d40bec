package io.kuberoute.core.template;

import io.kuberoute.core.config.ErrorText;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A label value or config value with placeholders: {@code _TEMPLATE_START_key_TEMPLATE_END_} is
 * replaced by the value of {@code key} from {@code [replacements]}.
 *
 * <p>This is plain substitution, not a format language: text outside the markers is copied as it is
 * (braces included). A template is compiled once; {@link #compile} rejects a marker without its
 * partner or an empty key, {@link #render} rejects a key that has no value. Thread-safe and
 * immutable.
 */
public final class Template {

  public static final String START = "_TEMPLATE_START_";
  public static final String END = "_TEMPLATE_END_";

  private final String source;
  private final List<Part> parts;

  private sealed interface Part permits Literal, Placeholder {}

  private record Literal(String text) implements Part {}

  private record Placeholder(String key) implements Part {}

  private Template(String source, List<Part> parts) {
    this.source = source;
    this.parts = List.copyOf(parts);
  }

  /**
   * Compiles {@code text}.
   *
   * @throws TemplateException if a start marker has no end marker, an end marker has no start
   *     marker, or a key is empty
   */
  public static Template compile(String text) {
    Objects.requireNonNull(text, "text");
    List<Part> parts = new ArrayList<>();
    int pos = 0;
    while (pos < text.length()) {
      int start = text.indexOf(START, pos);
      int end = text.indexOf(END, pos);
      if (start < 0) {
        if (end >= 0) {
          throw new TemplateException(
              "malformed template '%s': %s at position %d has no %s before it"
                  .formatted(shown(text), END, end, START));
        }
        parts.add(new Literal(text.substring(pos)));
        break;
      }
      if (end >= 0 && end < start) {
        throw new TemplateException(
            "malformed template '%s': %s at position %d has no %s before it"
                .formatted(shown(text), END, end, START));
      }
      if (start > pos) {
        parts.add(new Literal(text.substring(pos, start)));
      }
      int keyStart = start + START.length();
      int keyEnd = text.indexOf(END, keyStart);
      if (keyEnd < 0) {
        throw new TemplateException(
            "malformed template '%s': %s at position %d is not closed by %s"
                .formatted(shown(text), START, start, END));
      }
      String key = text.substring(keyStart, keyEnd);
      if (key.isEmpty()) {
        throw new TemplateException(
            "malformed template '%s': empty key at position %d".formatted(shown(text), start));
      }
      if (key.contains(START)) {
        throw new TemplateException(
            "malformed template '%s': %s at position %d is not closed by %s"
                .formatted(shown(text), START, start, END));
      }
      parts.add(new Placeholder(key));
      pos = keyEnd + END.length();
    }
    return new Template(text, parts);
  }

  /**
   * The most characters of a template an error shows (the positions it names count in the whole).
   */
  private static final int MAX_SHOWN = 200;

  private static String shown(String text) {
    return ErrorText.value(text, MAX_SHOWN);
  }

  /** True if {@code text} contains a template marker. */
  public static boolean isTemplate(String text) {
    return text.contains(START) || text.contains(END);
  }

  /** The keys this template needs, in order of first use. */
  public Set<String> keys() {
    Set<String> keys = new LinkedHashSet<>();
    for (Part part : parts) {
      if (part instanceof Placeholder p) {
        keys.add(p.key());
      }
    }
    return keys;
  }

  /**
   * Replaces every placeholder.
   *
   * @throws TemplateException naming the first key that {@code values} lacks, and the keys it has
   */
  public String render(Map<String, String> values) {
    StringBuilder out = new StringBuilder();
    for (Part part : parts) {
      if (part instanceof Literal l) {
        out.append(l.text());
      } else if (part instanceof Placeholder p) {
        String value = values.get(p.key());
        if (value == null) {
          throw new TemplateException(
              "unknown template key '%s' in '%s' (defined in [replacements]: %s)"
                  .formatted(
                      ErrorText.value(p.key()),
                      shown(source),
                      values.isEmpty()
                          ? "none"
                          : ErrorText.value(
                              String.join(", ", values.keySet().stream().sorted().toList()),
                              MAX_SHOWN)));
        }
        out.append(value);
      }
    }
    return out.toString();
  }

  /** Fails at start-up when a key is missing from {@code values}. */
  public void requireKeys(Map<String, String> values) {
    render(values);
  }

  public String source() {
    return source;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Template t && t.source.equals(source);
  }

  @Override
  public int hashCode() {
    return source.hashCode();
  }

  @Override
  public String toString() {
    return source;
  }
}
