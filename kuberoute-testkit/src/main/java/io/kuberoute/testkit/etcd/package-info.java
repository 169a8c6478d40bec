/**
 * A real etcd for the SkyDNS tests, the fault suite and the benchmarks: Debian's {@code etcd} on
 * free loopback ports, with TLS, users and call counts; {@link io.kuberoute.testkit.etcd.EtcdKeys}
 * reads and writes its keys directly.
 */
package io.kuberoute.testkit.etcd;
