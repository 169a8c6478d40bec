/**
 * Network faults for tests: {@link io.kuberoute.testkit.net.TcpProxy}, a loopback TCP proxy a test
 * switches between forwarding, hung and killed, to play a server that hangs or dies at an address
 * that does not change.
 */
package io.kuberoute.testkit.net;
