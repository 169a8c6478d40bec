package io.kuberoute.dns.skydns;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.netty.GrpcSslContexts;
import io.kuberoute.core.ConfigurationException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link EtcdGateway} over jetcd: paged range reads and guarded transactions, with a deadline
 * on every call and errors turned into {@link EtcdFailure}s that name the endpoint.
 *
 * <p>The jetcd client is built on first use, so creating the backend never touches the network.
 * After a failure that affects every call (unreachable, refused) the client is closed and rebuilt
 * on the next call: a fresh channel reconnects at once, where the old one could sit in gRPC's
 * reconnect back-off (up to two minutes) after etcd came back. The password goes to jetcd only; it
 * is in no message. Not thread-safe: the backend serialises calls.
 */
final class JetcdGateway implements EtcdGateway {

  private static final Logger log = LoggerFactory.getLogger(JetcdGateway.class);

  private static final String PKCS8_KEY =
      "an unencrypted PEM private key in PKCS#8 form (BEGIN PRIVATE KEY); convert one with"
          + " openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pkcs8";

  private final SkyDnsSettings settings;
  private final Optional<SslContext> ssl;
  private final long timeoutMillis;
  private Client client;

  /**
   * Prepares a client for {@code settings}; reads the TLS files but opens no connection.
   *
   * @throws ConfigurationException if a TLS file is not a usable PEM file
   */
  JetcdGateway(SkyDnsSettings settings) {
    this.settings = settings;
    this.ssl = settings.tls() ? Optional.of(sslContext(settings)) : Optional.empty();
    this.timeoutMillis = settings.timeout().toMillis();
  }

  /**
   * Builds the client and its channel without calling etcd (a gRPC channel connects on its first
   * call).
   */
  @Override
  public void prepare() {
    client().getKVClient();
  }

  /**
   * {@inheritDoc}
   *
   * <p>A page that is not the first continues at the byte string right after the last key of the
   * one before (the key with a 0 byte appended), at the first page's revision.
   */
  @Override
  public List<EtcdEntry> range(String start, String end) {
    List<EtcdEntry> out = new ArrayList<>();
    ByteSequence from = bytes(start);
    ByteSequence to = bytes(end);
    long revision = 0;
    while (true) {
      GetOption option =
          GetOption.builder().withRange(to).withLimit(PAGE_SIZE).withRevision(revision).build();
      ByteSequence pageStart = from;
      GetResponse page = call(() -> client().getKVClient().get(pageStart, option), "read " + start);
      if (revision == 0) {
        revision = page.getHeader().getRevision();
      }
      List<KeyValue> kvs = page.getKvs();
      for (KeyValue kv : kvs) {
        Optional<String> key = text(kv.getKey());
        if (key.isPresent()) {
          out.add(new EtcdEntry(key.get(), kv.getValue().getBytes(), kv.getModRevision()));
        } else {
          log.debug("ignoring an etcd key under {} that is not UTF-8", start);
        }
      }
      if (!page.isMore() || kvs.isEmpty()) {
        break;
      }
      from = kvs.get(kvs.size() - 1).getKey().concat(ByteSequence.from(new byte[] {0}));
    }
    log.debug("read {} key(s) in [{}, {}) at revision {}", out.size(), start, end, revision);
    return out;
  }

  @Override
  public TxnOutcome commit(Txn txn, String what) {
    List<Cmp> compares = new ArrayList<>();
    for (Expect e : txn.expects()) {
      CmpTarget<?> target =
          e.modRevision() == Expect.ABSENT
              ? CmpTarget.version(0)
              : CmpTarget.modRevision(e.modRevision());
      compares.add(new Cmp(bytes(e.key()), Cmp.Op.EQUAL, target));
    }
    List<Op> ops = new ArrayList<>();
    for (String key : txn.deletes()) {
      ops.add(Op.delete(bytes(key), DeleteOption.DEFAULT));
    }
    for (Put p : txn.puts()) {
      ops.add(Op.put(bytes(p.key()), ByteSequence.from(p.value()), PutOption.DEFAULT));
    }
    TxnResponse response =
        call(
            () ->
                client()
                    .getKVClient()
                    .txn()
                    .If(compares.toArray(Cmp[]::new))
                    .Then(ops.toArray(Op[]::new))
                    .commit(),
            "write " + what);
    TxnOutcome outcome = new TxnOutcome(response.isSucceeded(), response.getHeader().getRevision());
    log.debug(
        "transaction for {}: {} delete(s), {} put(s), succeeded={}, revision {}",
        what,
        txn.deletes().size(),
        txn.puts().size(),
        outcome.succeeded(),
        outcome.revision());
    return outcome;
  }

