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
 *   <li>{@code tsig_key_name}, {@code tsig_secret} (base64), {@code tsig_algorithm} (default {@code
 *       hmac-sha256}): the TSIG key that signs every request. Name and secret go together; without
 *       a key, updates and transfers are unsigned;
 *   <li>{@code tcp}: UPDATE (and SOA queries) over TCP, default true; zone transfers always use
 *       TCP;
 *   <li>{@code timeout}: seconds one request may take, 1..300, default 10.
 * </ul>
 *
 * <p>The secret never appears in {@link #toString()}, in {@link #describe()} nor in any error.
 *
 * <p>In code, start from {@link #builder(String)} (the server is the one value without a default):
 *
 * <pre>{@code
 * Rfc2136Settings settings = Rfc2136Settings.builder("ns1.example.com")
 *     .zones("example.com")
 *     .tsig(new TsigKey(DnsName.of("kuberoute-key"), TsigAlgorithm.HMAC_SHA256, Secret.of(base64)))
 *     .transport(Rfc2136Settings.Transport.UDP)
 *     .build();
 * }</pre>
 */
public record Rfc2136Settings(
    String server,
    int port,
    List<DnsName> zones,
    Optional<TsigKey> tsig,
    Transport transport,
    Duration timeout) {

  public static final int DEFAULT_PORT = 53;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  public static final int MAX_TIMEOUT_SECONDS = 300;

  private static final String KEY_TAIL =
      "set both to sign updates and zone transfers with TSIG, or neither to send them unsigned";

  /** How UPDATE messages and SOA queries travel; zone transfers always use TCP. */
  public enum Transport {
    TCP,
    UDP
  }

  private static final String SERVER_REQUIRED =
      "server is required: the host name or IP address of the primary server";

  public Rfc2136Settings {
    Objects.requireNonNull(server, SERVER_REQUIRED);
    Objects.requireNonNull(zones, "zones");
    Objects.requireNonNull(tsig, "tsig");
    Objects.requireNonNull(transport, "transport");
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
      throw new IllegalArgumentException(
          "timeout must be 1.." + MAX_TIMEOUT_SECONDS + " seconds but was " + timeout);
    }
    zones = List.copyOf(new TreeSet<>(zones));
  }

  /** {@code server} with every default: port 53, zones found by SOA, unsigned, TCP, 10 s. */
  public static Rfc2136Settings defaults(String server) {
    return builder(server).build();
  }

  /**
   * A builder for the primary {@code server} (required: there is no default server), with every
   * other default: port 53, zones found by SOA, unsigned, TCP, 10 s.
   *
   * @throws NullPointerException when {@code server} is null, saying it is required
   */
  public static Builder builder(String server) {
    return new Builder(server);
  }

  /** A builder holding these settings. */
  public Builder toBuilder() {
    Builder b = new Builder(server);
    b.port = port;
    b.zones = zones;
    b.tsig = tsig;
    b.transport = transport;
    b.timeout = timeout;
    return b;
  }

  /** Builds {@link Rfc2136Settings}; see {@link Rfc2136Settings#builder(String)}. */
  public static final class Builder {
    private final String server;
    private int port = DEFAULT_PORT;
    private List<DnsName> zones = List.of();
    private Optional<TsigKey> tsig = Optional.empty();
    private Transport transport = Transport.TCP;
    private Duration timeout = DEFAULT_TIMEOUT;

    private Builder(String server) {
      this.server = Objects.requireNonNull(server, SERVER_REQUIRED);
    }

    /** The server's port, 1..65535. */
    public Builder port(int value) {
      this.port = value;
      return this;
    }

    /** The zones to manage; none: each name's zone is found by an SOA query. */
    public Builder zones(Collection<DnsName> values) {
      this.zones = List.copyOf(values);
      return this;
    }

    public Builder zones(String... values) {
      return zones(java.util.Arrays.stream(values).map(DnsName::of).toList());
    }

    /** The TSIG key that signs every request; none: unsigned. */
    public Builder tsig(TsigKey key) {
      this.tsig = Optional.of(Objects.requireNonNull(key, "tsig"));
      return this;
    }

    /** How UPDATE and SOA queries travel (default {@link Transport#TCP}). */
    public Builder transport(Transport value) {
      this.transport = Objects.requireNonNull(value, "transport");
      return this;
    }

    /** How long one request may take, 1..{@value Rfc2136Settings#MAX_TIMEOUT_SECONDS} s. */
    public Builder timeout(Duration value) {
      this.timeout = Objects.requireNonNull(value, "timeout");
      return this;
    }

    /**
     * The settings.
     *
     * @throws IllegalArgumentException saying which value breaks which rule
     */
    public Rfc2136Settings build() {
      return new Rfc2136Settings(server, port, zones, tsig, transport, timeout);
    }
  }

  public Rfc2136Settings withPort(int newPort) {
    return new Rfc2136Settings(server, newPort, zones, tsig, transport, timeout);
  }

  public Rfc2136Settings withZones(Collection<DnsName> newZones) {
    return new Rfc2136Settings(server, port, List.copyOf(newZones), tsig, transport, timeout);
  }

  public Rfc2136Settings withZones(String... newZones) {
    return withZones(java.util.Arrays.stream(newZones).map(DnsName::of).toList());
  }

  public Rfc2136Settings withTsig(TsigKey key) {
    return new Rfc2136Settings(server, port, zones, Optional.of(key), transport, timeout);
  }

  public Rfc2136Settings withoutTsig() {
    return new Rfc2136Settings(server, port, zones, Optional.empty(), transport, timeout);
  }

  public Rfc2136Settings withTransport(Transport newTransport) {
    return new Rfc2136Settings(server, port, zones, tsig, newTransport, timeout);
  }

  /** Whether UPDATE messages and SOA queries go over TCP. */
  public boolean tcp() {
    return transport == Transport.TCP;
  }

  public Rfc2136Settings withTimeout(Duration newTimeout) {
    return new Rfc2136Settings(server, port, zones, tsig, transport, newTimeout);
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
                () ->
                    section.invalid(
                        "server", rawServer, "a host name or an IP address of the primary server"));
    int port = section.integer("port", DEFAULT_PORT, 1, 65535);
    List<DnsName> zones = new ArrayList<>();
    for (String zone : section.list("zones")) {
      if (!DnsName.isValid(zone)) {
        throw section.invalid(
            "zones", zone, "comma-separated zone names such as example.com, example.org");
      }
      zones.add(DnsName.of(zone));
    }
    Optional<TsigKey> tsig = tsigKey(section);
    Transport transport = section.bool("tcp", true) ? Transport.TCP : Transport.UDP;
    Duration timeout = section.seconds("timeout", DEFAULT_TIMEOUT, 1, MAX_TIMEOUT_SECONDS);
    return new Rfc2136Settings(server, port, zones, tsig, transport, timeout);
  }

  private static Optional<TsigKey> tsigKey(ConfigSection section) {
    Optional<String> keyName = section.optional("tsig_key_name");
    Optional<Secret> secret = section.secret("tsig_secret");
    Optional<String> algorithmName = section.optional("tsig_algorithm");
    keyName.ifPresent(
        n -> {
          if (!DnsName.isValid(n)) {
            throw section.invalid(
                "tsig_key_name",
                n,
                "a key name such as kuberoute-key (labels of letters, digits, '-' and '_')");
          }
        });
    secret.ifPresent(
        s -> {
          if (!TsigKey.isBase64(s)) {
            throw section.invalidSecret(
                "tsig_secret", "base64 text, as tsig-keygen or keymgr print it");
          }
        });
    Optional<TsigAlgorithm> algorithm =
        algorithmName.map(
            a ->
                TsigAlgorithm.byName(a)
                    .orElseThrow(
                        () ->
                            section.invalid(
                                "tsig_algorithm", a, String.join(", ", TsigAlgorithm.names()))));
    if (keyName.isPresent() && secret.isEmpty()) {
      throw new ConfigurationException(
          "%s is set but %s is not: %s"
              .formatted(
                  section.qualified("tsig_key_name"), section.qualified("tsig_secret"), KEY_TAIL));
    }
    if (secret.isPresent() && keyName.isEmpty()) {
      throw new ConfigurationException(
          "%s is set but %s is not: %s"
              .formatted(
                  section.qualified("tsig_secret"), section.qualified("tsig_key_name"), KEY_TAIL));
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
        new TsigKey(
            DnsName.of(keyName.get()),
            algorithm.orElse(TsigAlgorithm.DEFAULT),
            secret.orElseThrow()));
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
    if (Address.toByteArray(s, Address.IPv4) != null
        || Address.toByteArray(s, Address.IPv6) != null) {
      return Optional.of(s);
    }
    return DnsName.isValid(s) && !s.contains("_")
        ? Optional.of(DnsName.of(s).value())
        : Optional.empty();
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
        + (zones.isEmpty()
            ? "found by SOA queries"
            : String.join(",", zones.stream().map(DnsName::value).toList()))
        + ", "
        + tsig.map(k -> "TSIG key " + k.name() + " (" + k.algorithm() + ")").orElse("unsigned")
        + ", UPDATE over "
        + transport
        + ", timeout "
        + timeout.toSeconds()
        + " s";
  }

  @Override
  public String toString() {
    return "Rfc2136Settings[" + describe() + "]";
  }
}
