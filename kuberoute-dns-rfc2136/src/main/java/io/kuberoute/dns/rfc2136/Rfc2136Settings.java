package io.kuberoute.dns.rfc2136;

import io.kuberoute.core.ConfigurationException;
import io.kuberoute.core.config.ConfigSection;
import io.kuberoute.core.config.Secret;
import io.kuberoute.core.model.DnsName;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.xbill.DNS.Address;

/**
 * The {@code [rfc2136]} section.
 *
 * <ul>
 *   <li>{@code server} (required): the primary server's host name or IP address;
 *   <li>{@code port}: 1..65535, default 53;
 *   <li>{@code zones}: comma-separated zones to manage. Without it, the zone of each domain and
 *       name is found by an SOA query to {@code server};
 *   <li>{@code tsig_key_name}, {@code tsig_secret} (base64), {@code tsig_algorithm} (default
 *       {@code hmac-sha256}): the TSIG key that signs every request. Name and secret go together;
 *       without a key, updates and transfers are unsigned;
 *   <li>{@code tcp}: UPDATE (and SOA queries) over TCP, default true; zone transfers always use TCP;
 *   <li>{@code timeout}: seconds one request may take, 1..300, default 10.
 * </ul>
 *
 * <p>The secret never appears in {@link #toString()}, in {@link #describe()} nor in any error.
 */
