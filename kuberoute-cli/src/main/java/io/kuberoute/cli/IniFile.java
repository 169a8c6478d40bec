package io.kuberoute.cli;

import io.kuberoute.core.ConfigurationException;
import io.kuberoute.core.config.ConfigSection;
import io.kuberoute.core.config.ErrorText;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ini4j.Config;
import org.ini4j.InvalidFileFormatException;
import org.ini4j.spi.IniHandler;
import org.ini4j.spi.IniParser;

/**
 * The configuration file, read the way the original's Python {@code configparser} (strict mode,
 * basic interpolation) read it, so an original file means the same here:
 *
 * <ul>
 *   <li>{@code key = value} and {@code key: value}; whitespace around keys and values is dropped;
 *   <li>whole-line comments starting with {@code #} or {@code ;} (indented or not); no inline
 *       comments: {@code port = 8081 # x} is the value {@code 8081 # x};
 *   <li>key names are lower-cased, section names are case-sensitive;
 *   <li>a section or a key (within a section) that appears twice is an error;
 *   <li>{@code %%} is a literal {@code %}, {@code %(name)s} is the value of {@code name} in the
 *       same section or in {@code [DEFAULT]} (see {@link BasicInterpolation});
 *   <li>keys of {@code [DEFAULT]} are inherited by every section;
 *   <li>a line outside any section, a line without {@code =} or {@code :}, and a continuation line
 *       (a multi-line value) are errors.
 * </ul>
 *
 * <p>Parsing uses ini4j's line parser; ini4j's own {@code ConfigParser} emulation gets {@code %%}
 * and {@code %(name)s} wrong, so the section model and interpolation are done here. A section is
 * interpolated when it is first asked for, so a {@code %} mistake in a section kuberoute never
 * reads does not stop it. Error messages never show a value or a line of the file (it may be a
 * secret): they name the file, the line or {@code section.key}, and the fix.
 */
final class IniFile {

  /** The section whose keys every other section inherits. */
  static final String DEFAULT_SECTION = "DEFAULT";

  /** The largest configuration file read: 1 MiB (a real one is a few kilobytes). */
  static final int MAX_BYTES = 1 << 20;

  /** The longest section or key name: longer ones are typing accidents, refused as such. */
  static final int MAX_NAME_LENGTH = 200;

  private static final Pattern LINE_NUMBER = Pattern.compile("at line: (\\d+)");

  private final Path path;
  private final Map<String, Map<String, String>> sections;
  private final Map<String, String> defaults;
  private final Map<String, ConfigSection> opened = new LinkedHashMap<>();

  private IniFile(
      Path path, Map<String, Map<String, String>> sections, Map<String, String> defaults) {
    this.path = path;
    this.sections = sections;
    this.defaults = defaults;
  }

  /**
   * Reads and parses {@code path} (UTF-8): a regular file (or a link to one) of at most {@link
   * #MAX_BYTES}. Both are checked before anything is read, and the read stops after {@link
   * #MAX_BYTES} should the file grow meanwhile, so a FIFO, a device or a huge file can neither hang
   * start-up nor exhaust the heap.
   *
   * @throws ConfigurationException {@code Config file <path> not found, exiting} when it does not
   *     exist, {@code Config file <path> cannot be read, exiting: <reason>} when it cannot be read,
   *     is not a regular file or is too large, or a parse error naming the file and line
   */
  static IniFile read(Path path) {
    if (!Files.exists(path)) {
      throw new ConfigurationException("Config file " + path + " not found, exiting");
    }
    String text;
    try {
      if (Files.isDirectory(path)) {
        throw new IOException("it is a directory");
      }
      if (!Files.isRegularFile(path)) {
        throw new IOException("it is not a regular file (a FIFO, socket or device)");
      }
      long size = Files.size(path);
      if (size > MAX_BYTES) {
        throw new IOException(tooLarge(size));
      }
      text = decode(readAtMost(path, MAX_BYTES));
    } catch (AccessDeniedException e) {
      throw cannotRead(path, "permission denied", e);
    } catch (CharacterCodingException e) {
      throw cannotRead(path, "it is not UTF-8 text", e);
    } catch (IOException e) {
      throw cannotRead(path, e.getMessage(), e);
    }
    return parse(path, text);
  }

