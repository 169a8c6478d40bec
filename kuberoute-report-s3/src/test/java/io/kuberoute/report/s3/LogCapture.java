package io.kuberoute.report.s3;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Records every log line (DEBUG and up) of kuberoute and the AWS SDK while open. */
final class LogCapture implements AutoCloseable {
  private static final String[] LOGGERS = {"io.kuberoute", "software.amazon.awssdk"};
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Level[] previous = new Level[LOGGERS.length];

  LogCapture() {
    appender.start();
    for (int i = 0; i < LOGGERS.length; i++) {
      Logger logger = (Logger) LoggerFactory.getLogger(LOGGERS[i]);
      previous[i] = logger.getLevel();
      logger.setLevel(Level.DEBUG);
      logger.addAppender(appender);
    }
  }

  /** Each line as {@code LEVEL message}, with the message's exception chain appended. */
  List<String> lines() {
    synchronized (appender) { // the lock appends hold
      return appender.list.stream()
          .map(e -> e.getLevel() + " " + e.getFormattedMessage() + throwable(e))
          .toList();
    }
  }

  private static String throwable(ILoggingEvent e) {
    StringBuilder out = new StringBuilder();
    for (var t = e.getThrowableProxy(); t != null; t = t.getCause()) {
      out.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
    }
    return out.toString();
  }

  @Override
  public void close() {
    for (int i = 0; i < LOGGERS.length; i++) {
      Logger logger = (Logger) LoggerFactory.getLogger(LOGGERS[i]);
      logger.detachAppender(appender);
      logger.setLevel(previous[i]);
    }
    appender.stop();
  }
}
