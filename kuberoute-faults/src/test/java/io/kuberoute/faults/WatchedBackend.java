package io.kuberoute.faults;

import io.kuberoute.core.plan.ChangeSet;
import io.kuberoute.core.port.ApplyResult;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.core.port.ReadScope;
import io.kuberoute.core.port.ZoneState;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A DNS backend that passes every call to another and counts the reads and applies that started, so
 * a test can wait until a sync is inside the backend (then it is surely in flight).
 */
final class WatchedBackend implements DnsBackend {

  private final DnsBackend delegate;
  private final AtomicInteger readsStarted = new AtomicInteger();
  private final AtomicInteger appliesStarted = new AtomicInteger();

  WatchedBackend(DnsBackend delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  int readsStarted() {
    return readsStarted.get();
  }

  int appliesStarted() {
    return appliesStarted.get();
  }

  @Override
  public ZoneState read(ReadScope scope, boolean refresh) {
    readsStarted.incrementAndGet();
    return delegate.read(scope, refresh);
  }

  @Override
  public ApplyResult apply(ChangeSet changes) {
    appliesStarted.incrementAndGet();
    return delegate.apply(changes);
  }

  @Override
  public Optional<String> ownerId() {
    return delegate.ownerId();
  }

  @Override
  public boolean showsChanges() {
    return delegate.showsChanges();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
