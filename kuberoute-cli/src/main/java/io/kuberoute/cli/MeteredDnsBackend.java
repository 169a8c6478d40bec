package io.kuberoute.cli;

import io.kuberoute.core.plan.ChangeSet;
import io.kuberoute.core.port.ApplyResult;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.core.port.ReadScope;
import io.kuberoute.core.port.ZoneState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A backend that counts and times every call to the one it wraps, for {@code /metrics}:
 *
 * <pre>
 * kuberoute_dns_calls_total{backend, operation, outcome}   read/apply by outcome: ok, partial (some domains or names failed), error
 * kuberoute_dns_call_duration_seconds{backend, operation}  how long the calls took
 * </pre>
 *
 * Every series exists from the start. The sync service wraps this one in its read cache ({@link
 * io.kuberoute.core.port.CachingDnsBackend}), so only the calls that reach the backend count.
 */
final class MeteredDnsBackend implements DnsBackend {

  private static final String[] OPERATIONS = {"read", "apply"};
  private static final String[] OUTCOMES = {"ok", "partial", "error"};

  private final DnsBackend delegate;
  private final Map<String, Counter> calls = new HashMap<>();
  private final Map<String, Timer> durations = new HashMap<>();

  MeteredDnsBackend(DnsBackend delegate, String backendName, MeterRegistry registry) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    for (String operation : OPERATIONS) {
      for (String outcome : OUTCOMES) {
        calls.put(
            operation + "/" + outcome,
            Counter.builder("kuberoute.dns.calls")
                .description("Calls to the DNS backend by operation and outcome")
                .tag("backend", backendName)
                .tag("operation", operation)
                .tag("outcome", outcome)
                .register(registry));
      }
      durations.put(
          operation,
          Timer.builder("kuberoute.dns.call.duration")
              .description("How long calls to the DNS backend took")
              .tag("backend", backendName)
              .tag("operation", operation)
              .register(registry));
    }
  }

  @Override
  public ZoneState read(ReadScope scope, boolean refresh) {
    long start = System.nanoTime();
    String outcome = "error";
    try {
      ZoneState state = delegate.read(scope, refresh);
      outcome = state.failedDomains().isEmpty() ? "ok" : "partial";
      return state;
    } finally {
      done("read", outcome, start);
    }
  }

  @Override
  public ApplyResult apply(ChangeSet changes) {
    long start = System.nanoTime();
    String outcome = "error";
    try {
      ApplyResult result = delegate.apply(changes);
      outcome = result.isComplete() ? "ok" : "partial";
      return result;
    } finally {
      done("apply", outcome, start);
    }
  }

  private void done(String operation, String outcome, long startNanos) {
    calls.get(operation + "/" + outcome).increment();
    durations
        .get(operation)
        .record(System.nanoTime() - startNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  @Override
  public boolean showsChanges() {
    return delegate.showsChanges();
  }

  @Override
  public Optional<String> ownerId() {
    return delegate.ownerId();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
