package io.kuberoute.core.config;

import java.util.Objects;

/**
 * A password, key or token. {@link #toString()} never shows it, so a secret cannot leak through a
 * log line, an exception message or a record's generated {@code toString}. Only the code that hands
 * it to a client library calls {@link #reveal()}.
 */
public final class Secret {

  private static final String HIDDEN = "<hidden>";
  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  public static Secret of(String value) {
    return new Secret(value);
  }

  /** The secret itself, for the client library that needs it. Never log the result. */
  public String reveal() {
    return value;
  }

  public boolean isEmpty() {
    return value.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return HIDDEN;
  }
}
