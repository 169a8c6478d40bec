package io.kuberoute.core.spi;

import io.kuberoute.core.plan.PlanSettings;
import java.io.PrintStream;
import java.util.Objects;

/**
 * What the program hands a backend it builds: the owner id to mark records with (the same one the
 * planner uses, given once) and the program's standard output (for a backend that prints).
 */
public record BackendContext(String ownerId, PrintStream stdout) {

  public BackendContext {
    PlanSettings.checkOwnerId(Objects.requireNonNull(ownerId, "ownerId"));
    Objects.requireNonNull(stdout, "stdout");
  }
}
