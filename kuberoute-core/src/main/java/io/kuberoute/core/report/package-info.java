/**
 * The state report (the original's JSON: API server availability, nodes, services with their quota
 * and endpoints): {@link io.kuberoute.core.report.StatusReport}, what a {@link
 * io.kuberoute.core.port.StatusSink} receives, and {@link
 * io.kuberoute.core.report.StatusReportJson}, its serialisation as written to S3 and served at
 * {@code /status}. Public API.
 */
package io.kuberoute.core.report;
