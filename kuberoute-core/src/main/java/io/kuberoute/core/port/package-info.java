/**
 * The ports an adapter implements: {@link io.kuberoute.core.port.ClusterSource}, {@link
 * io.kuberoute.core.port.DnsBackend} (with {@link io.kuberoute.core.port.ReadScope}: the DNS is the
 * registry), {@link io.kuberoute.core.port.StatusSink}, {@link io.kuberoute.core.port.EventSink} and
 * {@link io.kuberoute.core.port.Leadership}. Public API.
 */
package io.kuberoute.core.port;
