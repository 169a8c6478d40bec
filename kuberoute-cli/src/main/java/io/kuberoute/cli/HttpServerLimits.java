package io.kuberoute.cli;

import java.time.Duration;
import java.util.Objects;

/**
 * What one HTTP client may hold of the server, so that no number of slow or idle clients can keep a
 * probe from being answered.
 *
 * @param headTimeout a request's line and headers must arrive within this, from its first byte
 *     (from the connection for the first request); then the connection is closed
 * @param idleTimeout a kept-alive connection without a request is closed after this
 * @param answerTimeout an answer not computed within this is given up, with its connection (a
 *     safety net: {@code GET /} answers by itself after its sync wait)
 * @param writeTimeout an answer the client does not read within this is dropped with its connection
 * @param maxConnections connections held at once; a new one beyond it closes the one that has
 *     waited longest for its request (or, if every one is being answered, the oldest)
 * @param maxHeadBytes the longest request line and headers (431 beyond)
 * @param workers threads that compute answers (slow clients never hold one: the selector thread
 *     reads requests and writes answers without blocking)
 * @param queue requests waiting for a worker; beyond it, 503
 */
record HttpServerLimits(
    Duration headTimeout,
    Duration idleTimeout,
    Duration answerTimeout,
    Duration writeTimeout,
    int maxConnections,
    int maxHeadBytes,
    int workers,
    int queue) {

  /** For kuberoute's endpoints: small answers, probes every few seconds. */
  static final HttpServerLimits DEFAULT =
      new HttpServerLimits(
          Duration.ofSeconds(10),
          Duration.ofSeconds(30),
          Duration.ofSeconds(150),
          Duration.ofSeconds(30),
          512,
          8192,
          2,
          64);

  HttpServerLimits {
    for (Duration d : new Duration[] {headTimeout, idleTimeout, answerTimeout, writeTimeout}) {
      Objects.requireNonNull(d, "timeout");
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("timeouts must be positive");
      }
    }
    if (maxConnections < 1 || maxHeadBytes < 64 || workers < 1 || queue < 1) {
      throw new IllegalArgumentException("limits must be positive (a head at least 64 bytes)");
    }
  }
}
