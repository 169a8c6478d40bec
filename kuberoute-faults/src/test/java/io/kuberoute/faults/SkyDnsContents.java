package io.kuberoute.faults;

import io.kuberoute.core.config.ConfigSection;
import io.kuberoute.dns.skydns.SkyDnsSettings;
import io.kuberoute.testkit.etcd.EtcdKeys;
import io.kuberoute.testkit.etcd.EtcdServer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What kuberoute writes to etcd, worked out here independently of the backend's own classes (which
 * are package-private): {@code /skydns/<labels reversed>/<first 8 hex digits of SHA-256(target)>} →
 * {@code {"host":..,"ttl":60,"owner":"kuberoute","resource":"service/<ns>/<svc>","group":<name>}}
 * (docs/backends/skydns.md), and the keys etcd really holds, read with a fresh client each time (so
 * that a restarted etcd is read at once, without a client's reconnect back-off).
 */
final class SkyDnsContents {

  static final String PREFIX = "/skydns";
  static final String OWNER = "kuberoute";

  private SkyDnsContents() {}

  /** {@code [skydns]} settings for {@code etcd}, plus {@code kv} pairs. */
  static SkyDnsSettings settings(EtcdServer etcd, String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("endpoints", etcd.endpoint());
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return SkyDnsSettings.fromConfig(new ConfigSection("skydns", m));
  }

  /** The path of {@code name}: {@code shop.example.com} → {@code /skydns/com/example/shop}. */
  static String path(String name) {
    String[] labels = name.split("\\.");
    StringBuilder b = new StringBuilder(PREFIX);
    for (int i = labels.length - 1; i >= 0; i--) {
      b.append('/').append(labels[i]);
    }
    return b.toString();
  }

  static String key(String name, String target) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(target.getBytes(StandardCharsets.UTF_8));
      return path(name) + "/" + HexFormat.of().formatHex(hash, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The keys of {@code name} claimed by {@code resource}, one per target, TTL 60. */
  static Map<String, String> published(String resource, String name, List<String> targets) {
    Map<String, String> out = new TreeMap<>();
    for (String t : targets) {
      out.put(
          key(name, t),
          "{\"host\":\"%s\",\"ttl\":60,\"owner\":\"%s\",\"resource\":\"%s\",\"group\":\"%s\"}"
              .formatted(t, OWNER, resource, name));
    }
    return out;
  }

  /** Every key below {@code /skydns/} with its value, sorted by key. */
  static Map<String, String> all(EtcdServer etcd) {
    try (EtcdKeys keys = new EtcdKeys(etcd)) {
      return new TreeMap<>(keys.all(PREFIX + "/"));
    }
  }

  /** The keys of {@code all} that are direct children of {@code name}'s path. */
  static Map<String, String> ofName(Map<String, String> all, String name) {
    String start = path(name) + "/";
    Map<String, String> out = new TreeMap<>();
    all.forEach(
        (k, v) -> {
          if (k.startsWith(start) && k.indexOf('/', start.length()) < 0) {
            out.put(k, v);
          }
        });
    return out;
  }
}
