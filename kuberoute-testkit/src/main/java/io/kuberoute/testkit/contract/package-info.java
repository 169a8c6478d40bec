/**
 * The DNS backend contract suite: {@link
 * io.kuberoute.testkit.contract.AbstractDnsBackendContractTest} checks exact read-back, updates,
 * type changes, ownership marks, adoption, discovery, the domain filter and a restart over the same
 * DNS. Every backend, ours or an embedder's, extends it once.
 */
package io.kuberoute.testkit.contract;
