package io.kuberoute.dns.skydns;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.google.common.net.InetAddresses;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The JSON value of one SkyDNS key, as CoreDNS's etcd plugin reads it, reduced to what kuberoute
 * plans with: the record type and target derived from {@code host}, the TTL, the owner and the
 * resource that claimed the record.
 *
 * <p>kuberoute writes {@code
 * {"host":"10.0.0.1","ttl":60,"owner":"kuberoute","resource":"service/default/shop","group":"shop.example.com"}}:
 * {@code owner} and {@code resource} are kuberoute's fields, which CoreDNS ignores (it decodes the
 * value into its {@code msg.Service} and drops unknown fields); {@code resource} tells a fresh
 * process which Service claimed the name ({@code service/<namespace>/<name>}, or {@code
 * heartbeat}). A value without {@code resource} (written before it existed) reads the same, with no
 * resource. Reading follows CoreDNS: field names match case-insensitively, unknown fields are
 * ignored, an IPv4 host is an A record, an IPv6 host AAAA, any other host a CNAME target, a missing
 * {@code ttl} means CoreDNS's default of 300 s (a {@code ttl} of 0 reads as 0, so that a record
 * written with TTL 0 reads back unchanged; CoreDNS serves it with 300 s too). A value that CoreDNS
 * would not serve as A, AAAA or CNAME (not JSON, no {@code host}, a {@code text} record) reads as
 * {@link Parsed#problem()} and is left alone.
 *
 * @param type A, AAAA or CNAME
 * @param target the normalised target (as in {@link RecordSet})
 * @param ttl seconds
 * @param owner the {@code owner} field; a non-string owner is kept as its JSON text so that it
 *     never equals an owner id
 * @param resource the {@code resource} field; empty when missing, empty or not a string
 */
record SkyDnsValue(
    RecordType type, String target, long ttl, Optional<String> owner, Optional<String> resource) {

  /** What CoreDNS serves when a value has no TTL (and the key no lease). */
  static final long COREDNS_DEFAULT_TTL = 300;

  /** JSON's {@code ttl} is a uint32 in CoreDNS. */
  private static final long MAX_JSON_TTL = 4294967295L;

  private static final JsonFactory JSON = new JsonFactory();

  SkyDnsValue {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(resource, "resource");
  }

  /** The result of reading a value: a record value, or why it is not one. */
  record Parsed(Optional<SkyDnsValue> value, String problem) {
    static Parsed of(SkyDnsValue v) {
      return new Parsed(Optional.of(v), "");
    }

    static Parsed problem(String why) {
      return new Parsed(Optional.empty(), why);
    }
  }

  /** The value kuberoute writes for one target of {@code record}, claimed by {@code resource}. */
  static byte[] encode(RecordSet record, String target, String ownerId, String resource) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(96);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("host", target);
      g.writeNumberField("ttl", record.ttl());
      g.writeStringField("owner", ownerId);
      g.writeStringField("resource", resource);
      g.writeStringField("group", record.name().value());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Reads a value; never throws. */
  static Parsed parse(byte[] json) {
    String host = null;
    String text = null;
    long ttl = -1;
    Optional<String> owner = Optional.empty();
    Optional<String> resource = Optional.empty();
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return Parsed.problem("not a JSON object");
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String field = p.currentName().toLowerCase(Locale.ROOT);
        JsonToken v = p.nextToken();
        switch (field) {
          case "host" -> {
            if (v == JsonToken.VALUE_STRING) {
              host = p.getText();
            } else if (v != JsonToken.VALUE_NULL) {
              return Parsed.problem("host is not a string");
            }
          }
          case "text" -> {
            if (v == JsonToken.VALUE_STRING) {
              text = p.getText();
            } else if (v != JsonToken.VALUE_NULL) {
              return Parsed.problem("text is not a string");
            }
          }
          case "ttl" -> {
            if (v == JsonToken.VALUE_NUMBER_INT
                && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER
                && p.getLongValue() >= 0
                && p.getLongValue() <= MAX_JSON_TTL) {
              ttl = p.getLongValue();
            } else if (v != JsonToken.VALUE_NULL) {
              return Parsed.problem("ttl is not a whole number from 0 to " + MAX_JSON_TTL);
            }
          }
          case "owner" -> {
            if (v == JsonToken.VALUE_STRING) {
              owner = Optional.of(p.getText()).filter(o -> !o.isEmpty());
            } else if (v != JsonToken.VALUE_NULL) {
              owner = Optional.of("(" + v.name().toLowerCase(Locale.ROOT) + ")");
              p.skipChildren();
            }
          }
          case "resource" -> {
            if (v == JsonToken.VALUE_STRING) {
              resource = Optional.of(p.getText()).filter(r -> !r.isEmpty());
            } else {
              p.skipChildren();
            }
          }
          default -> p.skipChildren();
        }
      }
      if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
        return Parsed.problem("not a single JSON object");
      }
    } catch (JsonProcessingException e) {
      return Parsed.problem("invalid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      return Parsed.problem("unreadable: " + e.getMessage());
    }
    long effectiveTtl = Math.min(ttl < 0 ? COREDNS_DEFAULT_TTL : ttl, RecordSet.MAX_TTL);
    return classify(host, text, effectiveTtl, owner, resource);
  }

  private static Parsed classify(
      String host, String text, long ttl, Optional<String> owner, Optional<String> resource) {
    if (host == null || host.isEmpty()) {
      return Parsed.problem(text == null ? "no host" : "a TXT value (text without host)");
    }
    if (InetAddresses.isInetAddress(host)) {
      InetAddress address = InetAddresses.forString(host);
      RecordType type = address instanceof Inet4Address ? RecordType.A : RecordType.AAAA;
      return Parsed.of(
          new SkyDnsValue(type, InetAddresses.toAddrString(address), ttl, owner, resource));
    }
    if (text != null && !text.isEmpty()) {
      return Parsed.problem("a TXT value (text with a host name)");
    }
    if (!DnsName.isValid(host)) {
      return Parsed.problem("host '" + host + "' is neither an IP address nor a DNS name");
    }
    return Parsed.of(
        new SkyDnsValue(RecordType.CNAME, DnsName.of(host).value(), ttl, owner, resource));
  }
}
