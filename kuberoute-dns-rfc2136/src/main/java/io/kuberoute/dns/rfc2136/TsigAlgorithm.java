package io.kuberoute.dns.rfc2136;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The TSIG algorithms of {@code rfc2136.tsig_algorithm}, by the names BIND's {@code tsig-keygen}
 * and Knot's {@code keymgr} use (RFC 8945 §6). Pure.
 */
public enum TsigAlgorithm {
  HMAC_SHA256("hmac-sha256"),
  HMAC_SHA512("hmac-sha512"),
  HMAC_SHA384("hmac-sha384"),
  HMAC_SHA224("hmac-sha224"),
  HMAC_SHA1("hmac-sha1"),
  HMAC_MD5("hmac-md5");

  /** The default: the most widely deployed one, and {@code tsig-keygen}'s default. */
  public static final TsigAlgorithm DEFAULT = HMAC_SHA256;

  private final String configName;

  TsigAlgorithm(String configName) {
    this.configName = configName;
  }

  /** The name in the configuration file, e.g. {@code hmac-sha256}. */
  public String configName() {
    return configName;
  }

  /** The algorithm named {@code name} (any case), if it is one of these. */
  public static Optional<TsigAlgorithm> byName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(a -> a.configName.equals(lower)).findFirst();
  }

  /** Every configuration name, in the order the documentation lists them. */
  public static List<String> names() {
    return Arrays.stream(values()).map(TsigAlgorithm::configName).toList();
  }

  @Override
  public String toString() {
    return configName;
  }
}
