/**
 * Real authoritative DNS servers for the RFC 2136 tests: BIND 9 and Knot DNS, started on a free
 * loopback port with the zones and TSIG keys the backend documentation recommends, stoppable,
 * restartable on the same data and freezable, one per test class through {@link
 * io.kuberoute.testkit.dns.DnsServerExtension}.
 */
package io.kuberoute.testkit.dns;
