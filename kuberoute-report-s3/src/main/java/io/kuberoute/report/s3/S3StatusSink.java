package io.kuberoute.report.s3;

import io.kuberoute.core.port.StatusSink;

/**
 * Writes the state report JSON to an S3 object.
 *
 * <p>TODO(issue 7): implemented by the state report issue; this is the seam the CLI wires against.
 */
public final class S3StatusSink {
  private S3StatusSink() {}

  /** A sink for {@code settings}. Makes no AWS call before the first report. */
  public static StatusSink create(S3ReportSettings settings) {
    throw new UnsupportedOperationException("the S3 state report is not implemented yet (issue 7)");
  }
}
