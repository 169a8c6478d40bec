/**
 * Route resolution, the implementation: which Services qualify, which pods are live, which nodes
 * serve, the quota and the failover decision table, turning a cluster snapshot into routes and
 * per-Service problems ({@code RouteResolver}), and keeping them up to date change by change
 * ({@code RouteTable}). Internal: the types here may change in any release without notice;
 * embedders use {@link io.kuberoute.core.app.SyncService} and the settings in {@code
 * io.kuberoute.core.routing} instead. Only the core and the benchmarks use this package (a test
 * enforces it).
 */
package io.kuberoute.core.internal.routing;
