package io.kuberoute.testkit.dns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Knot DNS ({@code knotd}, Debian package {@code knot}) as a {@link TestDnsServer}: one worker of
 * each kind, its run, database and zone directories in the temporary directory. Each zone's {@code
 * acl} allows {@code update} of A, AAAA, CNAME and TXT records ({@code update-type}) and {@code
 * transfer} with the key, {@code transfer} with the read-only key, everything with the admin key
 * (and transfers to anyone for the open zone), as docs/backends/rfc2136.md shows.
 */
public final class KnotServer extends TestDnsServer {

  public static final String BINARY = "knotd";
  public static final String PACKAGE = "knot";

  private final Path knotd;

  private KnotServer(Path knotd) {
    super("kuberoute-knot-");
    this.knotd = knotd;
  }

  /** Starts Knot; {@code knotd} must be installed (see {@link DnsServerExtension}). */
  public static KnotServer startNew() {
    Path binary =
        findBinary(BINARY)
            .orElseThrow(() -> new IllegalStateException(BINARY + " is not installed"));
    KnotServer server = new KnotServer(binary);
    server.start();
    return server;
  }

  @Override
  public String product() {
    return "Knot DNS";
  }

  @Override
  protected void configure() throws IOException {
    Path zones = Files.createDirectories(dir.resolve("zones"));
    Files.createDirectories(dir.resolve("run"));
    Files.createDirectories(dir.resolve("db"));
    StringBuilder conf = new StringBuilder();
    conf.append(
        """
        server:
            rundir: "%1$s/run"
            listen: 127.0.0.1@%2$d
            udp-workers: 1
            tcp-workers: 1
            background-workers: 1
        log:
          - target: stderr
            any: info
        database:
            storage: "%1$s/db"
        key:
          - id: %3$s
            algorithm: %4$s
            secret: %5$s
          - id: %6$s
            algorithm: %7$s
            secret: %8$s
          - id: %10$s
            algorithm: %11$s
            secret: %12$s
        acl:
          - id: kuberoute-update
            key: %3$s
            action: [update, transfer]
            update-type: [A, AAAA, CNAME, TXT]
          - id: admin
            key: %10$s
            action: [update, transfer]
          - id: readonly-transfer
            key: %6$s
            action: transfer
          - id: open-transfer
            action: transfer
        template:
          - id: default
            storage: "%9$s"
            file: "%%s.zone"
        zone:
        """
            .formatted(
                dir,
                port,
                key.name(),
                key.algorithm(),
                key.secret(),
                readOnlyKey.name(),
                readOnlyKey.algorithm(),
                readOnlyKey.secret(),
                zones,
                adminKey.name(),
                adminKey.algorithm(),
                adminKey.secret()));
    for (String zone : ZONES) {
      String acl =
          zone.equals(OPEN_ZONE)
              ? "[kuberoute-update, admin, readonly-transfer, open-transfer]"
              : "[kuberoute-update, admin, readonly-transfer]";
      conf.append("  - domain: %s\n    acl: %s\n".formatted(zone, acl));
      Files.writeString(zones.resolve(zone + ".zone"), zoneFile(zone));
    }
    Files.writeString(dir.resolve("knot.conf"), conf.toString());
  }

  @Override
  protected List<String> command() {
    return list(knotd.toString(), "-c", dir.resolve("knot.conf").toString());
  }
}
