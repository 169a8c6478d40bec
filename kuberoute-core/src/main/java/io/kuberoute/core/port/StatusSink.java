package io.kuberoute.core.port;

import io.kuberoute.core.report.StatusReport;

/**
 * Receives the state report after a sync that changed it, and at least once per interval. A failure
 * is logged and counted and retried next time; it never stops DNS work.
 */
public interface StatusSink {

  /** A short name for logs and metrics, e.g. {@code s3}. */
  String name();

  /** Writes the report. Throws on failure. */
  void publish(StatusReport report);
}
