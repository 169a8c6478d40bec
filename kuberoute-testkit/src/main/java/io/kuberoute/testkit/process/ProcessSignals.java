package io.kuberoute.testkit.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Signals to a test server's process (Linux): freezing it with SIGSTOP so that every request to it
 * times out while its sockets stay open, and thawing it with SIGCONT. Used by the etcd and DNS test
 * servers.
 */
public final class ProcessSignals {
  private ProcessSignals() {}

  /** How long {@link #freeze} waits for every thread to be stopped. */
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

  /** SIGTERM, then SIGKILL if {@code process} has not ended after 10 s; waits for its end. */
  public static void terminate(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /**
   * SIGSTOP to {@code pid}, then waits until every thread of the process shows the stopped state.
   * {@code kill} returns once the signal is sent, and a process is stopped only when its threads
   * next enter the kernel: under load a request was now and then still answered after the kill.
   *
   * @param what names the process in the error when it does not stop, e.g. "etcd"
   */
  public static void freeze(long pid, String what) {
    send(pid, "STOP");
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
    while (!allStopped(tasks)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(what + " did not stop within 5 s of SIGSTOP");
      }
      Thread.onSpinWait();
    }
  }

  /** SIGCONT to {@code pid} (after {@link #freeze}). */
  public static void thaw(long pid) {
    send(pid, "CONT");
  }

  /** {@code kill -<name> <pid>}; throws with kill's output when it fails. */
  public static void send(long pid, String name) {
    try {
      Process kill =
          new ProcessBuilder("kill", "-" + name, Long.toString(pid))
              .redirectErrorStream(true)
              .start();
      if (!kill.waitFor(5, TimeUnit.SECONDS)) {
        kill.destroyForcibly();
        throw new IllegalStateException("kill -" + name + " did not return within 5 s");
      }
      if (kill.exitValue() != 0) {
        String output =
            new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        throw new IllegalStateException("kill -" + name + " failed: " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Whether every thread listed in {@code /proc/<pid>/task} is stopped (state T or t). */
  private static boolean allStopped(Path tasks) {
    try (var threads = Files.list(tasks)) {
      return threads.allMatch(
          t -> {
            try {
              String stat = Files.readString(t.resolve("stat"));
              char state = stat.charAt(stat.lastIndexOf(')') + 2);
              return state == 'T' || state == 't';
            } catch (IOException e) {
              return true; // the thread is gone
            }
          });
    } catch (IOException e) {
      return false;
    }
  }
}
