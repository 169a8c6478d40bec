package io.kuberoute.dns.rfc2136;

import java.util.Optional;
import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TextParseException;

/**
 * Turns the configured {@link TsigKey} into dnsjava's signer. The only place that reveals the
 * secret, and only to dnsjava. Pure.
 */
final class TsigSetup {

  private TsigSetup() {}

  /** The signer for {@code key}; empty when requests go unsigned. */
  static Optional<TSIG> signer(Optional<TsigKey> key) {
    return key.map(TsigSetup::signer);
  }

  static TSIG signer(TsigKey key) {
    return new TSIG(algorithmName(key.algorithm()), keyName(key), key.secret().reveal());
  }

  /** The algorithm's name on the wire (RFC 8945 §6). */
  static Name algorithmName(TsigAlgorithm algorithm) {
    return switch (algorithm) {
      case HMAC_SHA256 -> TSIG.HMAC_SHA256;
      case HMAC_SHA512 -> TSIG.HMAC_SHA512;
      case HMAC_SHA384 -> TSIG.HMAC_SHA384;
      case HMAC_SHA224 -> TSIG.HMAC_SHA224;
      case HMAC_SHA1 -> TSIG.HMAC_SHA1;
      case HMAC_MD5 -> TSIG.HMAC_MD5;
    };
  }

  private static Name keyName(TsigKey key) {
    try {
      return Name.fromString(key.name().absolute());
    } catch (TextParseException e) {
      // a DnsName is always a valid dnsjava name
      throw new IllegalStateException("TSIG key name " + key.name() + " is not a DNS name", e);
    }
  }
}
