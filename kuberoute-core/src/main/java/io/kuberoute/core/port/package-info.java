/**
 * The ports an adapter implements: {@link io.kuberoute.core.port.ClusterSource}, {@link
 * io.kuberoute.core.port.DnsBackend} (with {@link io.kuberoute.core.port.ReadScope}: the DNS is the
 * registry), {@link io.kuberoute.core.port.StatusSink}, {@link io.kuberoute.core.port.EventSink}
 * and {@link io.kuberoute.core.port.Leadership}. Public API.
 *
 * <p>{@link io.kuberoute.core.port.CachingDnsBackend} is the one read cache of every backend: the
 * sync service wraps each backend in it, so a backend reads its service at every call.
 */
package io.kuberoute.core.port;
