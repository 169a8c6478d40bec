package io.kuberoute.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListMeta;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.dsl.internal.AbstractWatchManager;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.informers.impl.ListerWatcher;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The list half of an informer, streamed: the list response is parsed as it arrives, each item
 * straight into its slim object ({@link SlimObjects}), and handed to the informer in pages of
 * {@code pageSize} items, whether the server pages ({@code limit}/{@code continue}, passed on) or
 * answers the whole list at once (fabric8's CRUD mock; an API server serving {@code
 * resourceVersion=0} from its watch cache). So memory is bounded by a page, never by the size of
 * one response (fabric8's own list reads the whole body into one byte array first). A page cut from
 * an open response carries a continue token of ours, which the next call resumes. The body arrives
 * through the client's byte consumer, read ahead by a bounded {@link PrefetchedBody} (fabric8's
 * {@code InputStream} bodies fetch one small chunk at a time, several times slower).
 *
 * <p>Watches are fabric8's own ({@code delegate}); their events are decoded by the client's slim
 * serialization ({@link SlimSerialization}).
 */
final class StreamingLister<T extends HasMetadata, L extends KubernetesResourceList<T>>
    implements ListerWatcher<T, L> {

  private static final String OURS = "kuberoute-stream-";
  private static final JsonFactory JSON = new JsonFactory();
  private static final AtomicLong STREAMS = new AtomicLong();

  private final ListerWatcher<T, L> delegate;
  private final HttpClient http;
  private final String url;
  private final String labelSelector;
  private final long pageSize;
  private final Function<JsonParser, T> item;
  private final Supplier<L> newList;
  private final Executor executor;

  /** The response being read, if a page was cut from it. */
  private Open open;

  private final class Open {
    final String token;
    final InputStream body;
    final JsonParser parser;
    String resourceVersion;
    String serverContinue;
    JsonToken pending;

    /**
     * The next page, being read while the informer takes in the last one (one page ahead, never
     * more); null when no page was cut.
     */
    CompletableFuture<L> next;

    Open(String token, InputStream body, JsonParser parser) {
      this.token = token;
      this.body = body;
      this.parser = parser;
    }

    void close() {
      try {
        parser.close();
        body.close();
      } catch (IOException | RuntimeException e) {
        // closing a broken stream
      }
    }
  }

  /**
   * @param url the list URL without query ({@code https://host/api/v1/pods})
   * @param labelSelector the label selector, or null
   * @param item reads one item, from its START_OBJECT to its END_OBJECT
   */
  StreamingLister(
      ListerWatcher<T, L> delegate,
      HttpClient http,
      String url,
      String labelSelector,
      long pageSize,
      Function<JsonParser, T> item,
      Supplier<L> newList,
      Executor executor) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.http = Objects.requireNonNull(http, "http");
    this.url = Objects.requireNonNull(url, "url");
    this.labelSelector = labelSelector;
    this.pageSize = pageSize;
    this.item = Objects.requireNonNull(item, "item");
    this.newList = Objects.requireNonNull(newList, "newList");
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  @Override
  public synchronized CompletableFuture<L> submitList(ListOptions options) {
    String cont = options.getContinue();
    if (cont != null && cont.startsWith(OURS)) {
      Open o = open;
      if (o == null || !o.token.equals(cont)) {
        return CompletableFuture.failedFuture(
            new KubernetesClientException("the list stream " + cont + " is gone"));
      }
      CompletableFuture<L> next = o.next;
      o.next = null;
      return (next != null ? next.thenApply(p -> readAhead(o, p)) : readNext(o))
          .whenComplete((p, e) -> forgetIfBroken(o, e));
    }
    if (open != null) {
      open.close(); // a relist: the informer gave up on the last one
      open = null;
    }
    String request = url + query(options);
    PrefetchedBody body = new PrefetchedBody();
    return http.consumeBytes(
            http.newHttpRequestBuilder().uri(request).header("Accept", "application/json").build(),
            body::accept)
        .thenApplyAsync(
            response -> {
              body.start(response.body());
              return first(response.code(), body, request);
            },
            executor);
  }

  private L first(int code, InputStream body, String request) {
    if (code != 200) {
      String text;
      try (InputStream in = body) {
        text = in == null ? "" : new String(in.readNBytes(4096), StandardCharsets.UTF_8);
      } catch (IOException e) {
        text = e.toString();
      }
      throw new KubernetesClientException(
          "listing %s failed: HTTP %d %s".formatted(request, code, text), code, null);
    }
    JsonParser parser = JSON.createParser(ObjectReadContext.empty(), body);
    Open o = new Open(OURS + STREAMS.incrementAndGet(), body, parser);
    try {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new KubernetesClientException(
            "listing " + request + ": the answer is not a JSON object");
      }
      // up to the first item (or the end, when the list is empty or its items come last)
      while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        if (name.equals("items") && parser.currentToken() == JsonToken.START_ARRAY) {
          synchronized (this) {
            open = o;
          }
          return readAhead(o, page(o));
        }
        if (name.equals("metadata")) {
          metadata(parser, o);
        } else {
          parser.skipChildren();
        }
      }
      o.close();
      return list(new ArrayList<>(), o, false);
    } catch (RuntimeException e) {
      o.close();
      throw e;
    }
  }

  /** Reads the next page of {@code o} in the background and hands the page after on. */
  private CompletableFuture<L> readNext(Open o) {
    return CompletableFuture.supplyAsync(() -> page(o), executor).thenApply(p -> readAhead(o, p));
  }

  /**
   * Starts reading the page after {@code page}, if it was cut from {@code o}, while the informer
   * takes {@code page} in: reading and indexing then run side by side, one page apart.
   */
  private L readAhead(Open o, L page) {
    boolean more = o.token.equals(page.getMetadata().getContinue());
    synchronized (this) {
      if (open == o) {
        if (more) {
          o.next = CompletableFuture.supplyAsync(() -> page(o), executor);
        } else {
          open = null; // its last page is handed on
        }
      }
    }
    return page;
  }

  /** A page that could not be read ends the stream: the informer lists again. */
  private synchronized void forgetIfBroken(Open o, Throwable error) {
    if (error != null && open == o) {
      open = null;
      o.close();
    }
  }

  /** Whether the page read ahead, if any, is read (for tests of a slow informer). */
  synchronized boolean readAheadSettled() {
    return open == null || open.next == null || open.next.isDone();
  }

  /** The next page of the open response: up to {@code pageSize} items. */
  private L page(Open o) {
    List<T> items = new ArrayList<>((int) Math.min(pageSize, 1024));
    JsonParser parser = o.parser;
    try {
      JsonToken t = o.pending != null ? o.pending : parser.nextToken();
      o.pending = null;
      while (t != JsonToken.END_ARRAY) {
        if (t == null) {
          throw new KubernetesClientException("the list answer ended inside its items");
        }
        if (t == JsonToken.START_OBJECT) {
          items.add(item.apply(parser));
        } else {
          parser.skipChildren();
        }
        t = parser.nextToken();
        if (items.size() >= pageSize && t != JsonToken.END_ARRAY) {
          o.pending = t; // the next page starts on it
          return list(items, o, true);
        }
      }
      // the items are done: read what follows them (the metadata, when it comes last)
      while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        if (name.equals("metadata")) {
          metadata(parser, o);
        } else {
          parser.skipChildren();
        }
      }
      done(o);
      return list(items, o, false);
    } catch (RuntimeException e) {
      done(o);
      throw e;
    }
  }

  /**
   * The response is read to its end (or broke off): closed. Its pages may still be waiting to be
   * handed on (read ahead), so {@code open} keeps it until the last one is ({@link #readAhead}).
   */
  private void done(Open o) {
    o.close();
  }

  private L list(List<T> items, Open o, boolean more) {
    L list = newList.get();
    list.getItems().addAll(items);
    ListMeta meta = new ListMeta();
    meta.setResourceVersion(o.resourceVersion);
    meta.setContinue(more ? o.token : o.serverContinue);
    setMetadata(list, meta);
    return list;
  }

  private void metadata(JsonParser p, Open o) {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "resourceVersion" -> o.resourceVersion = p.getValueAsString();
        case "continue" -> o.serverContinue = emptyToNull(p.getValueAsString());
        default -> p.skipChildren();
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static <L> void setMetadata(L list, ListMeta meta) {
    try {
      list.getClass().getMethod("setMetadata", ListMeta.class).invoke(list, meta);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot set the metadata of " + list.getClass(), e);
    }
  }

  private String query(ListOptions options) {
    StringBuilder q = new StringBuilder();
    add(q, "labelSelector", labelSelector);
    add(q, "limit", options.getLimit() == null ? null : options.getLimit().toString());
    add(q, "continue", options.getContinue());
    add(q, "resourceVersion", options.getResourceVersion());
    add(q, "resourceVersionMatch", options.getResourceVersionMatch());
    return q.toString();
  }

  private static void add(StringBuilder q, String key, String value) {
    if (value == null || value.isEmpty()) {
      return;
    }
    q.append(q.length() == 0 ? '?' : '&')
        .append(key)
        .append('=')
        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  @Override
  public CompletableFuture<AbstractWatchManager<T>> submitWatch(
      ListOptions options, Watcher<T> watcher) {
    return delegate.submitWatch(options, watcher);
  }

  @Override
  public Long getLimit() {
    return pageSize;
  }

  @Override
  public int getWatchReconnectInterval() {
    return delegate.getWatchReconnectInterval();
  }

  @Override
  public String getApiEndpointPath() {
    return delegate.getApiEndpointPath();
  }

  @Override
  public Config getConfig() {
    return delegate.getConfig();
  }
}
