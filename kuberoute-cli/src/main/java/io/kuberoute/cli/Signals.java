package io.kuberoute.cli;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns SIGTERM and SIGINT into a call of {@code onSignal} instead of the JVM's immediate exit, so
 * the program can finish the write in flight, close everything and exit 0 itself.
 *
 * <p>Uses {@code sun.misc.Signal} (module {@code jdk.unsupported}, present in every OpenJDK),
 * through reflection so the build has no internal-API warning. Where it is missing, a shutdown
 * hook runs {@code onSignal} and waits for {@code finished} instead; the exit code is then the
 * JVM's (143 for SIGTERM).
 */
final class Signals {

  private static final Logger log = LoggerFactory.getLogger(Signals.class);

  private Signals() {}

  /**
   * Installs the handlers.
   *
   * @param onSignal asks the program to stop (must return quickly)
   * @param finished blocks until the program has stopped (used by the shutdown-hook fallback)
   */
  static void install(Runnable onSignal, Runnable finished) {
    try {
      Class<?> signalClass = Class.forName("sun.misc.Signal");
      Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
      Object handler =
          Proxy.newProxyInstance(
              Signals.class.getClassLoader(),
              new Class<?>[] {handlerClass},
              (proxy, method, args) -> {
                switch (method.getName()) {
                  case "handle" -> {
                    log.info("received SIG{}, shutting down", signalName(args[0]));
                    onSignal.run();
                    return null;
                  }
                  case "hashCode" -> {
                    return System.identityHashCode(proxy);
                  }
                  case "equals" -> {
                    return proxy == args[0];
                  }
                  default -> {
                    return "kuberoute signal handler";
                  }
                }
              });
      Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
      for (String name : new String[] {"TERM", "INT"}) {
        handle.invoke(null, signalClass.getConstructor(String.class).newInstance(name), handler);
      }
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      log.debug("no signal handlers ({}); using a shutdown hook", e.toString());
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    onSignal.run();
                    finished.run();
                  },
                  "kuberoute-shutdown"));
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
