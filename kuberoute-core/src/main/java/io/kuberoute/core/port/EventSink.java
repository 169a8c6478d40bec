package io.kuberoute.core.port;

/** Receives service events (failover entered or left, invalid labels). Must not throw. */
@FunctionalInterface
public interface EventSink {

  void emit(ServiceEvent event);

  /** Drops every event. */
  static EventSink none() {
    return event -> {};
  }
}
