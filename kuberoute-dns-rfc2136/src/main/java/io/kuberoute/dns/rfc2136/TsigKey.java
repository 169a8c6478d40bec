package io.kuberoute.dns.rfc2136;

import io.kuberoute.core.config.Secret;
import io.kuberoute.core.model.DnsName;
import java.util.Base64;
import java.util.Objects;

/**
 * A TSIG key (RFC 8945): its name, algorithm and base64 secret. The secret is never shown: not by
 * {@link #toString()}, not in any error.
 */
public record TsigKey(DnsName name, TsigAlgorithm algorithm, Secret secret) {

  public TsigKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(secret, "secret");
    if (!isBase64(secret)) {
      throw new IllegalArgumentException(
          "the secret of TSIG key " + name + " is not base64 text (value hidden)");
    }
  }

  /** A key with the default algorithm, {@link TsigAlgorithm#DEFAULT}. */
  public static TsigKey of(String name, String base64Secret) {
    return new TsigKey(DnsName.of(name), TsigAlgorithm.DEFAULT, Secret.of(base64Secret));
  }

  /** This key with another algorithm. */
  public TsigKey withAlgorithm(TsigAlgorithm other) {
    return new TsigKey(name, other, secret);
  }

  /**
   * Whether {@code secret} is non-empty standard base64 (with padding, as tsig-keygen prints it).
   */
  static boolean isBase64(Secret secret) {
    try {
      return Base64.getDecoder().decode(secret.reveal()).length > 0;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "TSIG key " + name + " (" + algorithm + ")";
  }
}