  /** Closes the client (and its threads); a later call builds a new one. */
  @Override
  public void close() {
    if (client != null) {
      Client c = client;
      client = null;
      try {
        c.close();
      } catch (RuntimeException e) {
        log.debug("closing the etcd client failed: {}", e.toString());
      }
    }
  }

  private Client client() {
    if (client == null) {
      ClientBuilder b =
          Client.builder()
              .endpoints(settings.endpoints().toArray(URI[]::new))
              .waitForReady(false)
              .connectTimeout(settings.timeout())
              .keepaliveTimeout(settings.timeout())
              .retryMaxAttempts(2)
              .retryDelay(100)
              .retryMaxDelay(1000)
              .retryMaxDuration(settings.timeout())
              .interceptor(new Deadline(timeoutMillis));
      ssl.ifPresent(b::sslContext);
      if (settings.username().isPresent()) {
        b.user(bytes(settings.username().get()))
            .password(bytes(settings.password().orElseThrow().reveal()));
      }
      client = b.build();
    }
    return client;
  }

  private <T> T call(Supplier<CompletableFuture<T>> request, String what) {
    CompletableFuture<T> future;
    try {
      future = request.get();
    } catch (RuntimeException e) {
      throw failure(e, what);
    }
    try {
      // every gRPC call has its own deadline; this bounds jetcd's retries on top of it
      return future.get(2 * timeoutMillis + 1000, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      close();
      throw new EtcdFailure(EtcdFailure.Kind.UNREACHABLE, noAnswer(), e);
    } catch (ExecutionException e) {
      throw failure(e.getCause() == null ? e : e.getCause(), what);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      close();
      throw new EtcdFailure(
          EtcdFailure.Kind.UNREACHABLE,
          "interrupted while waiting for etcd at " + settings.endpointsText(),
          e);
    }
  }

  private EtcdFailure failure(Throwable t, String what) {
    EtcdFailure f = classify(t, what);
    if (f.kind().global()) {
      close();
    }
    return f;
  }

  private EtcdFailure classify(Throwable t, String what) {
    String at = "etcd at " + settings.endpointsText();
    Status status = Status.fromThrowable(t);
    if (status.getCode() == Status.Code.UNAUTHENTICATED && status.getCause() != null) {
      Status inner = Status.fromThrowable(status.getCause());
      if (inner.getCode() == Status.Code.UNAVAILABLE
          || inner.getCode() == Status.Code.DEADLINE_EXCEEDED) {
        status = inner;
      } else if (inner.getCode() != Status.Code.UNKNOWN) {
        return refusedLogin(at, inner, t);
      }
    }
    String description = Optional.ofNullable(status.getDescription()).orElse("");
    switch (status.getCode()) {
      case UNAVAILABLE -> {
        Optional<Throwable> tlsProblem = tlsCause(t);
        if (tlsProblem.isPresent()) {
          return new EtcdFailure(
              EtcdFailure.Kind.REFUSED,
              "TLS connection to %s failed: %s (check skydns.ca_file, cert_file and key_file)"
                  .formatted(at, message(tlsProblem.get())),
              t);
        }
        return new EtcdFailure(
            EtcdFailure.Kind.UNREACHABLE,
            at + " is unreachable: " + rootMessage(t, description),
            t);
      }
      case DEADLINE_EXCEEDED, CANCELLED -> {
        return new EtcdFailure(EtcdFailure.Kind.UNREACHABLE, noAnswer(), t);
      }
      case UNAUTHENTICATED -> {
        return refusedLogin(at, status, t);
      }
      case PERMISSION_DENIED -> {
        return new EtcdFailure(
            EtcdFailure.Kind.PERMISSION,
            "%s: user '%s' is not allowed to %s (%s)"
                .formatted(at, settings.username().orElse(""), what, description),
            t);
      }
      case INVALID_ARGUMENT -> {
        if (description.contains("user name is empty")) {
          return new EtcdFailure(
              EtcdFailure.Kind.REFUSED,
              at
                  + " requires authentication: set username and password in [skydns] ("
                  + description
                  + ")",
              t);
        }
        if (description.contains("authentication failed")) {
          return refusedLogin(at, status, t);
        }
        if (description.contains("too many operations in txn request")) {
          return new EtcdFailure(
              EtcdFailure.Kind.OTHER,
              "%s could not %s in one transaction (%s); raise etcd's --max-txn-ops"
                  .formatted(at, what, description),
              t);
        }
        return other(at, what, status, t);
      }
      default -> {
        return other(at, what, status, t);
      }
    }
  }

  private EtcdFailure refusedLogin(String at, Status status, Throwable t) {
    String user = settings.username().map(u -> "user '" + u + "'").orElse("the login");
    String why = Optional.ofNullable(status.getDescription()).orElse(status.getCode().name());
    return new EtcdFailure(
        EtcdFailure.Kind.REFUSED, "%s refused %s (%s)".formatted(at, user, why), t);
  }

  private static EtcdFailure other(String at, String what, Status status, Throwable t) {
    String description = Optional.ofNullable(status.getDescription()).orElse(message(t));
    return new EtcdFailure(
        EtcdFailure.Kind.OTHER,
        "%s could not %s: %s %s".formatted(at, what, status.getCode(), description),
        t);
  }

  private String noAnswer() {
    return "etcd at %s did not answer within %d s"
        .formatted(settings.endpointsText(), settings.timeout().toSeconds());
  }

  private static Optional<Throwable> tlsCause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SSLException || c instanceof CertificateException) {
        return Optional.of(c);
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return Optional.empty();
  }

