package io.kuberoute.core.config;

import io.kuberoute.core.ConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One section of the configuration file as plain key/value text, with typed getters whose errors
 * name {@code section.key}, the bad value and what is allowed. Each adapter reads its own section
 * through this class, so the rules for a key live beside the code that uses it.
 *
 * <p>Keys are matched case-insensitively (stored lower-cased, as the original's {@code
 * configparser} did). The section remembers which keys were read: {@link #unreadKeys()} lists the
 * rest, which the command line reports as warnings. Values of keys read with {@link #secret} are
 * never shown in errors.
 */
public final class ConfigSection {

  private static final Pattern ASCII_INTEGER = Pattern.compile("-?[0-9]{1,10}");

  /** The most characters of an error's "allowed" text that are shown. */
  static final int MAX_ALLOWED_SHOWN = 400;

  private final String name;
  private final Map<String, String> values;
  private final Set<String> read = new TreeSet<>();

  public ConfigSection(String name, Map<String, String> values) {
    this.name = Objects.requireNonNull(name, "name");
    Map<String, String> lower = new LinkedHashMap<>();
    values.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v == null ? "" : v.strip()));
    this.values = lower;
  }

  /** An empty section (for an optional section that is missing). */
  public static ConfigSection empty(String name) {
    return new ConfigSection(name, Map.of());
  }

  public String name() {
    return name;
  }

  /** {@code section.key}, as errors print it. */
  public String qualified(String key) {
    return name + "." + key;
  }

  public boolean has(String key) {
    return values.containsKey(key);
  }

  /** Every key present, in file order. */
  public Set<String> keys() {
    return java.util.Collections.unmodifiableSet(values.keySet());
  }

  /** The raw text of every key (for free-form sections such as {@code [replacements]}). */
  public Map<String, String> asMap() {
    read.addAll(values.keySet());
    return java.util.Collections.unmodifiableMap(values);
  }

  /** Keys present but never read: unknown keys, worth a warning. */
  public Set<String> unreadKeys() {
    Set<String> unread = new TreeSet<>(values.keySet());
    unread.removeAll(read);
    return unread;
  }

  /** Marks keys as known without reading them (accepted for compatibility, ignored). */
  public void ignore(String... keys) {
    read.addAll(Arrays.asList(keys));
  }

  /** The value, or empty if the key is missing or blank. */
  public Optional<String> optional(String key) {
    read.add(key);
    String v = values.get(key);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
  }

  /** The first of {@code keys} that is present (for alternative spellings). */
  public Optional<String> optionalAny(String... keys) {
    Optional<String> found = Optional.empty();
    for (String key : keys) {
      Optional<String> v = optional(key);
      if (found.isEmpty()) {
        found = v;
      }
    }
    return found;
  }

  /** A required, non-empty value. */
  public String required(String key) {
    return optional(key)
        .orElseThrow(
            () ->
                new ConfigurationException(
                    "missing required key %s (add '%s = ...' to the [%s] section)"
                        .formatted(qualified(key), key, name)));
  }

  /** A whole number in {@code min..max}. */
  public Optional<Integer> optionalInt(String key, int min, int max) {
    return optional(key).map(v -> parseInt(key, v, min, max));
  }

  public int integer(String key, int defaultValue, int min, int max) {
    return optionalInt(key, min, max).orElse(defaultValue);
  }

  public int requiredInt(String key, int min, int max) {
    return parseInt(key, required(key), min, max);
  }

  private int parseInt(String key, String v, int min, int max) {
    if (ASCII_INTEGER.matcher(v).matches()) { // Integer.parseInt would take '+1' and '١٢' too
      try {
        int i = Integer.parseInt(v);
        if (i >= min && i <= max) {
          return i;
        }
      } catch (NumberFormatException e) {
        // out of int range: the error below
      }
    }
    throw invalid(key, v, "a whole number from %d to %d".formatted(min, max));
  }

  /** A number of seconds in {@code min..max}. */
  public Duration seconds(String key, Duration defaultValue, int min, int max) {
    return optionalInt(key, min, max).map(s -> Duration.ofSeconds(s)).orElse(defaultValue);
  }

  /** {@code true/yes/on} or {@code false/no/off}, any case. */
  public Optional<Boolean> optionalBoolean(String key) {
    return optional(key)
        .map(
            v ->
                switch (v.toLowerCase(Locale.ROOT)) {
                  case "true", "yes", "on" -> true;
                  case "false", "no", "off" -> false;
                  default -> throw invalid(key, v, "true, yes, on, false, no or off");
                });
  }

  public boolean bool(String key, boolean defaultValue) {
    return optionalBoolean(key).orElse(defaultValue);
  }

  /** One of {@code allowed} (compared case-insensitively, returned lower-cased). */
  public Optional<String> optionalChoice(String key, List<String> allowed) {
    return optional(key)
        .map(
            v -> {
              String lower = v.toLowerCase(Locale.ROOT);
              if (!allowed.contains(lower)) {
                throw invalid(key, v, String.join(", ", allowed));
              }
              return lower;
            });
  }

  /** A comma-separated list, entries stripped, empty entries dropped (see {@link #entries}). */
  public List<String> list(String key) {
    List<String> out = new ArrayList<>();
    for (String part : optional(key).orElse("").split(",")) {
      String p = part.strip();
      if (!p.isEmpty()) {
        out.add(p);
      }
    }
    return out;
  }

  /**
   * A comma-separated list, entries stripped, where an empty entry ({@code a,,b}, {@code a,} or
   * {@code ,a}) is an error naming its position, as the README promises for {@code namespaces} and
   * the like. A value without any entry (missing, blank, or only commas) is the empty list, which
   * the caller judges.
   */
  public List<String> entries(String key) {
    String raw = optional(key).orElse("");
    String[] parts = raw.split(",", -1);
    List<String> out = new ArrayList<>(parts.length);
    int firstEmpty = 0;
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i].strip();
      if (!p.isEmpty()) {
        out.add(p);
      } else if (firstEmpty == 0) {
        firstEmpty = i + 1;
      }
    }
    if (!out.isEmpty() && firstEmpty > 0) {
      throw invalid(
          key,
          raw,
          "entries separated by commas, none of them empty; entry %d of %d is empty"
              .formatted(firstEmpty, parts.length));
    }
    return out;
  }

  /** A secret; its value never appears in an error or log. */
  public Optional<Secret> secret(String key) {
    return optional(key).map(Secret::of);
  }

  /** A file path; {@code ~} at the start is the user's home directory. */
  public Optional<Path> path(String key) {
    return optional(key)
        .map(
            v -> {
              try {
                return expandHome(v);
              } catch (InvalidPathException e) {
                throw invalid(key, v, "a file path (" + e.getReason() + ")");
              }
            });
  }

  /** An absolute {@code http} or {@code https} URL. */
  public Optional<URI> url(String key) {
    return optional(key)
        .map(
            v -> {
              try {
                URI uri = new URI(v);
                String scheme =
                    uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                  return uri;
                }
              } catch (URISyntaxException e) {
                // fall through
              }
              throw invalid(key, v, "an absolute http:// or https:// URL with a host");
            });
  }

  /**
   * The error for a bad value: names the key, shows the value (as {@link ErrorText#value} shows it:
   * one line, at most 80 characters, URL credentials hidden), says what is allowed (at most {@value
   * #MAX_ALLOWED_SHOWN} characters of it, likewise: callers quote values in it too).
   */
  public ConfigurationException invalid(String key, String value, String allowed) {
    return new ConfigurationException(
        "invalid value for %s: '%s' (allowed: %s)"
            .formatted(
                qualified(key),
                ErrorText.value(value),
                ErrorText.value(allowed, MAX_ALLOWED_SHOWN)));
  }

  /** The error for a bad secret value: names the key only. */
  public ConfigurationException invalidSecret(String key, String allowed) {
    return new ConfigurationException(
        "invalid value for %s (value hidden; allowed: %s)".formatted(qualified(key), allowed));
  }

  static Path expandHome(String path) {
    if (path.equals("~") || path.startsWith("~/")) {
      return Path.of(System.getProperty("user.home") + path.substring(1));
    }
    return Path.of(path);
  }
}
