package io.kuberoute.cli;

import io.kuberoute.core.plan.ChangeSet;
import io.kuberoute.core.port.ApplyResult;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.core.port.ReadScope;
import io.kuberoute.core.port.ZoneState;
import io.kuberoute.testkit.fixtures.InMemoryDnsBackend;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory backend whose reads or writes can be held at a gate, to have a sync "in flight" for
 * as long as a test needs.
 */
final class GatedDnsBackend implements DnsBackend {

  final InMemoryDnsBackend store = new InMemoryDnsBackend("kuberoute");
  final CountDownLatch readEntered = new CountDownLatch(1);
  final CountDownLatch applyEntered = new CountDownLatch(1);
  final CountDownLatch gate = new CountDownLatch(1);
  final AtomicInteger reads = new AtomicInteger();
  final AtomicInteger applies = new AtomicInteger();
  private final boolean holdReads;
  private final boolean holdApplies;

  private GatedDnsBackend(boolean holdReads, boolean holdApplies) {
    this.holdReads = holdReads;
    this.holdApplies = holdApplies;
  }

  static GatedDnsBackend holdingReads() {
    return new GatedDnsBackend(true, false);
  }

  static GatedDnsBackend holdingApplies() {
    return new GatedDnsBackend(false, true);
  }

  void open() {
    gate.countDown();
  }

  @Override
  public ZoneState read(ReadScope domains, boolean refresh) {
    reads.incrementAndGet();
    if (holdReads) {
      readEntered.countDown();
      await();
    }
    return store.read(domains, refresh);
  }

  @Override
  public ApplyResult apply(ChangeSet changes) {
    applies.incrementAndGet();
    if (holdApplies) {
      applyEntered.countDown();
      await();
    }
    return store.apply(changes);
  }

  private void await() {
    try {
      if (!gate.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never opened the gate");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted at the gate", e);
    }
  }
}
