package io.kuberoute.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What SIGTERM and SIGINT do, with the JVM's exit replaced by a recorder. */
class SignalsTest {

  private final AtomicInteger stopRequests = new AtomicInteger();
  private final List<Integer> exits = new CopyOnWriteArrayList<>();
  private final CountDownLatch programStopped = new CountDownLatch(1);

  /** What the watchdog learnt when it asked whether the program had stopped. */
  private final List<Boolean> answers = new CopyOnWriteArrayList<>();

  private boolean stopped(Duration timeout) {
    try {
      boolean answer = programStopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
      answers.add(answer);
      return answer;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private Signals.Handler handler(Duration grace) {
    return new Signals.Handler(stopRequests::incrementAndGet, this::stopped, exits::add, grace);
  }

  @Test
  void theFirstSignalAsksTheProgramToStopAndLeavesTheExitToIt() {
    Signals.Handler handler = handler(Duration.ofSeconds(30));

    handler.signal("TERM");
    assertThat(stopRequests).hasValue(1);
    programStopped.countDown();

    await().atMost(Duration.ofSeconds(10)).until(() -> !answers.isEmpty());
    assertThat(answers).containsExactly(true);
    assertThat(exits).isEmpty();
  }

  @Test
  void aProgramThatDoesNotStopWithinTheGraceIsEndedWithExitCode1() {
    Signals.Handler handler = handler(Duration.ofMillis(200));

    handler.signal("TERM");

    await().atMost(Duration.ofSeconds(10)).until(() -> !exits.isEmpty());
    assertThat(exits).containsExactly(1);
    assertThat(stopRequests).hasValue(1);
  }

  @Test
  void aSecondSignalExitsAtOnceAsAShellWould() {
    Signals.Handler term = handler(Duration.ofSeconds(30));
    term.signal("TERM");
    term.signal("TERM");
    assertThat(exits).containsExactly(143);

    exits.clear();
    Signals.Handler interrupt = handler(Duration.ofSeconds(30));
    interrupt.signal("INT");
    interrupt.signal("INT");
    assertThat(exits).containsExactly(130);
    assertThat(stopRequests).as("one stop request per handler").hasValue(2);
  }
}
