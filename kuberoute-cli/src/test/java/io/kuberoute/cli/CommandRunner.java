package io.kuberoute.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** Runs the real command line in-process with captured stdout and stderr. */
final class CommandRunner {

  final TestAdapters adapters;
  final KuberouteCommand command;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
  private final PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);

  CommandRunner(TestAdapters adapters, Path dir) {
    this(adapters, dir, Clock.systemUTC());
  }

  CommandRunner(TestAdapters adapters, Path dir, Clock clock) {
    this.adapters = adapters;
    HostEnvironment host =
        new HostEnvironment(Map.of("HOSTNAME", "test-pod"), dir.resolve("no-namespace-file"));
    this.command = new KuberouteCommand(outStream, errStream, adapters, host, clock);
  }

  int run(String... args) {
    return Main.commandLine(command, outStream, errStream).execute(args);
  }

  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
