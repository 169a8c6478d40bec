package io.kuberoute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.cli.KuberouteConfig.LogFormat;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** What the program's logging set-up keeps and drops. */
class LoggingTest {

  @Test
  void nettysRejectedTasksAtShutdownAreDroppedButItsOtherErrorsAreNot() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Logging.configure(LogFormat.TEXT, false, err);

    LoggerFactory.getLogger(Logging.NETTY_REJECTED_AT_SHUTDOWN)
        .error(
            "Failed to submit a listener notification task. Event loop shut down?",
            new IllegalStateException("x"));
    LoggerFactory.getLogger("io.netty.util.concurrent.DefaultPromise").error("a real problem");

    String logged = err.toString(StandardCharsets.UTF_8);
    assertThat(logged)
        .doesNotContain("Event loop shut down")
        .doesNotContain("IllegalStateException");
    assertThat(logged).contains("ERROR DefaultPromise - a real problem");
  }
}
