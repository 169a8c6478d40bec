package io.kuberoute.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import picocli.CommandLine;

/** Entry point of {@code java -jar kuberoute-cli.jar}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    KuberouteCommand command =
        new KuberouteCommand(
            System.out, System.err, new Adapters(), HostEnvironment.system(), Clock.systemUTC());
    Signals.install(command::requestStop, command::awaitStopped);
    System.exit(commandLine(command, System.out, System.err).execute(args));
  }

  /**
   * Runs the command line with the real adapters and returns its exit code (no signal handlers).
   */
  public static int run(String... args) {
    KuberouteCommand command =
        new KuberouteCommand(
            System.out, System.err, new Adapters(), HostEnvironment.system(), Clock.systemUTC());
    return commandLine(command, System.out, System.err).execute(args);
  }

  /**
   * The picocli command line around {@code command}, printing help and usage errors to the streams.
   */
  static CommandLine commandLine(KuberouteCommand command, PrintStream out, PrintStream err) {
    CommandLine cl = new CommandLine(command);
    cl.setOut(new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true));
    cl.setErr(new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
    cl.setParameterExceptionHandler(Main::usageError);
    return cl;
  }

  /**
   * A mistyped or misused option: the error, picocli's suggestion when it has one, and the short
   * usage line (not the whole help); exit code 2.
   */
  private static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    PrintWriter err = cl.getErr();
    err.println(e.getMessage());
    if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
      CommandLine.Help help = cl.getHelp();
      err.print(help.synopsisHeading() + help.synopsis(help.synopsisHeadingLength()));
    }
    err.println("Try 'kuberoute --help' for more information.");
    err.flush();
    return cl.getCommandSpec().exitCodeOnInvalidInput();
  }
}
