package io.kuberoute.core;

/**
 * The configuration is invalid. The message names the offending {@code section.key}, the bad value
 * and what is allowed. The command line turns it into exit code 2 before anything is contacted or
 * written.
 */
public class ConfigurationException extends KuberouteException {
  private static final long serialVersionUID = 1L;

  public ConfigurationException(String message) {
    super(message);
  }

  public ConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
