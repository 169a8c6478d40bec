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
  private static final Pattern HOST_NAME =
      Pattern.compile(HOST_LABEL + "(\\." + HOST_LABEL + ")*");
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
      throw section.invalid("endpoints", section.optional("endpoints").orElseThrow(), ENDPOINT_ALLOWED);
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
      if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
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
