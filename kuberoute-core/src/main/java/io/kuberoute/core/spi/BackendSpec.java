package io.kuberoute.core.spi;

import io.kuberoute.core.port.DnsBackend;

/** A backend's validated settings, ready to build the backend from. */
public interface BackendSpec {

  /**
   * Builds the backend. It contacts its DNS service no earlier than the first read or apply, so a
   * service that is down does not stop the program from starting.
   */
  DnsBackend create(BackendContext context);

  /** A short description for the start-up log line; never a secret (no keys, tokens, userinfo). */
  default String describe() {
    return "";
  }
}
