package io.kuberoute.core.app;

import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.plan.ChangeSet;
import io.kuberoute.core.port.ApplyResult;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.core.port.Leadership;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Writes a plan's changes: prints them in a dry run, else logs each change once (at INFO, with its
 * action, name, type, ttl, targets and service as key-values; at DEBUG for a backend that shows the
 * changes itself), and applies them, as long as this instance is still the leader. A name that
 * fails is an error of its own; the others are written.
 */
final class ChangeWriter {

  private static final Logger log = LoggerFactory.getLogger(SyncService.class);

  private final DnsBackend backend;
  private final Leadership leadership;
  private final boolean dryRun;
  private final Consumer<String> dryRunOut;

  ChangeWriter(
      DnsBackend backend, Leadership leadership, boolean dryRun, Consumer<String> dryRunOut) {
    this.backend = backend;
    this.leadership = leadership;
    this.dryRun = dryRun;
    this.dryRunOut = dryRunOut;
  }

  /** What was written (empty in a dry run or when leadership was lost). */
  ChangeSet write(ChangeSet changes, List<SyncError> errors) {
    if (dryRun) {
      ChangeLines.of(changes).forEach(dryRunOut);
      return ChangeSet.EMPTY;
    }
    if (changes.isEmpty()) {
      return ChangeSet.EMPTY;
    }
    if (!leadership.isLeader()) {
      log.warn("lost leadership before writing; {} change(s) not applied", changes.size());
      return ChangeSet.EMPTY;
    }
    // a backend that shows the changes itself (fakedns prints them) gets no second copy at INFO
    Level level = backend.showsChanges() ? Level.DEBUG : Level.INFO;
    for (ChangeLines.Change c : ChangeLines.changes(changes)) {
      log.atLevel(level)
          .addKeyValue("action", c.action())
          .addKeyValue("name", c.record().name().value())
          .addKeyValue("type", c.record().type().name())
          .addKeyValue("ttl", c.record().ttl())
          .addKeyValue("targets", c.record().targetsText())
          .addKeyValue(
              "service",
              c.resource().startsWith("service/") ? c.resource().substring(8) : c.resource())
          .log(c.line());
    }
    ApplyResult result;
    try {
      result = backend.apply(changes);
    } catch (RuntimeException e) {
      Map<DnsName, String> all = new LinkedHashMap<>();
      for (DnsName name : changes.names()) {
        all.put(name, e.getMessage());
      }
      result = new ApplyResult(all);
    }
    result
        .failedNames()
        .forEach(
            (name, message) -> {
              errors.add(
                  new SyncError(
                      SyncError.Cause.DNS_APPLY,
                      name.value(),
                      "writing " + name + " failed: " + message));
              log.warn("writing {} failed: {}", name, message);
            });
    Set<DnsName> failed = result.failedNames().keySet();
    return failed.isEmpty() ? changes : changes.filterNames(n -> !failed.contains(n));
  }
}