public record Rfc2136Settings(
    String server, int port, List<DnsName> zones, Optional<TsigKey> tsig, boolean tcp, Duration timeout) {

  public static final int DEFAULT_PORT = 53;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  public static final int MAX_TIMEOUT_SECONDS = 300;

  private static final String KEY_TAIL =
      "set both to sign updates and zone transfers with TSIG, or neither to send them unsigned";

  public Rfc2136Settings {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(zones, "zones");
    Objects.requireNonNull(tsig, "tsig");
    Objects.requireNonNull(timeout, "timeout");
    Optional<String> normalised = normaliseServer(server);
    if (normalised.isEmpty()) {
      throw new IllegalArgumentException("'" + server + "' is not a host name or an IP address");
    }
    server = normalised.get();
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535 but was " + port);
    }
    if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.toSeconds() > MAX_TIMEOUT_SECONDS) {
      throw new IllegalArgumentException("timeout must be 1.." + MAX_TIMEOUT_SECONDS + " seconds but was " + timeout);
    }
    zones = List.copyOf(new TreeSet<>(zones));
  }

  /** {@code server} with every default: port 53, zones found by SOA, unsigned, TCP, 10 s. */
  public static Rfc2136Settings defaults(String server) {
    return new Rfc2136Settings(server, DEFAULT_PORT, List.of(), Optional.empty(), true, DEFAULT_TIMEOUT);
  }

  public Rfc2136Settings withPort(int newPort) {
    return new Rfc2136Settings(server, newPort, zones, tsig, tcp, timeout);
  }

  public Rfc2136Settings withZones(Collection<DnsName> newZones) {
    return new Rfc2136Settings(server, port, List.copyOf(newZones), tsig, tcp, timeout);
  }

  public Rfc2136Settings withZones(String... newZones) {
    return withZones(java.util.Arrays.stream(newZones).map(DnsName::of).toList());
  }

  public Rfc2136Settings withTsig(TsigKey key) {
    return new Rfc2136Settings(server, port, zones, Optional.of(key), tcp, timeout);
  }

  public Rfc2136Settings withoutTsig() {
    return new Rfc2136Settings(server, port, zones, Optional.empty(), tcp, timeout);
  }

  public Rfc2136Settings withTcp(boolean newTcp) {
    return new Rfc2136Settings(server, port, zones, tsig, newTcp, timeout);
  }

  public Rfc2136Settings withTimeout(Duration newTimeout) {
    return new Rfc2136Settings(server, port, zones, tsig, tcp, newTimeout);
  }

  /**
   * Parses {@code [rfc2136]}. Every error names {@code rfc2136.<key>}; the secret's value never
   * appears in one.
   */
  public static Rfc2136Settings fromConfig(ConfigSection section) {
    String rawServer = section.required("server");
    String server =
        normaliseServer(rawServer)
            .orElseThrow(
                () -> section.invalid("server", rawServer, "a host name or an IP address of the primary server"));
    int port = section.integer("port", DEFAULT_PORT, 1, 65535);
    List<DnsName> zones = new ArrayList<>();
    for (String zone : section.list("zones")) {
      if (!DnsName.isValid(zone)) {
        throw section.invalid("zones", zone, "comma-separated zone names such as example.com, example.org");
      }
      zones.add(DnsName.of(zone));
    }
    Optional<TsigKey> tsig = tsigKey(section);
    boolean tcp = section.bool("tcp", true);
    Duration timeout = section.seconds("timeout", DEFAULT_TIMEOUT, 1, MAX_TIMEOUT_SECONDS);
    return new Rfc2136Settings(server, port, zones, tsig, tcp, timeout);
  }

  private static Optional<TsigKey> tsigKey(ConfigSection section) {
    Optional<String> keyName = section.optional("tsig_key_name");
    Optional<Secret> secret = section.secret("tsig_secret");
    Optional<String> algorithmName = section.optional("tsig_algorithm");
    keyName.ifPresent(
        n -> {
          if (!DnsName.isValid(n)) {
            throw section.invalid(
                "tsig_key_name", n, "a key name such as kuberoute-key (labels of letters, digits, '-' and '_')");
          }
        });
    secret.ifPresent(
        s -> {
          if (!TsigKey.isBase64(s)) {
            throw section.invalidSecret("tsig_secret", "base64 text, as tsig-keygen or keymgr print it");
          }
        });
    Optional<TsigAlgorithm> algorithm =
        algorithmName.map(
            a ->
                TsigAlgorithm.byName(a)
                    .orElseThrow(() -> section.invalid("tsig_algorithm", a, String.join(", ", TsigAlgorithm.names()))));
    if (keyName.isPresent() && secret.isEmpty()) {
      throw new ConfigurationException(
          "%s is set but %s is not: %s"
              .formatted(section.qualified("tsig_key_name"), section.qualified("tsig_secret"), KEY_TAIL));
    }
    if (secret.isPresent() && keyName.isEmpty()) {
      throw new ConfigurationException(
          "%s is set but %s is not: %s"
              .formatted(section.qualified("tsig_secret"), section.qualified("tsig_key_name"), KEY_TAIL));
    }
    if (algorithm.isPresent() && keyName.isEmpty()) {
      throw new ConfigurationException(
          "%s is set but %s is not: the algorithm belongs to a TSIG key; set %s and %s too, or remove it"
              .formatted(
                  section.qualified("tsig_algorithm"),
                  section.qualified("tsig_key_name"),
                  section.qualified("tsig_key_name"),
                  section.qualified("tsig_secret")));
    }
    if (keyName.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new TsigKey(DnsName.of(keyName.get()), algorithm.orElse(TsigAlgorithm.DEFAULT), secret.orElseThrow()));
  }

  /**
   * The server as the client connects to it: an IP literal (IPv6 without brackets) or a valid host
   * name; empty when it is neither.
   */
  static Optional<String> normaliseServer(String raw) {
    String s = raw.strip();
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1);
    }
    if (s.isEmpty()) {
      return Optional.empty();
    }
    if (Address.toByteArray(s, Address.IPv4) != null || Address.toByteArray(s, Address.IPv6) != null) {
      return Optional.of(s);
    }
    return DnsName.isValid(s) && !s.contains("_") ? Optional.of(DnsName.of(s).value()) : Optional.empty();
  }

  /** {@code server:port}, IPv6 in brackets, as messages show it. */
  public String endpoint() {
    return (server.contains(":") ? "[" + server + "]" : server) + ":" + port;
  }

  /** The start-up line's description; never the secret. */
  public String describe() {
    return "server "
        + endpoint()
        + ", zones "
        + (zones.isEmpty() ? "found by SOA queries" : String.join(",", zones.stream().map(DnsName::value).toList()))
        + ", "
        + tsig.map(k -> "TSIG key " + k.name() + " (" + k.algorithm() + ")").orElse("unsigned")
        + ", UPDATE over "
        + (tcp ? "TCP" : "UDP")
        + ", timeout "
        + timeout.toSeconds()
        + " s";
  }

  @Override
  public String toString() {
    return "Rfc2136Settings[" + describe() + "]";
  }
}
