package io.kuberoute.testkit.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Direct access to the keys of an {@link EtcdServer} for tests (jetcd, independent of the backend):
 * list, put and delete keys and read the store's revision.
 */
public final class EtcdKeys implements AutoCloseable {

  private final Client client;

  public EtcdKeys(EtcdServer server) {
    ClientBuilder b = Client.builder().endpoints(server.endpoint());
    server
        .certificates()
        .ifPresent(
            c -> {
              try {
                b.sslContext(
                    s ->
                        s.trustManager(c.caCert().toFile())
                            .keyManager(c.clientCert().toFile(), c.clientKey().toFile()));
              } catch (javax.net.ssl.SSLException e) {
                throw new IllegalStateException(e);
              }
            });
    this.client = b.build();
  }

  /** Logs in as {@code user} (after authentication was enabled). */
  public EtcdKeys(EtcdServer server, String user, String password) {
    this.client =
        Client.builder()
            .endpoints(server.endpoint())
            .user(bytes(user))
            .password(bytes(password))
            .build();
  }

  /** Every key from {@code prefix} on (byte prefix), with its value as text, in key order. */
  public Map<String, String> all(String prefix) {
    Map<String, String> out = new LinkedHashMap<>();
    for (KeyValue kv : get(prefix).values()) {
      out.put(text(kv.getKey()), text(kv.getValue()));
    }
    return out;
  }

  /** Every key from {@code prefix} on, with its etcd metadata. */
  public Map<String, KeyValue> get(String prefix) {
    try {
      Map<String, KeyValue> out = new LinkedHashMap<>();
      for (KeyValue kv :
          client
              .getKVClient()
              .get(bytes(prefix), GetOption.builder().isPrefix(true).build())
              .get(10, TimeUnit.SECONDS)
              .getKvs()) {
        out.put(text(kv.getKey()), kv);
      }
      return out;
    } catch (Exception e) {
      throw new IllegalStateException("etcd get " + prefix + " failed: " + e, e);
    }
  }

  public void put(String key, String value) {
    try {
      client.getKVClient().put(bytes(key), bytes(value)).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("etcd put " + key + " failed: " + e, e);
    }
  }

  /** Puts every key → value of {@code kvs}, many calls at once (for large seeds). */
  public void putAll(Map<String, String> kvs) {
    try {
      List<CompletableFuture<?>> puts = new ArrayList<>();
      kvs.forEach((k, v) -> puts.add(client.getKVClient().put(bytes(k), bytes(v))));
      CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("etcd put of " + kvs.size() + " keys failed: " + e, e);
    }
  }

  public void delete(String key) {
    try {
      client.getKVClient().delete(bytes(key)).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("etcd delete " + key + " failed: " + e, e);
    }
  }

  /** Deletes every key. */
  public void deleteAll() {
    try {
      client
          .getKVClient()
          .delete(bytes("\0"), DeleteOption.builder().withRange(bytes("\0")).build())
          .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("etcd delete-all failed: " + e, e);
    }
  }

  /** The store's current revision: it grows by one with every write transaction. */
  public long revision() {
    try {
      return client
          .getKVClient()
          .get(bytes("\0"))
          .get(10, TimeUnit.SECONDS)
          .getHeader()
          .getRevision();
    } catch (Exception e) {
      throw new IllegalStateException("etcd revision failed: " + e, e);
    }
  }

  @Override
  public void close() {
    client.close();
  }

  static ByteSequence bytes(String s) {
    return ByteSequence.from(s, StandardCharsets.UTF_8);
  }

  private static String text(ByteSequence b) {
    return b.toString(StandardCharsets.UTF_8);
  }
}
