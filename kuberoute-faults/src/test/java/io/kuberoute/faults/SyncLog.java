package io.kuberoute.faults;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.kuberoute.core.app.SyncService;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Captures what the {@link SyncService} logger logs at WARN and above (the level the tests' logback
 * configuration lets through): the service problems, conflicts and sync failures an operator sees.
 * Close to detach.
 */
final class SyncLog implements AutoCloseable {

  private final Logger logger = (Logger) LoggerFactory.getLogger(SyncService.class);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private SyncLog() {
    appender.setName("fault-suite-capture");
    appender.start();
    logger.addAppender(appender);
  }

  static SyncLog capture() {
    return new SyncLog();
  }

  /** The formatted messages at WARN or above since the last {@link #clear()}, in order. */
  List<String> warnings() {
    synchronized (appender) {
      return appender.list.stream()
          .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
          .map(ILoggingEvent::getFormattedMessage)
          .toList();
    }
  }

  void clear() {
    synchronized (appender) {
      appender.list.clear();
    }
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    appender.stop();
  }
}
