package io.kuberoute.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import io.kuberoute.cli.KuberouteConfig.LogFormat;
import java.io.OutputStream;
import org.slf4j.LoggerFactory;

/**
 * Sets up logback once the configuration is read: everything goes to stderr (stdout carries only
 * the DNS change lines of fakedns and {@code --dry-run}), as text or as one JSON object per line.
 * kuberoute's own loggers log at INFO ({@code --debug}: DEBUG), libraries at WARN.
 */
final class Logging {

  /** The text layout: time, level, logger, message. */
  static final String TEXT_PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0} - %msg%n";

  private Logging() {}

  static void configure(LogFormat format, boolean debug, OutputStream err) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return; // another slf4j binding: leave it alone
    }
    context.reset();
    // java.util.logging (gRPC under jetcd, parts of the JDK) goes to the same place and format
    if (!org.slf4j.bridge.SLF4JBridgeHandler.isInstalled()) {
      org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
      org.slf4j.bridge.SLF4JBridgeHandler.install();
    }
    LevelChangePropagator propagator = new LevelChangePropagator();
    propagator.setContext(context);
    propagator.setResetJUL(true);
    propagator.start();
    context.addListener(propagator);
    Encoder<ILoggingEvent> encoder = format == LogFormat.JSON ? json(context) : text(context);
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setName("stderr");
    appender.setContext(context);
    appender.setEncoder(encoder);
    appender.setImmediateFlush(true);
    appender.setOutputStream(new NonClosing(err));
    appender.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(appender);
    context.getLogger("io.kuberoute").setLevel(debug ? Level.DEBUG : Level.INFO);
    // At shutdown, a netty event loop (fabric8's HTTP client, gRPC under jetcd) that is already
    // closed rejects the last listener notifications and logs each with a 50-line stack trace;
    // nothing is lost then (the program is done), so these lines are dropped.
    context.getLogger(NETTY_REJECTED_AT_SHUTDOWN).setLevel(Level.OFF);
    if (!debug) {
      // During an API server outage these log a WARN with a full stack trace on every retry;
      // kuberoute's own source logs one line per outage instead.
      for (String noisy : NOISY_DURING_OUTAGES) {
        context.getLogger(noisy).setLevel(Level.ERROR);
      }
    }
  }

  /** netty's logger for a task an event loop that has shut down refused. */
  static final String NETTY_REJECTED_AT_SHUTDOWN =
      "io.netty.util.concurrent.DefaultPromise.rejectedExecution";

  /** Loggers of libraries that repeat a stack trace on every retry while a server is down. */
  static final java.util.List<String> NOISY_DURING_OUTAGES =
      java.util.List.of(
          "io.fabric8.kubernetes.client.informers.impl.cache.Reflector",
          "io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector",
          "io.fabric8.kubernetes.client.dsl.internal.AbstractWatchManager",
          "io.fabric8.kubernetes.client.dsl.internal.WatcherWebSocketListener");

  private static Encoder<ILoggingEvent> text(LoggerContext context) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(TEXT_PATTERN);
    encoder.start();
    return encoder;
  }

  /**
   * One JSON object per line: {@code timestamp} (ms since the epoch), {@code level}, {@code
   * threadName}, {@code loggerName}, {@code formattedMessage}, {@code throwable}, and for a DNS
   * change {@code kvpList} with its {@code action}, {@code name}, {@code type}, {@code ttl}, {@code
   * targets} and {@code service}.
   */
  private static Encoder<ILoggingEvent> json(LoggerContext context) {
    JsonEncoder encoder = new JsonEncoder();
    encoder.setContext(context);
    encoder.setWithSequenceNumber(false);
    encoder.setWithNanoseconds(false);
    encoder.setWithContext(false);
    encoder.setWithMarkers(false);
    encoder.setWithMDC(false);
    encoder.setWithKVPList(true); // a DNS change's action, name, type, ttl, targets, service
    encoder.setWithArguments(false);
    encoder.setWithMessage(false);
    encoder.setWithFormattedMessage(true);
    encoder.start();
    return encoder;
  }

  /** The appender closes its stream on reset; stderr must stay open. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws java.io.IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws java.io.IOException {
      flush();
    }
  }
}
