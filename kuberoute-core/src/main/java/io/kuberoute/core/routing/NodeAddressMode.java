package io.kuberoute.core.routing;

import java.util.List;
import java.util.Locale;

/** Which node address is published for a node that runs a live pod ({@code node_address}). */
public enum NodeAddressMode {
  /** The node's ExternalIP addresses, or its InternalIP addresses if it has no ExternalIP. */
  AUTO,
  /** Only ExternalIP addresses; a node without one contributes nothing. */
  EXTERNAL,
  /** Only InternalIP addresses (what the original published, via the pod's hostIP). */
  INTERNAL;

  /** The addresses of a node under this mode. */
  public List<String> select(List<String> internal, List<String> external) {
    return switch (this) {
      case AUTO -> external.isEmpty() ? internal : external;
      case EXTERNAL -> external;
      case INTERNAL -> internal;
    };
  }

  /** Parses {@code auto}, {@code external} or {@code internal} (any case). */
  public static NodeAddressMode parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a node address mode (allowed: auto, external, internal)", e);
    }
  }

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
