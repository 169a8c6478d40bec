package io.kuberoute.k8s;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kuberoute.core.model.ServiceRef;
import io.kuberoute.core.port.EventSink;
import io.kuberoute.core.port.ServiceEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records core {@link ServiceEvent}s as Kubernetes Events ({@code core/v1}) on the Service, as
 * {@code kubectl describe service} shows them: {@code involvedObject} is the Service (with its uid
 * when the informers know it), {@code reason} and {@code message} come from the core, {@code
 * source.component} and {@code reportingComponent} are {@value #COMPONENT}.
 *
 * <p>{@link #emit} never blocks the sync and never throws: events are created on one background
 * thread from a queue of {@value #QUEUE_SIZE}; a full queue drops the event, and a failed create
 * (API server unreachable, RBAC) is logged and dropped.
 */
final class KubernetesEventSink implements EventSink, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(KubernetesEventSink.class);

  static final String COMPONENT = "kuberoute";
  static final int QUEUE_SIZE = 256;

  /** Kubernetes rejects longer event messages in events.k8s.io; core/v1 is kept to the same. */
  static final int MAX_MESSAGE = 1024;

  private final KubernetesClient client;
  private final Function<ServiceRef, Optional<String>> uids;
  private final String instance;
  private final Clock clock;
  private final ThreadPoolExecutor executor;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong recorded = new AtomicLong();

  /** Events dropped since the last one queued; guarded by this. */
  private long droppedInARow;

  KubernetesEventSink(
      KubernetesClient client,
      Function<ServiceRef, Optional<String>> uids,
      String instance,
      Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.uids = Objects.requireNonNull(uids, "uids");
    this.instance = Objects.requireNonNull(instance, "instance");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.executor =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE_SIZE),
            r -> {
              Thread t = new Thread(r, "kuberoute-k8s-events");
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public void emit(ServiceEvent event) {
    Objects.requireNonNull(event, "event");
    try {
      executor.execute(() -> create(event));
    } catch (RejectedExecutionException e) {
      dropped.incrementAndGet();
      onDropped(event);
      return;
    }
    onQueued();
  }

  /**
   * One line for the first event dropped in a row and one when the queue takes events again, not
   * one per event (a first sync that fails thousands of Services over would log thousands).
   */
  private synchronized void onDropped(ServiceEvent event) {
    if (droppedInARow++ == 0) {
      log.warn(
          "dropped event {} on service {}: {}; further events are dropped silently until the queue has room",
          event.reason(),
          event.service(),
          executor.isShutdown() ? "shutting down" : "too many events queued");
    }
  }

  private synchronized void onQueued() {
    if (droppedInARow > 0) {
      log.warn("the event queue has room again; {} event(s) were dropped in all", droppedInARow);
      droppedInARow = 0;
    }
  }

  /** Events dropped because the queue was full or the sink closed. */
  long dropped() {
    return dropped.get();
  }

  /** Events the API server took. */
  long recorded() {
    return recorded.get();
  }

  /** Events the API server did not take (unreachable, refused). */
  long failed() {
    return failed.get();
  }

  /** The Event that {@code event} becomes (without sending it). */
  Event toKubernetesEvent(ServiceEvent event) {
    ServiceRef ref = event.service();
    Instant now = clock.instant();
    String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
    String message = event.message();
    if (message.length() > MAX_MESSAGE) {
      message = message.substring(0, MAX_MESSAGE - 3) + "...";
    }
    long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    return new EventBuilder()
        .withNewMetadata()
        .withNamespace(ref.namespace())
        // the name kubectl's event recorder uses: <object>.<hex nanoseconds>
        .withName(ref.name() + "." + Long.toHexString(nanos).toLowerCase(Locale.ROOT))
        .endMetadata()
        .withNewInvolvedObject()
        .withApiVersion("v1")
        .withKind("Service")
        .withNamespace(ref.namespace())
        .withName(ref.name())
        .withUid(uids.apply(ref).orElse(null))
        .endInvolvedObject()
        .withType(event.type().name())
        .withReason(event.reason())
        .withMessage(message)
        .withNewSource()
        .withComponent(COMPONENT)
        .endSource()
        .withReportingComponent(COMPONENT)
        .withReportingInstance(instance)
        .withFirstTimestamp(time)
        .withLastTimestamp(time)
        .withCount(1)
        .build();
  }

  private void create(ServiceEvent event) {
    try {
      client
          .v1()
          .events()
          .inNamespace(event.service().namespace())
          .resource(toKubernetesEvent(event))
          .create();
      recorded.incrementAndGet();
      log.debug("recorded event {} on service {}", event.reason(), event.service());
    } catch (RuntimeException e) {
      failed.incrementAndGet();
      log.warn(
          "could not record event {} on service {}: {}",
          event.reason(),
          event.service(),
          Fabric8ClientFactory.errorMessage(e));
    }
  }

  /** Stops taking events and waits up to {@code timeout} for the queued ones. */
  void close(Duration timeout) {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        int dropped = executor.shutdownNow().size();
        log.warn("{} queued event(s) not recorded at shutdown", dropped);
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }
}
