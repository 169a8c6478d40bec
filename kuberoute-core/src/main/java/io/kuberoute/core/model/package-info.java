/**
 * Value types that validate themselves: DNS names, record sets, ownership marks, the domain filter,
 * and the cluster snapshot (Services, pods, nodes) kuberoute routes from. Public API.
 */
package io.kuberoute.core.model;
