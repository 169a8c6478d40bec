package io.kuberoute.dns.webhook;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link WebhookHttp} over the JDK's {@link HttpClient}: HTTP/1.1, no redirects followed (a 3xx is
 * an answer like any other), {@code Accept} on every request and {@code Content-Type} on every POST
 * set to the protocol's media type, basic authentication from the URL's userinfo. One request takes
 * at most the timeout from connecting to the last byte of the answer; an answer body above {@link
 * #MAX_BODY_BYTES} is refused, as external-dns does.
 */
final class JdkWebhookHttp implements WebhookHttp {

  /** external-dns's default cap on a webhook body (32 MiB, about 60,000 records). */
  static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

  private final HttpClient client;
  private final URI base;
  private final Duration timeout;
  private final Optional<String> authorization;

  JdkWebhookHttp(WebhookSettings settings) {
    this.base = settings.url();
    this.timeout = settings.timeout();
    this.authorization =
        settings
            .userInfo()
            .map(
                u -> {
                  String pair = u.reveal().contains(":") ? u.reveal() : u.reveal() + ":";
                  return "Basic "
                      + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
                });
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(timeout)
            .build();
  }

  @Override
  public Answer send(Request request) throws TransportException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uriOf(request.path())).timeout(timeout).header("Accept", MEDIA_TYPE);
    authorization.ifPresent(a -> b.header("Authorization", a));
    if (request.body().isPresent()) {
      b.header("Content-Type", MEDIA_TYPE)
          .POST(HttpRequest.BodyPublishers.ofByteArray(request.body().get()));
    } else {
      b.method(request.method(), HttpRequest.BodyPublishers.noBody());
    }
    CompletableFuture<HttpResponse<byte[]>> future =
        client.sendAsync(b.build(), info -> new LimitedBody(MAX_BODY_BYTES));
    try {
      HttpResponse<byte[]> response = future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return new Answer(
          response.statusCode(), response.headers().firstValue("Content-Type"), response.body());
    } catch (TimeoutException e) {
      future.cancel(true);
      throw timedOut();
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new TransportException(
          TransportException.Kind.BROKEN, "interrupted while waiting for the answer");
    } catch (ExecutionException e) {
      throw classify(e.getCause());
    }
  }

  private URI uriOf(String path) {
    String text = base.toString() + path;
    return URI.create(base.getRawPath().isEmpty() && path.isEmpty() ? text + "/" : text);
  }

  private TransportException classify(Throwable failure) {
    if (failure instanceof HttpConnectTimeoutException) {
      return new TransportException(
          TransportException.Kind.UNREACHABLE,
          "no connection within " + WebhookClient.seconds(timeout));
    }
    if (failure instanceof HttpTimeoutException) {
      return timedOut();
    }
    if (failure instanceof ConnectException) {
      return new TransportException(TransportException.Kind.UNREACHABLE, "connection refused");
    }
    if (failure instanceof BodyTooLarge) {
      return new TransportException(TransportException.Kind.BROKEN, failure.getMessage());
    }
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      if (root.getCause() instanceof BodyTooLarge tooLarge) {
        return new TransportException(TransportException.Kind.BROKEN, tooLarge.getMessage());
      }
      if (root.getCause() instanceof ConnectException) {
        return new TransportException(TransportException.Kind.UNREACHABLE, "connection refused");
      }
      root = root.getCause();
    }
    String text = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return new TransportException(TransportException.Kind.BROKEN, "the connection failed: " + text);
  }

  private TransportException timedOut() {
    return new TransportException(
        TransportException.Kind.TIMEOUT,
        "no complete answer within " + WebhookClient.seconds(timeout));
  }

  /** The body is larger than allowed. */
  private static final class BodyTooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    BodyTooLarge(long limit) {
      super("the answer is larger than " + (limit / (1024 * 1024)) + " MiB");
    }
  }

  /** Collects the body into a byte array, failing once it passes the limit. */
  private static final class LimitedBody implements BodySubscriber<byte[]> {
    private final BodySubscriber<byte[]> delegate = BodySubscribers.ofByteArray();
    private final long limit;
    private long seen;
    private Flow.Subscription subscription;
    private boolean failed;

    LimitedBody(long limit) {
      this.limit = limit;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return delegate.getBody();
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      this.subscription = s;
      delegate.onSubscribe(s);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (failed) {
        return;
      }
      for (ByteBuffer item : items) {
        seen += item.remaining();
      }
      if (seen > limit) {
        failed = true;
        subscription.cancel();
        delegate.onError(new BodyTooLarge(limit));
        return;
      }
      delegate.onNext(items);
    }

    @Override
    public void onError(Throwable t) {
      if (!failed) {
        delegate.onError(t);
      }
    }

    @Override
    public void onComplete() {
      if (!failed) {
        delegate.onComplete();
      }
    }
  }
}
