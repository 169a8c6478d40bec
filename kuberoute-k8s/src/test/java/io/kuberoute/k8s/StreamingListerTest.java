package io.kuberoute.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.impl.ListerWatcher;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Lists are read as a stream and handed on in pages, whether or not the server pages. */
class StreamingListerTest {

  private static final int PODS = 23;
  private final KubernetesSerialization json = new KubernetesSerialization();
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private HttpServer server;
  private KubernetesClient client;
  private final List<String> queries = new ArrayList<>();

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.stop(0);
    }
    executor.shutdownNow();
  }

  private String item(int i) {
    return json.asJson(
        K8sObjects.pod("default", "p" + i, "web", "n" + i % 3, "Running", i % 2 == 0));
  }

  /**
   * Serves the pods; {@code pageSize} > 0: pages like an API server, metadata first; else all at
   * once, metadata last.
   */
  private StreamingLister<Pod, PodList> lister(int serverPage) throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        ex -> {
          String q = ex.getRequestURI().getRawQuery();
          synchronized (queries) {
            queries.add(q);
          }
          int from = 0;
          if (q != null && q.contains("continue=")) {
            from = Integer.parseInt(q.replaceAll(".*continue=(\\d+).*", "$1"));
          }
          StringBuilder body = new StringBuilder("{\"kind\":\"PodList\",\"apiVersion\":\"v1\",");
          int to = serverPage > 0 ? Math.min(PODS, from + serverPage) : PODS;
          String meta =
              "\"metadata\":{\"resourceVersion\":\"77\""
                  + (to < PODS ? ",\"continue\":\"" + to + "\"" : "")
                  + "}";
          if (serverPage > 0) {
            body.append(meta).append(',');
          }
          body.append("\"items\":[");
          for (int i = from; i < to; i++) {
            body.append(i > from ? "," : "").append(item(i));
          }
          body.append(']');
          if (serverPage <= 0) {
            body.append(',').append(meta);
          }
          body.append('}');
          byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().set("Content-Type", "application/json");
          ex.sendResponseHeaders(200, bytes.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    client = K8sObjects.client(url);
    @SuppressWarnings("unchecked")
    ListerWatcher<Pod, PodList> fabric8 =
        (ListerWatcher<Pod, PodList>) client.pods().inAnyNamespace();
    return new StreamingLister<>(
        fabric8,
        client.getHttpClient(),
        url + "api/v1/pods",
        "app",
        5,
        SlimObjects::pod,
        PodList::new,
        executor);
  }

  /** Follows the continue tokens as fabric8's informer does; returns the pages. */
  private static List<PodList> all(StreamingLister<Pod, PodList> lister) throws Exception {
    return all(lister, false);
  }

  /**
   * As {@link #all(StreamingLister)}; {@code slow}: as an informer that takes each page in slower
   * than the next one is read (it asks for a page only once the one read ahead is read).
   */
  private static List<PodList> all(StreamingLister<Pod, PodList> lister, boolean slow)
      throws Exception {
    List<PodList> pages = new ArrayList<>();
    String cont = null;
    do {
      if (slow) {
        org.awaitility.Awaitility.await()
            .atMost(java.time.Duration.ofSeconds(10))
            .until(lister::readAheadSettled);
      }
      PodList page =
          lister
              .submitList(
                  new ListOptionsBuilder().withLimit(lister.getLimit()).withContinue(cont).build())
              .get(10, TimeUnit.SECONDS);
      pages.add(page);
      cont = page.getMetadata().getContinue();
    } while (cont != null);
    return pages;
  }

  private static List<String> names(List<PodList> pages) {
    List<String> names = new ArrayList<>();
    pages.forEach(p -> p.getItems().forEach(i -> names.add(i.getMetadata().getName())));
    return names;
  }

  @Test
  void aListAnsweredAtOnceIsHandedOnInPages() throws Exception {
    List<PodList> pages = all(lister(0));
    assertThat(pages)
        .hasSize(5)
        .allSatisfy(p -> assertThat(p.getItems()).hasSizeLessThanOrEqualTo(5));
    assertThat(names(pages)).hasSize(PODS).doesNotHaveDuplicates();
    assertThat(pages.get(pages.size() - 1).getMetadata().getResourceVersion()).isEqualTo("77");
    assertThat(queries)
        .hasSize(1)
        .allSatisfy(q -> assertThat(q).contains("labelSelector=app").contains("limit=5"));
    Pod p0 = pages.get(0).getItems().get(0);
    assertThat(Fabric8Mapping.pod(p0))
        .isEqualTo(Fabric8Mapping.pod(json.unmarshal(item(0), Pod.class)));
  }

  @Test
  void aServerThatPagesIsFollowed() throws Exception {
    List<PodList> pages = all(lister(5));
    assertThat(names(pages)).hasSize(PODS).doesNotHaveDuplicates();
    assertThat(queries).hasSize(5);
    assertThat(pages.get(pages.size() - 1).getMetadata().getResourceVersion()).isEqualTo("77");
  }

  @Test
  void aServerPageLargerThanOursIsCutToo() throws Exception {
    List<PodList> pages = all(lister(12));
    assertThat(names(pages)).hasSize(PODS).doesNotHaveDuplicates();
    assertThat(queries).hasSize(2);
    assertThat(pages).allSatisfy(p -> assertThat(p.getItems()).hasSizeLessThanOrEqualTo(5));
  }

  @Test
  void aSlowInformerGetsEveryPageTheNextOneReadAheadMeanwhile() throws Exception {
    StreamingLister<Pod, PodList> lister = lister(0);
    List<PodList> pages = all(lister, true);
    assertThat(pages).hasSize(5);
    assertThat(names(pages)).hasSize(PODS).doesNotHaveDuplicates();
    assertThat(pages.get(pages.size() - 1).getMetadata().getContinue()).isNull();
    assertThat(queries).hasSize(1);
    assertThat(lister.readAheadSettled()).isTrue();
  }

  @Test
  void aRelistWhileAPageIsReadAheadStartsAFreshStream() throws Exception {
    StreamingLister<Pod, PodList> lister = lister(0);
    PodList first =
        lister
            .submitList(new ListOptionsBuilder().withLimit(lister.getLimit()).build())
            .get(10, TimeUnit.SECONDS);
    assertThat(first.getMetadata().getContinue()).startsWith("kuberoute-stream-");
    // the informer gives up on this list and lists again: the old stream is closed
    List<PodList> again = all(lister);
    assertThat(names(again)).hasSize(PODS).doesNotHaveDuplicates();
    assertThat(queries).hasSize(2);
    assertThat(
            lister.submitList(
                new ListOptionsBuilder().withContinue(first.getMetadata().getContinue()).build()))
        .failsWithin(java.time.Duration.ofSeconds(10))
        .withThrowableThat()
        .withMessageContaining("is gone");
  }
}
