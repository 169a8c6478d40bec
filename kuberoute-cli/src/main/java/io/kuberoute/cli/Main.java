package io.kuberoute.cli;

import picocli.CommandLine;

/** Entry point of {@code java -jar kuberoute-cli.jar}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (tests call this). */
  public static int run(String... args) {
    return new CommandLine(new KuberouteCommand(System.out, System.err)).execute(args);
  }
}
