package io.kuberoute.testkit.dns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * BIND 9 ({@code named}, Debian package {@code bind9}) as a {@link TestDnsServer}: {@code -g}
 * (foreground, log to stderr), one worker thread, no control channel, no recursion. Each zone is a
 * primary whose {@code update-policy} grants kuberoute-key A, AAAA, CNAME and TXT records ({@code
 * zonesub}) and admin-key everything, and whose {@code allow-transfer} names the keys ({@code any}
 * for the open zone), as docs/backends/rfc2136.md shows.
 */
public final class BindServer extends TestDnsServer {

  public static final String BINARY = "named";
  public static final String PACKAGE = "bind9";

  private final Path named;

  private BindServer(Path named) {
    super("kuberoute-bind-");
    this.named = named;
  }

  /** Starts BIND; {@code named} must be installed (see {@link DnsServerExtension}). */
  public static BindServer startNew() {
    Path binary =
        findBinary(BINARY)
            .orElseThrow(() -> new IllegalStateException(BINARY + " is not installed"));
    BindServer server = new BindServer(binary);
    server.start();
    return server;
  }

  @Override
  public String product() {
    return "BIND 9";
  }

  @Override
  protected void configure() throws IOException {
    StringBuilder conf = new StringBuilder();
    conf.append(keyClause(key)).append(keyClause(readOnlyKey)).append(keyClause(adminKey));
    conf.append(
        """
        options {
          directory "%1$s";
          pid-file "%1$s/named.pid";
          session-keyfile "%1$s/session.key";
          managed-keys-directory "%1$s";
          listen-on port %2$d { 127.0.0.1; };
          listen-on-v6 { none; };
          recursion no;
          dnssec-validation no;
          notify no;
          allow-query { any; };
        };
        controls { };
        """
            .formatted(dir, port));
    for (String zone : ZONES) {
      String transfer =
          zone.equals(OPEN_ZONE)
              ? "any;"
              : "key \"%s\"; key \"%s\"; key \"%s\";"
                  .formatted(KEY_NAME, READ_ONLY_KEY_NAME, ADMIN_KEY_NAME);
      conf.append(
          """
          zone "%1$s" {
            type primary;
            file "%2$s/%1$s.zone";
            update-policy {
              grant %3$s zonesub A AAAA CNAME TXT;
              grant %5$s zonesub ANY;
            };
            allow-transfer { %4$s };
          };
          """
              .formatted(zone, dir, KEY_NAME, transfer, ADMIN_KEY_NAME));
      Files.writeString(dir.resolve(zone + ".zone"), zoneFile(zone));
    }
    Files.writeString(dir.resolve("named.conf"), conf.toString());
  }

  private static String keyClause(Key k) {
    return "key \"%s\" { algorithm %s; secret \"%s\"; };\n"
        .formatted(k.name(), k.algorithm(), k.secret());
  }

  @Override
  protected List<String> command() {
    return list(named.toString(), "-g", "-n", "1", "-c", dir.resolve("named.conf").toString());
  }
}