  private static String tooLarge(long size) {
    return "it is %d bytes; a configuration file may have at most %d (1 MiB)"
        .formatted(size, MAX_BYTES);
  }

  private static byte[] readAtMost(Path path, int max) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      byte[] bytes = in.readNBytes(max + 1);
      if (bytes.length > max) {
        throw new IOException(tooLarge(Files.size(path)));
      }
      return bytes;
    }
  }

  private static String decode(byte[] bytes) throws CharacterCodingException {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes))
        .toString();
  }

  private static ConfigurationException cannotRead(Path path, String reason, IOException cause) {
    return new ConfigurationException(
        "Config file " + path + " cannot be read, exiting: " + reason, cause);
  }

  /** Parses {@code text} as the contents of {@code path}. */
  static IniFile parse(Path path, String text) {
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1); // a byte order mark some editors write
    }
    Config config = new Config();
    config.setEscape(false); // a backslash is an ordinary character, as in configparser
    config.setEscapeNewline(false); // a trailing backslash does not join lines
    config.setLowerCaseOption(true);
    config.setLowerCaseSection(false);
    config.setEmptyOption(false); // a line without '=' or ':' is an error
    config.setGlobalSection(false); // a key before the first section is an error
    config.setInclude(false);
    Collector collector = new Collector(path);
    try {
      IniParser.newInstance(config).parse(new StringReader(text), collector);
    } catch (InvalidFileFormatException e) {
      throw collector.parseError(e);
    } catch (IOException e) {
      throw new ConfigurationException(
          "Config file " + path + " cannot be read, exiting: " + e.getMessage(), e);
    }
    Map<String, String> defaults = collector.sections.getOrDefault(DEFAULT_SECTION, Map.of());
    Map<String, Map<String, String>> sections = new LinkedHashMap<>(collector.sections);
    sections.remove(DEFAULT_SECTION);
    return new IniFile(path, sections, defaults);
  }

  /** Receives ini4j's parse events and enforces configparser's strict mode. */
  private static final class Collector implements IniHandler {
    private final Path path;
    private final Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    private Map<String, String> current;
    private String currentName;

    Collector(Path path) {
      this.path = path;
    }

    @Override
    public void startIni() {}

    @Override
    public void endIni() {}

    @Override
    public void startSection(String name) {
      if (name.length() > MAX_NAME_LENGTH) {
        throw new ConfigurationException(
            "Config file %s: a section name of %d characters, [%s]; at most %d are allowed"
                .formatted(path, name.length(), ErrorText.value(name, 40), MAX_NAME_LENGTH));
      }
      if (sections.containsKey(name)) {
        throw new ConfigurationException(
            "Config file %s: section [%s] appears more than once (merge them into one)"
                .formatted(path, ErrorText.value(name)));
      }
      current = new LinkedHashMap<>();
      currentName = name;
      sections.put(name, current);
    }

    @Override
    public void endSection() {}

    @Override
    public void handleComment(String comment) {}

    @Override
    public void handleOption(String key, String value) {
      if (key.length() > MAX_NAME_LENGTH) {
        throw new ConfigurationException(
            "Config file %s: a key name of %d characters in [%s], %s; at most %d are allowed"
                .formatted(
                    path,
                    key.length(),
                    ErrorText.value(currentName),
                    ErrorText.value(key, 40),
                    MAX_NAME_LENGTH));
      }
      if (current.containsKey(key)) {
        throw new ConfigurationException(
            "Config file %s: key %s.%s appears more than once (key names ignore case; keep one)"
                .formatted(path, ErrorText.value(currentName), ErrorText.value(key)));
      }
      current.put(key, value == null ? "" : value);
    }

    ConfigurationException parseError(InvalidFileFormatException e) {
      Matcher m = LINE_NUMBER.matcher(String.valueOf(e.getMessage()));
      String where = m.find() ? "line " + m.group(1) : "a line";
      if (current == null) {
        return new ConfigurationException(
            "Config file %s: %s comes before the first [section] header (the file must start with a header such as [kuberoute])"
                .formatted(path, where),
            e);
      }
      return new ConfigurationException(
          ("Config file %s: %s is not a [section] header, a 'key = value' line or a comment"
                  + " (a value must fit on one line; comments must be on a line of their own)")
              .formatted(path, where),
          e);
    }
  }

  Path path() {
    return path;
  }

  /** The directory relative paths in the file are resolved against. */
  Path directory() {
    Path parent = path.toAbsolutePath().getParent();
    return parent == null ? Path.of("") : parent;
  }

  /** Section names in file order, without {@code [DEFAULT]}. */
  Set<String> sectionNames() {
    return Collections.unmodifiableSet(sections.keySet());
  }

  boolean has(String name) {
    return sections.containsKey(name);
  }

  /**
   * The section with its {@code [DEFAULT]} keys, interpolated. The same instance is returned on
   * every call, so it remembers which keys were read.
   *
   * @throws ConfigurationException naming {@code section.key} for a bad {@code %}
   */
  Optional<ConfigSection> section(String name) {
    if (!sections.containsKey(name)) {
      return Optional.empty();
    }
    ConfigSection section = opened.get(name);
    if (section == null) {
      Map<String, String> raw = new LinkedHashMap<>(defaults);
      raw.putAll(sections.get(name));
      Map<String, String> values = new LinkedHashMap<>();
      Map<String, Long> lengths = new HashMap<>();
      raw.forEach(
          (key, value) -> {
            if (expandedLength(key, raw, lengths, new HashSet<>()) > MAX_BYTES) {
              throw new ConfigurationException(
                  "invalid value for %s.%s: its %%(name)s references expand to more than %d characters (1 MiB)"
                      .formatted(ErrorText.value(name), ErrorText.value(key), MAX_BYTES));
            }
            values.put(key, BasicInterpolation.interpolate(name, key, value, raw));
          });
      section = new ConfigSection(name, values);
      opened.put(name, section);
    }
    return Optional.of(section);
  }

  /**
   * How long the value of {@code key} becomes once its {@code %(name)s} references are expanded, at
   * least: a few references nested a few deep make gigabytes of a small file. References in a cycle
   * or to missing keys count nothing (the interpolation reports them). Saturates above {@link
   * #MAX_BYTES}.
   */
  private static long expandedLength(
      String key, Map<String, String> raw, Map<String, Long> known, Set<String> visiting) {
    Long done = known.get(key);
    if (done != null) {
      return done;
    }
    String value = raw.get(key);
    if (value == null || !visiting.add(key)) {
      return 0;
    }
    long length = 0;
    int pos = 0;
    while (pos < value.length() && length <= MAX_BYTES) {
      int percent = value.indexOf('%', pos);
      if (percent < 0) {
        length += value.length() - pos;
        break;
      }
      length += percent - pos;
      if (value.startsWith("%(", percent)) {
        int close = value.indexOf(')', percent + 2);
        if (close > 0) {
          String name = value.substring(percent + 2, close).toLowerCase(Locale.ROOT);
          length += expandedLength(name, raw, known, visiting);
          pos = close + 1;
          continue;
        }
      }
      length += 1;
      pos = percent + (value.startsWith("%%", percent) ? 2 : 1);
    }
    visiting.remove(key);
    long saturated = Math.min(length, MAX_BYTES + 1L);
    known.put(key, saturated);
    return saturated;
  }

  /** The section, or the error {@code Config file <path> has no [name] section}. */
  ConfigSection required(String name) {
    return section(name)
        .orElseThrow(
            () -> {
              String hint =
                  sections.keySet().stream()
                      .filter(s -> s.equalsIgnoreCase(name))
                      .findFirst()
                      .map(
                          s ->
                              " (section names are case-sensitive: found ["
                                  + ErrorText.value(s)
                                  + "])")
                      .orElse("");
              return new ConfigurationException(
                  "Config file %s has no [%s] section%s"
                      .formatted(path, ErrorText.value(name), hint));
            });
  }

  /**
   * Keys of the sections read so far that nobody read ({@code section.key}), in file order. Keys
   * inherited from {@code [DEFAULT]} are not listed: they exist for interpolation. Each is shown as
   * {@link ErrorText#value} shows a value (it goes into a warning).
   */
  List<String> unreadKeys() {
    List<String> unread = new ArrayList<>();
    opened.forEach(
        (name, section) -> {
          Set<String> own = new LinkedHashSet<>(sections.get(name).keySet());
          own.retainAll(section.unreadKeys());
          own.forEach(key -> unread.add(ErrorText.value(name + "." + key)));
        });
    return unread;
  }
}
