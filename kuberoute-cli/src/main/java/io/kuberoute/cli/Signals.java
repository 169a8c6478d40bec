package io.kuberoute.cli;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns SIGTERM and SIGINT into a call of {@code onSignal} instead of the JVM's immediate exit, so
 * the program can finish the write in flight, close everything and exit 0 itself.
 *
 * <p>A stop must not depend on the program noticing it: if it has not stopped {@link #GRACE} after
 * the first signal (it is blocked somewhere it cannot be asked), the JVM exits with 1; a second
 * signal exits at once with 128 + the signal's number (143 for SIGTERM, 130 for SIGINT), as a shell
 * does.
 *
 * <p>Uses {@code sun.misc.Signal} (module {@code jdk.unsupported}, present in every OpenJDK),
 * through reflection so the build has no internal-API warning. Where it is missing, a shutdown hook
 * runs {@code onSignal} and waits for the program to stop instead; the exit code is then the JVM's
 * (143 for SIGTERM).
 */
final class Signals {

  /** How long after the first signal the program may take to stop by itself. */
  static final Duration GRACE = Duration.ofSeconds(45);

  private static final Logger log = LoggerFactory.getLogger(Signals.class);

  private Signals() {}

  /**
   * Installs the handlers.
   *
   * @param onSignal asks the program to stop (must return quickly)
   * @param stopped waits up to the given time for the program to stop; true if it has
   */
  static void install(Runnable onSignal, Predicate<Duration> stopped) {
    Handler handler = new Handler(onSignal, stopped, System::exit, GRACE);
    try {
      Class<?> signalClass = Class.forName("sun.misc.Signal");
      Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
      Object proxy =
          Proxy.newProxyInstance(
              Signals.class.getClassLoader(),
              new Class<?>[] {handlerClass},
              (self, method, args) -> {
                switch (method.getName()) {
                  case "handle" -> {
                    handler.signal(signalName(args[0]));
                    return null;
                  }
                  case "hashCode" -> {
                    return System.identityHashCode(self);
                  }
                  case "equals" -> {
                    return self == args[0];
                  }
                  default -> {
                    return "kuberoute signal handler";
                  }
                }
              });
      Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
      for (String name : new String[] {"TERM", "INT"}) {
        handle.invoke(null, signalClass.getConstructor(String.class).newInstance(name), proxy);
      }
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      log.debug("no signal handlers ({}); using a shutdown hook", e.toString());
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    onSignal.run();
                    if (!stopped.test(GRACE)) {
                      log.warn(
                          "still running {} s after the shutdown began; exiting",
                          GRACE.toSeconds());
                    }
                  },
                  "kuberoute-shutdown"));
    }
  }

  /** What a signal does: the first asks the program to stop and watches it; the second exits. */
  static final class Handler {
    private final Runnable requestStop;
    private final Predicate<Duration> stopped;
    private final IntConsumer exit;
    private final Duration grace;
    private final AtomicBoolean signalled = new AtomicBoolean();

    Handler(Runnable requestStop, Predicate<Duration> stopped, IntConsumer exit, Duration grace) {
      this.requestStop = Objects.requireNonNull(requestStop, "requestStop");
      this.stopped = Objects.requireNonNull(stopped, "stopped");
      this.exit = Objects.requireNonNull(exit, "exit");
      this.grace = Objects.requireNonNull(grace, "grace");
    }

    /** {@code name}: {@code TERM} or {@code INT}. */
    void signal(String name) {
      if (!signalled.compareAndSet(false, true)) {
        log.warn("received SIG{} again, exiting now", name);
        exit.accept(128 + (name.equals("INT") ? 2 : 15));
        return;
      }
      log.info("received SIG{}, shutting down", name);
      requestStop.run();
      Thread watchdog =
          new Thread(
              () -> {
                if (!stopped.test(grace)) {
                  log.error("still running {} s after SIG{}; exiting", grace.toSeconds(), name);
                  exit.accept(KuberouteCommand.EXIT_FAILURE);
                }
              },
              "kuberoute-stop-watchdog");
      watchdog.setDaemon(true);
      watchdog.start();
    }
  }

  private static String signalName(Object signal) {
    try {
      return String.valueOf(signal.getClass().getMethod("getName").invoke(signal));
    } catch (ReflectiveOperationException e) {
      return String.valueOf(signal);
    }
  }
}