  /** The innermost message: "Connection refused" rather than gRPC's "io exception". */
  private static String rootMessage(Throwable t, String fallback) {
    String best = fallback;
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c.getMessage() != null && !c.getMessage().isBlank()) {
        best = c.getMessage();
      }
      if (c.getCause() == c) {
        break;
      }
    }
    if (best.startsWith("UNAVAILABLE: ")) {
      best = best.substring("UNAVAILABLE: ".length());
    }
    return best.toLowerCase(Locale.ROOT).startsWith("connection refused")
        ? "connection refused"
        : best;
  }

  private static String message(Throwable t) {
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  static ByteSequence bytes(String s) {
    return ByteSequence.from(s, StandardCharsets.UTF_8);
  }

  private static Optional<String> text(ByteSequence key) {
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(key.getBytes()))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /** The TLS context: the CA file (else the JVM's trust store) and the client certificate. */
  static SslContext sslContext(SkyDnsSettings settings) {
    SslContextBuilder b = GrpcSslContexts.forClient();
    if (settings.caFile().isPresent()) {
      Path ca = settings.caFile().get();
      try {
        b.trustManager(ca.toFile());
      } catch (IllegalArgumentException e) {
        throw invalidFile("ca_file", ca, "PEM CA certificates", e);
      }
    }
    if (settings.certFile().isPresent()) {
      Path cert = settings.certFile().get();
      Path key = settings.keyFile().orElseThrow();
      try {
        b.keyManager(cert.toFile(), key.toFile());
      } catch (IllegalArgumentException e) {
        boolean keyProblem = String.valueOf(e.getMessage()).contains("private key");
        throw keyProblem
            ? invalidFile("key_file", key, PKCS8_KEY, e)
            : invalidFile("cert_file", cert, "a PEM certificate", e);
      }
    }
    try {
      return b.build();
    } catch (SSLException e) {
      throw new ConfigurationException("cannot set up TLS for [skydns]: " + e.getMessage(), e);
    }
  }

  private static ConfigurationException invalidFile(
      String key, Path file, String allowed, Exception e) {
    return new ConfigurationException(
        "invalid value for %s.%s: '%s' (allowed: %s)"
            .formatted(SkyDnsSettings.SECTION, key, file, allowed),
        e);
  }

  /** Puts a deadline on every gRPC call, so that no call waits forever. */
  private static final class Deadline implements ClientInterceptor {
    private final long millis;

    Deadline(long millis) {
      this.millis = millis;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(
        MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
      return next.newCall(method, options.withDeadlineAfter(millis, TimeUnit.MILLISECONDS));
    }
  }
}
