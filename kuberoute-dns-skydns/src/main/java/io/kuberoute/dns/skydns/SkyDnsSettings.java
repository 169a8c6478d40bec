package io.kuberoute.dns.skydns;

import io.kuberoute.core.config.ConfigSection;
import io.kuberoute.core.config.Secret;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code [skydns]} section: where etcd is and how to reach it.
 *
 * @param endpoints etcd client URLs ({@code endpoints}, else {@code protocol://host:port})
 * @param prefix the key prefix CoreDNS's etcd plugin reads ({@code prefix}, default {@code /skydns})
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

  public SkyDnsSettings {
    endpoints = List.copyOf(endpoints);
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(caFile, "caFile");
    Objects.requireNonNull(certFile, "certFile");
    Objects.requireNonNull(keyFile, "keyFile");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(timeout, "timeout");
  }

  /**
   * Parses {@code [skydns]}.
   *
   * <p>TODO(issue 5): keys, defaults and validation belong to the SkyDNS issue.
   */
  public static SkyDnsSettings fromConfig(ConfigSection section) {
    throw new UnsupportedOperationException("the SkyDNS backend is not implemented yet (issue 5)");
  }
}
