/**
 * kuberoute's core: the pure domain of publishing DNS records for Kubernetes Services, with no
 * Kubernetes, AWS or etcd library (the build enforces it). The root package holds the exceptions
 * shared by every layer.
 *
 * <p>Where to start as an embedder: build a {@link io.kuberoute.core.app.SyncService} from a {@link
 * io.kuberoute.core.port.ClusterSource} (where Services, pods and nodes come from), a {@link
 * io.kuberoute.core.port.DnsBackend} (where records go) and {@link
 * io.kuberoute.core.app.SyncSettings}, then call {@code sync} or run it with a {@link
 * io.kuberoute.core.app.SyncLoop}.
 *
 * <p>The API is every public type outside {@code io.kuberoute.core.internal}: the packages {@code
 * app}, {@code model}, {@code plan}, {@code port}, {@code spi}, {@code config}, {@code report},
 * {@code routing} (its settings) and {@code template}, and the exceptions here. Types in {@code
 * io.kuberoute.core.internal.*} packages are the implementation and may change in any release
 * without notice: embedders and adapters do not use them.
 */
package io.kuberoute.core;
