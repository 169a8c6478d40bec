/**
 * kuberoute's core: the pure domain of publishing DNS records for Kubernetes Services, with no
 * Kubernetes, AWS or etcd library (the build enforces it). The root package holds the exceptions
 * shared by every layer.
 *
 * <p>Where to start as an embedder: build a {@link io.kuberoute.core.app.SyncService} from a
 * {@link io.kuberoute.core.port.ClusterSource} (where Services, pods and nodes come from), a
 * {@link io.kuberoute.core.port.DnsBackend} (where records go) and {@link
 * io.kuberoute.core.app.SyncSettings}, then call {@code sync} or run it with a {@link
 * io.kuberoute.core.app.SyncLoop}.
 */
package io.kuberoute.core;
