package io.kuberoute.k8s;

import io.kuberoute.core.port.ClusterHealth;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Decides the {@link ClusterHealth} of the informers' view from what the monitor sees of each
 * informer, every watch event, and the answers to probes of the API server:
 *
 * <ul>
 *   <li><b>starting</b> until every informer has listed once; <b>unavailable</b> instead while one
 *       of those first lists has failed (with its error);
 *   <li>afterwards <b>unavailable</b> when a watch has been closed for {@link Timings#grace} or
 *       longer: fabric8 re-opens every watch every 5 to 10 minutes, which leaves it closed for
 *       about a second, and that is no outage;
 *   <li><b>unavailable</b> when no watch event has arrived for {@link Timings#silence} and the
 *       probe this asks for ({@code GET /version}) got no answer within {@link
 *       Timings#probeTimeout}, or an answer of 5xx: an API server that is hung (stopped,
 *       overloaded, cut off by a network that drops packets) leaves its watches open and silent. A
 *       good answer keeps the view available (a quiet cluster is no outage) until the next silence;
 *       while probes fail, one is sent each {@link Timings#probeTimeout}, and the first good answer
 *       or watch event ends it;
 *   <li><b>available</b> otherwise.
 * </ul>
 *
 * The {@code since} of a state is when it began. Thread-safe; the clocks are given so that a test
 * can drive them.
 */
final class ApiServerHealth {

  /** The bounds of the decision. */
  record Timings(Duration grace, Duration silence, Duration probeTimeout) {

    /** Closed 5 s, silent 30 s, probe 5 s: a hung API server is seen within about 35 s. */
    static final Timings DEFAULT =
        new Timings(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(5));

    static final String GRACE_PROPERTY = "kuberoute.k8s.watch-grace-ms";
    static final String SILENCE_PROPERTY = "kuberoute.k8s.watch-silence-ms";
    static final String PROBE_TIMEOUT_PROPERTY = "kuberoute.k8s.probe-timeout-ms";

    Timings {
      positive(grace, "grace");
      positive(silence, "silence");
      positive(probeTimeout, "probeTimeout");
    }

    private static void positive(Duration d, String what) {
      Objects.requireNonNull(d, what);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive, got " + d);
      }
    }

    /**
     * The defaults, each overridden by its system property (milliseconds) when set: for tests that
     * cannot wait half a minute; not a setting of the program.
     */
    static Timings fromSystemProperties() {
      return new Timings(
          property(GRACE_PROPERTY, DEFAULT.grace),
          property(SILENCE_PROPERTY, DEFAULT.silence),
          property(PROBE_TIMEOUT_PROPERTY, DEFAULT.probeTimeout));
    }

    private static Duration property(String name, Duration otherwise) {
      String value = System.getProperty(name);
      if (value == null || value.isBlank()) {
        return otherwise;
      }
      try {
        return Duration.ofMillis(Long.parseLong(value.strip()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "the system property " + name + " must be milliseconds, got: " + value);
      }
    }
  }

  /** What the monitor sees of one informer. */
  record Watch(String description, boolean listed, boolean watching, String lastError) {
    Watch {
      Objects.requireNonNull(description, "description");
    }
  }

  private final Timings timings;
  private final LongSupplier nanoTime;
  private final Clock clock;

  // guarded by this
  private final Set<String> everListed = new HashSet<>();
  private final Map<String, Long> closedSince = new HashMap<>();
  private boolean allListed;
  private boolean allWatching;
  private boolean closed;
  private boolean probing;
  private long probeEnded;
  private volatile String probeFailure;
  private volatile long lastHeard;
  private volatile ClusterHealth current;

  ApiServerHealth(Timings timings, LongSupplier nanoTime, Clock clock) {
    this.timings = Objects.requireNonNull(timings, "timings");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.current =
        ClusterHealth.starting(
            "waiting for the first list from the Kubernetes API server", clock.instant());
  }

  Timings timings() {
    return timings;
  }

  /** The health as of the last {@link #update}. */
  ClusterHealth current() {
    return current;
  }

  /**
   * A watch event (or a listed object) arrived: the API server is alive. Cheap: called per object.
   */
  void heard() {
    lastHeard = nanoTime.getAsLong();
    if (probeFailure != null) {
      synchronized (this) {
        probeFailure = null;
      }
    }
  }

  /** The health given what each informer shows now. */
  synchronized ClusterHealth update(List<Watch> watches) {
    long now = nanoTime.getAsLong();
    boolean watchingAll = true;
    for (Watch w : watches) {
      if (w.listed()) {
        everListed.add(w.description());
      }
      if (w.watching()) {
        closedSince.remove(w.description());
      } else {
        watchingAll = false;
        closedSince.putIfAbsent(w.description(), now);
      }
    }
    allWatching = watchingAll;
    if (!allListed && watches.stream().allMatch(w -> everListed.contains(w.description()))) {
      allListed = true;
      lastHeard = now; // the lists were an answer
    }
    return set(decide(watches, now));
  }

  private ClusterHealth decide(List<Watch> watches, long now) {
    if (closed) {
      return health(ClusterHealth.State.UNAVAILABLE, "the Kubernetes source is closed");
    }
    if (!allListed) {
      List<Watch> waiting =
          watches.stream().filter(w -> !everListed.contains(w.description())).toList();
      List<Watch> failed = waiting.stream().filter(w -> w.lastError() != null).toList();
      if (!failed.isEmpty()) {
        return health(
            ClusterHealth.State.UNAVAILABLE,
            "cannot list %s from the Kubernetes API server: %s"
                .formatted(names(failed), failed.get(0).lastError()));
      }
      return health(
          ClusterHealth.State.STARTING, "waiting for the first list of " + names(waiting));
    }
    long graceNanos = timings.grace.toNanos();
    List<Watch> broken =
        watches.stream()
            .filter(w -> !w.watching() && now - closedSince.get(w.description()) >= graceNanos)
            .toList();
    if (!broken.isEmpty()) {
      String error =
          broken.stream().map(Watch::lastError).filter(Objects::nonNull).findFirst().orElse(null);
      return health(
          ClusterHealth.State.UNAVAILABLE,
          "the watch of %s has been closed for more than %s%s"
              .formatted(names(broken), seconds(timings.grace), error == null ? "" : ": " + error));
    }
    if (probeFailure != null) {
      return health(ClusterHealth.State.UNAVAILABLE, probeFailure);
    }
    return health(ClusterHealth.State.AVAILABLE, "");
  }

  /**
   * Whether a probe should be sent now: the view is listed, every watch is open, no probe is in
   * flight, and either no event came for {@link Timings#silence} or the last probe failed at least
   * {@link Timings#probeTimeout} ago.
   */
  synchronized boolean probeDue() {
    if (closed || !allListed || !allWatching || probing) {
      return false;
    }
    long now = nanoTime.getAsLong();
    if (probeFailure != null) {
      return now - probeEnded >= timings.probeTimeout.toNanos();
    }
    return now - lastHeard >= timings.silence.toNanos();
  }

  synchronized void probeStarted() {
    probing = true;
  }

  /** The API server answered the probe (any status below 500). */
  void probeAnswered() {
    synchronized (this) {
      probing = false;
      probeEnded = nanoTime.getAsLong();
    }
    heard();
  }

  /** The probe got no answer, or a 5xx: {@code reason} says which (one line). */
  synchronized void probeFailed(String reason) {
    probing = false;
    probeEnded = nanoTime.getAsLong();
    probeFailure = Objects.requireNonNull(reason, "reason");
  }

  synchronized void close() {
    closed = true;
    set(health(ClusterHealth.State.UNAVAILABLE, "the Kubernetes source is closed"));
  }

  /** The silence that makes a probe due, as the reason of a failed one reads it. */
  String silenceDescribed() {
    return "no watch event for " + seconds(timings.silence);
  }

  private ClusterHealth set(ClusterHealth next) {
    ClusterHealth before = current;
    if (before.state() == next.state() && before.reason().equals(next.reason())) {
      return before;
    }
    ClusterHealth kept =
        before.state() == next.state()
            ? new ClusterHealth(next.state(), next.reason(), before.since())
            : next;
    current = kept;
    return kept;
  }

  private ClusterHealth health(ClusterHealth.State state, String reason) {
    return new ClusterHealth(state, oneLine(reason), clock.instant());
  }

  static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
  }

  private static String names(List<Watch> ws) {
    return ws.stream().map(Watch::description).collect(Collectors.joining(", "));
  }

  private static String oneLine(String s) {
    return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}
