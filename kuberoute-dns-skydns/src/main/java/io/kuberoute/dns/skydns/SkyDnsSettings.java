package io.kuberoute.dns.skydns;

import com.google.common.net.InetAddresses;
import io.kuberoute.core.ConfigurationException;
import io.kuberoute.core.config.ConfigSection;
import io.kuberoute.core.config.Secret;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The {@code [skydns]} section: where etcd is and how to reach it.
 *
 * @param endpoints etcd client URLs ({@code endpoints}, else {@code protocol://host:port}), all
 *     {@code http} or all {@code https}
 * @param prefix the key prefix CoreDNS's etcd plugin reads ({@code prefix}, default {@code
 *     /skydns}), without a trailing slash
 * @param caFile CA certificates (PEM) that sign etcd's server certificate; the JVM's trust store
 *     when absent
 * @param certFile client certificate (PEM), with {@code keyFile}
 * @param keyFile the client certificate's private key (PEM, PKCS#8)
 * @param username etcd user, with {@code password}
 * @param password the etcd user's password
 * @param timeout per etcd call ({@code timeout} seconds, default 5)
 */
public record SkyDnsSettings(
    List<URI> endpoints,
    String prefix,
    Optional<Path> caFile,
    Optional<Path> certFile,
    Optional<Path> keyFile,
    Optional<String> username,
    Optional<Secret> password,
    Duration timeout) {

  public static final String SECTION = "skydns";
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 2379;
  public static final String DEFAULT_PROTOCOL = "https";
  public static final String DEFAULT_PREFIX = "/skydns";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  public static final int MAX_TIMEOUT_SECONDS = 300;

  private static final Pattern PREFIX = Pattern.compile("(/[A-Za-z0-9._-]+)+");
  private static final String HOST_LABEL = "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?";
  private static final Pattern HOST_NAME = Pattern.compile(HOST_LABEL + "(\\." + HOST_LABEL + ")*");
  private static final String PREFIX_ALLOWED =
      "an etcd key path such as /skydns: '/' followed by segments of letters, digits, '.', '_'"
          + " and '-'";

  /** jetcd 0.8 builds a gRPC target of the endpoints that cannot hold a bracketed address. */
  private static final String NO_IPV6 =
      "the etcd client cannot use an IPv6 address literal: give a host name that resolves to it";

  private static final String ENDPOINT_ALLOWED =
      "comma-separated etcd client URLs such as https://10.0.0.1:2379, all http:// or all https://,"
          + " without path";

  public SkyDnsSettings {
    endpoints = List.copyOf(endpoints);
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("at least one etcd endpoint is required");
    }
    for (URI endpoint : endpoints) {
      if (endpoint.getRawUserInfo() != null
          || endpoint.getRawAuthority() != null && endpoint.getRawAuthority().contains("@")) {
        // never echoed: the userinfo may hold a password
        throw new IllegalArgumentException(
            "an etcd endpoint carries no user:password@ (give username and password instead)");
      }
      String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme();
      if (!(scheme.equals("http") || scheme.equals("https")) || endpoint.getHost() == null) {
        throw new IllegalArgumentException(
            "etcd endpoint '" + endpoint + "' is not an http:// or https:// URL with a host");
      }
    }
    if (endpoints.stream().map(URI::getScheme).distinct().count() > 1) {
      throw new IllegalArgumentException(
          "etcd endpoints must be all http:// or all https://: " + joined(endpoints));
    }
    Objects.requireNonNull(prefix, "prefix");
    if (!PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException("invalid key prefix '" + prefix + "': " + PREFIX_ALLOWED);
    }
    Objects.requireNonNull(caFile, "caFile");
    Objects.requireNonNull(certFile, "certFile");
    Objects.requireNonNull(keyFile, "keyFile");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    if (certFile.isPresent() != keyFile.isPresent()) {
      throw new IllegalArgumentException("a client certificate needs both certFile and keyFile");
    }
    if (username.isPresent() != password.isPresent()) {
      throw new IllegalArgumentException("etcd authentication needs both username and password");
    }
  }

  /**
   * etcd on {@code https://127.0.0.1:2379} (the JVM's trust store, no client certificate, no user),
   * key prefix {@value #DEFAULT_PREFIX}, 5 s per call: what an empty {@code [skydns]} section
   * gives.
   */
  public static SkyDnsSettings defaults() {
    return builder().build();
  }

  /** A builder starting from {@link #defaults()}; {@link Builder#build()} checks the values. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.endpoints = endpoints;
    b.prefix = prefix;
    b.caFile = caFile;
    b.certFile = certFile;
    b.keyFile = keyFile;
    b.username = username;
    b.password = password;
    b.timeout = timeout;
    return b;
  }

  /**
   * Builds {@link SkyDnsSettings}. The parts that go together are given together: the client
   * certificate with its key, the user with its password.
   */
  public static final class Builder {
    private List<URI> endpoints =
        List.of(URI.create(DEFAULT_PROTOCOL + "://" + DEFAULT_HOST + ":" + DEFAULT_PORT));
    private String prefix = DEFAULT_PREFIX;
    private Optional<Path> caFile = Optional.empty();
    private Optional<Path> certFile = Optional.empty();
    private Optional<Path> keyFile = Optional.empty();
    private Optional<String> username = Optional.empty();
    private Optional<Secret> password = Optional.empty();
    private Duration timeout = DEFAULT_TIMEOUT;

    private Builder() {}

    /** etcd's client URLs, such as {@code https://10.0.0.1:2379}: all http or all https. */
    public Builder endpoints(List<URI> values) {
      this.endpoints = List.copyOf(values);
      return this;
    }

    /** etcd's client URLs as text, such as {@code "https://10.0.0.1:2379"}. */
    public Builder endpoints(String... values) {
      return endpoints(Arrays.stream(values).map(URI::create).toList());
    }

    /** The key prefix CoreDNS reads, such as {@code /skydns}; a trailing slash is dropped. */
    public Builder prefix(String value) {
      Objects.requireNonNull(value, "prefix");
      this.prefix =
          value.length() > 1 && value.endsWith("/")
              ? value.substring(0, value.length() - 1)
              : value;
      return this;
    }

    /** CA certificates (PEM) that sign etcd's server certificate, instead of the JVM's. */
    public Builder caFile(Path value) {
      this.caFile = Optional.of(Objects.requireNonNull(value, "caFile"));
      return this;
    }

    /** A client certificate (PEM) and its private key (PEM, PKCS#8). */
    public Builder clientCertificate(Path certFile, Path keyFile) {
      this.certFile = Optional.of(Objects.requireNonNull(certFile, "certFile"));
      this.keyFile = Optional.of(Objects.requireNonNull(keyFile, "keyFile"));
      return this;
    }

    /** etcd authentication as {@code username} with {@code password}. */
    public Builder credentials(String username, Secret password) {
      this.username = Optional.of(Objects.requireNonNull(username, "username"));
      this.password = Optional.of(Objects.requireNonNull(password, "password"));
      return this;
    }

    /** How long one etcd call may take. */
    public Builder timeout(Duration value) {
      this.timeout = Objects.requireNonNull(value, "timeout");
      return this;
    }

    /**
     * The settings.
     *
     * @throws IllegalArgumentException saying which value breaks which rule
     */
    public SkyDnsSettings build() {
      return new SkyDnsSettings(
          endpoints, prefix, caFile, certFile, keyFile, username, password, timeout);
    }
  }

  /** Whether the endpoints use {@code https}. */
  public boolean tls() {
    return endpoints.get(0).getScheme().equals("https");
  }

  /** The endpoints as error messages show them: {@code https://a:2379, https://b:2379}. */
  public String endpointsText() {
    return joined(endpoints);
  }

  private static String joined(List<URI> uris) {
    return uris.stream().map(URI::toString).collect(Collectors.joining(", "));
  }

  /**
   * Parses {@code [skydns]}: {@code host}, {@code port}, {@code protocol} (defaults {@code
   * 127.0.0.1}, {@code 2379}, {@code https}) or {@code endpoints} (which overrides the three),
   * {@code prefix}, {@code ca_file}, {@code cert_file}, {@code key_file}, {@code username}, {@code
   * password}, {@code timeout}.
   *
   * @throws ConfigurationException naming {@code skydns.<key>} for an invalid value
   */
  public static SkyDnsSettings fromConfig(ConfigSection section) {
    String host = section.optional("host").orElse(DEFAULT_HOST);
    if (!isHost(host)) {
      throw section.invalid("host", host, "a host name or IP address, without scheme or port");
    }
    if (isIpv6(host)) {
      throw section.invalid("host", host, "a host name or IPv4 address; " + NO_IPV6);
    }
    int port = section.integer("port", DEFAULT_PORT, 1, 65535);
    String protocol =
        section.optionalChoice("protocol", List.of("http", "https")).orElse(DEFAULT_PROTOCOL);
    List<String> listed = section.entries("endpoints");
    if (listed.isEmpty() && section.optional("endpoints").isPresent()) {
      // only commas: not "no endpoints given"
      throw section.invalid(
          "endpoints", section.optional("endpoints").orElseThrow(), ENDPOINT_ALLOWED);
    }
    List<URI> endpoints = new ArrayList<>();
    if (listed.isEmpty()) {
      endpoints.add(URI.create(protocol + "://" + host + ":" + port));
    } else {
      for (String entry : listed) {
        endpoints.add(endpoint(section, entry));
      }
      long schemes = endpoints.stream().map(URI::getScheme).distinct().count();
      if (schemes > 1) {
        throw section.invalid(
            "endpoints", section.optional("endpoints").orElseThrow(), ENDPOINT_ALLOWED);
      }
    }
    boolean tls = endpoints.get(0).getScheme().equals("https");

    String prefix = section.optional("prefix").orElse(DEFAULT_PREFIX);
    String normalisedPrefix =
        prefix.length() > 1 && prefix.endsWith("/")
            ? prefix.substring(0, prefix.length() - 1)
            : prefix;
    if (!PREFIX.matcher(normalisedPrefix).matches()) {
      throw section.invalid("prefix", prefix, PREFIX_ALLOWED);
    }

    Optional<Path> caFile = readableFile(section, "ca_file");
    Optional<Path> certFile = readableFile(section, "cert_file");
    Optional<Path> keyFile = readableFile(section, "key_file");
    if (certFile.isPresent() && keyFile.isEmpty()) {
      throw new ConfigurationException(
          "skydns.cert_file is set but skydns.key_file is not (a client certificate needs its"
              + " private key: add 'key_file = ...' to the [skydns] section)");
    }
    if (keyFile.isPresent() && certFile.isEmpty()) {
      throw new ConfigurationException(
          "skydns.key_file is set but skydns.cert_file is not (add 'cert_file = ...' to the"
              + " [skydns] section)");
    }
    if (!tls) {
      for (String key : List.of("ca_file", "cert_file", "key_file")) {
        if (section.optional(key).isPresent()) {
          throw new ConfigurationException(
              ("skydns.%s is set but etcd is reached over http:// (%s); TLS files need https://:"
                      + " set protocol = https or use https:// endpoints")
                  .formatted(key, joined(endpoints)));
        }
      }
    }

    Optional<String> username = section.optional("username");
    Optional<Secret> password = section.secret("password");
    if (username.isPresent() && password.isEmpty()) {
      throw new ConfigurationException(
          "missing required key skydns.password (skydns.username is set; add 'password = ...' to"
              + " the [skydns] section)");
    }
    if (password.isPresent() && username.isEmpty()) {
      throw new ConfigurationException(
          "missing required key skydns.username (skydns.password is set; add 'username = ...' to"
              + " the [skydns] section)");
    }
    Duration timeout = section.seconds("timeout", DEFAULT_TIMEOUT, 1, MAX_TIMEOUT_SECONDS);
    return new SkyDnsSettings(
        endpoints, normalisedPrefix, caFile, certFile, keyFile, username, password, timeout);
  }

  private static URI endpoint(ConfigSection section, String entry) {
    String problem = "";
    try {
      URI uri = new URI(entry);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      String path = uri.getRawPath();
      boolean pathless = path == null || path.isEmpty() || path.equals("/");
      if (uri.getRawUserInfo() != null
          || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
        problem = "; no user:password@ in a URL (set username and password)";
      } else if ((scheme.equals("http") || scheme.equals("https"))
          && uri.getHost() != null
          && pathless
          && uri.getRawQuery() == null
          && uri.getRawFragment() == null) {
        if (uri.getHost().startsWith("[")) {
          problem = "; " + NO_IPV6;
        } else if (uri.getPort() == 0 || uri.getPort() > 65535) {
          problem = "; the port must be from 1 to 65535";
        } else {
          int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
          return new URI(scheme + "://" + uri.getHost() + ":" + port);
        }
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw section.invalid("endpoints", entry, ENDPOINT_ALLOWED + problem);
  }

  private static Optional<Path> readableFile(ConfigSection section, String key) {
    Optional<Path> path = section.path(key);
    if (path.isPresent() && !(Files.isRegularFile(path.get()) && Files.isReadable(path.get()))) {
      throw section.invalid(key, section.optional(key).orElseThrow(), "a readable PEM file");
    }
    return path;
  }

  private static boolean isHost(String host) {
    return InetAddresses.isInetAddress(host) || HOST_NAME.matcher(host).matches();
  }

  private static boolean isIpv6(String host) {
    return host.contains(":") && InetAddresses.isInetAddress(host);
  }
}
