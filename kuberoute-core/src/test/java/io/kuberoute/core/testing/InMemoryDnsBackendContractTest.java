package io.kuberoute.core.testing;

import io.kuberoute.core.model.Ownership;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.port.DnsBackend;

/** The test double itself keeps the contract the real backends keep. */
class InMemoryDnsBackendContractTest extends AbstractDnsBackendContractTest {

  private InMemoryDnsBackend backend;

  @Override
  protected DnsBackend newBackend(String ownerId) {
    backend = new InMemoryDnsBackend(ownerId);
    return backend;
  }

  @Override
  protected DnsBackend restart(DnsBackend old, String ownerId) {
    return old; // the in-memory store is the DNS: a restarted process would find it as it is
  }

  @Override
  protected void seed(RecordSet record, Ownership ownership) {
    backend.seed(record, ownership);
  }
}
