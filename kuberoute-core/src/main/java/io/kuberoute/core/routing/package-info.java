/**
 * The settings of route resolution: {@link io.kuberoute.core.routing.RouteSettings} (the label
 * keys, the Service types, the TTL, which node addresses are published), {@link
 * io.kuberoute.core.routing.LabelKeys} and {@link io.kuberoute.core.routing.NodeAddressMode}.
 * Public API. How routes are resolved from them (live pods, quota, the failover table, the route
 * table) is in {@code io.kuberoute.core.internal.routing}, which is not.
 */
package io.kuberoute.core.routing;
