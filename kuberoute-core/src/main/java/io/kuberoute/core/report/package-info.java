/**
 * The state report (the original's JSON: API server availability, nodes, services with their
 * quota and endpoints) and its serialisation, as written to S3 and served at {@code /status}.
 */
package io.kuberoute.core.report;
