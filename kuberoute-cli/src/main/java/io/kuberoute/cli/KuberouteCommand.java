package io.kuberoute.cli;

import io.kuberoute.core.ConfigurationException;
import io.kuberoute.core.app.SyncResult;
import io.kuberoute.core.app.SyncTrigger;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kuberoute}: publishes DNS records for Kubernetes Services. */
@Command(
    name = "kuberoute",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Publishes DNS records for labelled Kubernetes Services, with quota-based failover.")
final class KuberouteCommand implements Callable<Integer> {

  static final int EXIT_OK = 0;
  static final int EXIT_SYNC_FAILED = 1;
  static final int EXIT_CONFIG = 2;

  @Option(
      names = "--config",
      paramLabel = "PATH",
      defaultValue = "/etc/kuberoute/config",
      description = "The INI configuration file (default: ${DEFAULT-VALUE}).")
  Path config;

  @Option(names = "--once", description = "Run one sync and exit: 0 on success, 1 on failure.")
  boolean once;

  private final PrintStream out;
  private final PrintStream err;

  KuberouteCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    Wiring wiring;
    try {
      wiring = Wiring.create(IniFile.read(config), out);
    } catch (ConfigurationException e) {
      err.println(e.getMessage());
      return EXIT_CONFIG;
    }
    try (wiring) {
      SyncResult result = wiring.sync().sync(SyncTrigger.FULL);
      return result.succeeded() ? EXIT_OK : EXIT_SYNC_FAILED;
    }
  }
}
