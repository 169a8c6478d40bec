/**
 * The application layer: one sync (read the cluster, resolve routes, read DNS through the registry,
 * plan, apply, report) in {@link io.kuberoute.core.app.SyncService}, run continuously by {@link
 * io.kuberoute.core.app.SyncLoop}, with its settings and results. Public API; the steps of a sync
 * are package-private classes here.
 */
package io.kuberoute.core.app;
