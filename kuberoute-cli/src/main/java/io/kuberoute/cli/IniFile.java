package io.kuberoute.cli;

import io.kuberoute.core.ConfigurationException;
import io.kuberoute.core.config.ConfigSection;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.ini4j.Config;
import org.ini4j.Ini;
import org.ini4j.Profile;

/** Reads the INI configuration file into sections of plain text values. */
final class IniFile {

  private final Path path;
  private final Map<String, ConfigSection> sections;

  private IniFile(Path path, Map<String, ConfigSection> sections) {
    this.path = path;
    this.sections = sections;
  }

  static IniFile read(Path path) {
    if (!Files.exists(path)) {
      throw new ConfigurationException("Config file " + path + " not found, exiting");
    }
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw new ConfigurationException("Config file " + path + " cannot be read, exiting");
    }
    Config config = new Config();
    config.setEscape(false);
    config.setLowerCaseOption(true);
    config.setMultiSection(true);
    config.setMultiOption(true);
    config.setEmptyOption(true);
    config.setEmptySection(true);
    Ini ini = new Ini();
    ini.setConfig(config);
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      ini.load(reader);
    } catch (IOException e) {
      throw new ConfigurationException(
          "Config file " + path + " is not a valid INI file: " + e.getMessage(), e);
    }
    Map<String, ConfigSection> sections = new LinkedHashMap<>();
    for (String name : ini.keySet()) {
      if (ini.getAll(name).size() > 1) {
        throw new ConfigurationException(
            "Config file %s: section [%s] appears more than once".formatted(path, name));
      }
      Profile.Section section = ini.get(name);
      Map<String, String> values = new LinkedHashMap<>();
      for (String key : section.keySet()) {
        if (section.getAll(key).size() > 1) {
          throw new ConfigurationException(
              "Config file %s: key %s.%s appears more than once".formatted(path, name, key));
        }
        String value = section.get(key);
        values.put(key, value == null ? "" : value);
      }
      sections.put(name, new ConfigSection(name, values));
    }
    return new IniFile(path, sections);
  }

  Path path() {
    return path;
  }

  Optional<ConfigSection> section(String name) {
    return Optional.ofNullable(sections.get(name));
  }

  ConfigSection required(String name) {
    return section(name)
        .orElseThrow(
            () ->
                new ConfigurationException(
                    "Config file %s has no [%s] section".formatted(path, name)));
  }

  Map<String, ConfigSection> sections() {
    return sections;
  }
}
