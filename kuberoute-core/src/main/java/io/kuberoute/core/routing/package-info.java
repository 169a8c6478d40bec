/**
 * Route resolution: which Services qualify, which pods are live, which nodes serve, the quota and
 * the failover decision table, turning a cluster snapshot into routes and per-Service problems.
 */
package io.kuberoute.core.routing;
