package io.kuberoute.k8s;

import static io.kuberoute.k8s.K8sObjects.node;
import static io.kuberoute.k8s.K8sObjects.pod;
import static io.kuberoute.k8s.K8sObjects.routed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kuberoute.core.app.SyncService;
import io.kuberoute.core.app.SyncSettings;
import io.kuberoute.core.app.SyncTrigger;
import io.kuberoute.core.model.ServiceRef;
import io.kuberoute.core.port.ServiceEvent;
import io.kuberoute.testkit.fixtures.InMemoryDnsBackend;
import io.kuberoute.testkit.k8s.MockApiServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Kubernetes Events on Services, as {@code kubectl describe service} shows them. */
class KubernetesEventSinkIT {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-25T10:15:30.123456789Z"), ZoneOffset.UTC);

  private MockApiServer server;
  private KubernetesClient admin;
  private KubernetesCluster cluster;

  @BeforeEach
  void startServer() {
    server = MockApiServer.start();
    admin = server.client();
  }

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
    server.close();
  }

  private List<Event> events() {
    return admin.v1().events().inNamespace("default").list().getItems().stream()
        .sorted(
            Comparator.comparing(Event::getLastTimestamp)
                .thenComparing(e -> e.getMetadata().getName()))
        .toList();
  }

  @Test
  void anEventNamesTheServiceTheReasonAndTheProblem() {
    KubernetesEventSink sink =
        new KubernetesEventSink(
            server.client(), ref -> Optional.of("uid-1234"), "kuberoute-7d9f", CLOCK);
    ServiceEvent event =
        new ServiceEvent(
            new ServiceRef("default", "shop"),
            ServiceEvent.Type.Warning,
            ServiceEvent.FAILOVER_ACTIVATED,
            "shop.example.com now points at its failover backup.example.net");

    sink.emit(event);

    await().atMost(WAIT).until(() -> events().size() == 1);
    Event e = events().get(0);
    // named as kubectl's recorder names events: <object>.<hex of the Unix time in nanoseconds>
    Instant t = CLOCK.instant();
    assertThat(e.getMetadata().getName())
        .isEqualTo("shop." + Long.toHexString(t.getEpochSecond() * 1_000_000_000L + t.getNano()));
    assertThat(e.getMetadata().getNamespace()).isEqualTo("default");
    assertThat(e.getInvolvedObject())
        .isEqualTo(
            new ObjectReferenceBuilder()
                .withApiVersion("v1")
                .withKind("Service")
                .withNamespace("default")
                .withName("shop")
                .withUid("uid-1234")
                .build());
    assertThat(e.getType()).isEqualTo("Warning");
    assertThat(e.getReason()).isEqualTo("FailoverActivated");
    assertThat(e.getMessage())
        .isEqualTo("shop.example.com now points at its failover backup.example.net");
    assertThat(e.getSource().getComponent()).isEqualTo("kuberoute");
    assertThat(e.getReportingComponent()).isEqualTo("kuberoute");
    assertThat(e.getReportingInstance()).isEqualTo("kuberoute-7d9f");
    assertThat(e.getFirstTimestamp()).isEqualTo("2026-11-25T10:15:30Z");
    assertThat(e.getLastTimestamp()).isEqualTo("2026-11-25T10:15:30Z");
    assertThat(e.getCount()).isEqualTo(1);
    sink.close();
  }

  @Test
  void aLongMessageIsCutToKubernetesLimit() {
    KubernetesEventSink sink =
        new KubernetesEventSink(server.client(), ref -> Optional.empty(), "i", CLOCK);
    String message = "x".repeat(2000);

    Event e =
        sink.toKubernetesEvent(
            new ServiceEvent(
                new ServiceRef("web", "shop"),
                ServiceEvent.Type.Normal,
                "FailoverCleared",
                message));

    assertThat(e.getMessage()).hasSize(1024).endsWith("xxx...");
    assertThat(e.getInvolvedObject().getUid()).isNull();
    sink.close();
  }

  @Test
  void theSyncRecordsFailoverAndInvalidLabelsOnTheServiceWithItsUid() {
    admin.resource(node("n1", "10.0.0.1", null, false, true)).create();
    admin.resource(node("n2", "10.0.0.2", null, false, true)).create();
    Service shop =
        admin
            .resource(
                routed(
                    "default",
                    "shop",
                    Map.of("kuberoute_quota", "100", "kuberoute_failover", "backup.example.net")))
            .create();
    admin.resource(routed("default", "api", Map.of("kuberoute_quota", "80%"))).create();
    admin.resource(pod("default", "shop-1", "shop", "n1", "Running", true)).create();
    admin.resource(pod("default", "shop-2", "shop", "n2", "Running", false)).create();
    cluster =
        KubernetesCluster.start(
            server.client(),
            new KubernetesOptions(
                Namespaces.of("default"),
                "kuberoute_domain",
                Duration.ofSeconds(60),
                Optional.empty()),
            LeaseLeadership.Timings.DEFAULT);
    SyncService sync =
        SyncService.builder(
                cluster.source(), new InMemoryDnsBackend("kuberoute"), SyncSettings.defaults())
            .events(cluster.events())
            .build();
    await().atMost(WAIT).until(cluster.source()::isSynced);

    sync.sync(SyncTrigger.FULL);

    await().atMost(WAIT).until(() -> events().size() == 2);
    ObjectReference shopRef =
        new ObjectReferenceBuilder()
            .withApiVersion("v1")
            .withKind("Service")
            .withNamespace("default")
            .withName("shop")
            .withUid(shop.getMetadata().getUid())
            .build();
    assertThat(events())
        .extracting(
            Event::getReason,
            Event::getType,
            Event::getMessage,
            e -> e.getInvolvedObject().getName())
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                "InvalidQuota",
                "Warning",
                "label kuberoute_quota: quota '80%' is not a whole number 0..100",
                "api"),
            org.assertj.core.groups.Tuple.tuple(
                "FailoverActivated",
                "Warning",
                "shop.example.com now points at its failover backup.example.net: 1 of 2 nodes serve it (50%), quota 100%",
                "shop"));
    assertThat(
            events().stream()
                .filter(e -> e.getReason().equals("FailoverActivated"))
                .findFirst()
                .orElseThrow()
                .getInvolvedObject())
        .isEqualTo(shopRef);

    K8sObjects.setReady(admin, "default", "shop-2", true);
    await()
        .atMost(WAIT)
        .until(() -> cluster.source().snapshot().pods().stream().allMatch(p -> p.ready()));
    sync.sync(SyncTrigger.FULL);

    await().atMost(WAIT).until(() -> events().size() == 3);
    assertThat(events())
        .filteredOn(e -> e.getReason().equals("FailoverCleared"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getType()).isEqualTo("Normal");
              assertThat(e.getMessage())
                  .isEqualTo(
                      "shop.example.com points at its own nodes again: 2 of 2 nodes serve it (100%), quota 100%");
              assertThat(e.getInvolvedObject()).isEqualTo(shopRef);
            });
  }

  @Test
  void aFailureToRecordAnEventIsLoggedAndLaterEventsStillArrive() {
    KubernetesEventSink sink =
        new KubernetesEventSink(server.client(), ref -> Optional.empty(), "i", Clock.systemUTC());
    ServiceRef ref = new ServiceRef("default", "shop");
    server.stop();

    sink.emit(
        new ServiceEvent(ref, ServiceEvent.Type.Warning, "Lost", "while the API server is down"));
    await().atMost(WAIT).until(() -> sink.failed() == 1);

    server.restart();
    sink.emit(new ServiceEvent(ref, ServiceEvent.Type.Warning, "Kept", "after it is back"));
    await().atMost(WAIT).until(() -> events().stream().anyMatch(e -> e.getReason().equals("Kept")));
    assertThat(events()).extracting(Event::getReason).doesNotContain("Lost");
    sink.close();
  }

  @Test
  void aStuckApiServerNeverBlocksTheSyncEventsBeyondTheQueueAreDropped() throws Exception {
    // accepts connections but never answers: each create waits for the request timeout
    try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        KubernetesClient stuck =
            K8sObjects.client("http://127.0.0.1:" + blackHole.getLocalPort())) {
      KubernetesEventSink sink =
          new KubernetesEventSink(stuck, ref -> Optional.empty(), "i", Clock.systemUTC());
      ServiceRef ref = new ServiceRef("default", "shop");

      for (int i = 0; i < KubernetesEventSink.QUEUE_SIZE + 10; i++) {
        sink.emit(new ServiceEvent(ref, ServiceEvent.Type.Warning, "Burst", "event " + i));
      }

      // one is being sent, QUEUE_SIZE wait, the rest were dropped: emit returned at once every time
      assertThat(sink.dropped()).isBetween(9L, 10L);
      sink.close(Duration.ZERO);
      sink.emit(new ServiceEvent(ref, ServiceEvent.Type.Warning, "Late", "after close"));
      assertThat(sink.dropped()).isBetween(10L, 11L);
    }
  }

  @Test
  void aBurstOfDroppedEventsIsLoggedOnceAndItsEndOnce() throws Exception {
    ch.qos.logback.classic.Logger logger =
        (ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(KubernetesEventSink.class);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
        new ch.qos.logback.core.read.ListAppender<>();
    lines.start();
    logger.addAppender(lines);
    // an API server that holds every create until released, then answers it
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    com.sun.net.httpserver.HttpServer held =
        com.sun.net.httpserver.HttpServer.create(
            new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    held.createContext(
        "/",
        ex -> {
          byte[] body = ex.getRequestBody().readAllBytes();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          ex.getResponseHeaders().set("Content-Type", "application/json");
          ex.sendResponseHeaders(201, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    held.start();
    try (KubernetesClient stuck =
        K8sObjects.client("http://127.0.0.1:" + held.getAddress().getPort())) {
      KubernetesEventSink sink =
          new KubernetesEventSink(stuck, ref -> Optional.empty(), "i", Clock.systemUTC());
      ServiceRef ref = new ServiceRef("default", "shop");
      int burst = KubernetesEventSink.QUEUE_SIZE + 1000;
      for (int i = 0; i < burst; i++) {
        sink.emit(new ServiceEvent(ref, ServiceEvent.Type.Warning, "Burst", "event " + i));
      }
      long dropped = sink.dropped();
      assertThat(dropped).isBetween(999L, 1000L);
      assertThat(warnings(lines))
          .containsExactly(
              "dropped event Burst on service default/shop: too many events queued; further"
                  + " events are dropped silently until the queue has room");

      release.countDown(); // the held creates are answered, the queue drains
      await().atMost(WAIT).until(() -> sink.recorded() + sink.dropped() == burst);
      assertThat(sink.failed()).isZero();
      sink.emit(new ServiceEvent(ref, ServiceEvent.Type.Warning, "After", "the burst"));
      assertThat(warnings(lines))
          .hasSize(2)
          .last()
          .isEqualTo(
              "the event queue has room again; " + dropped + " event(s) were dropped in all");
      sink.close(Duration.ZERO);
    } finally {
      logger.detachAppender(lines);
      release.countDown();
      held.stop(0);
    }
  }

  private static List<String> warnings(
      ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines) {
    synchronized (lines) {
      return lines.list.stream()
          .filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
          .map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
          .filter(m -> m.contains("dropped"))
          .toList();
    }
  }
}
