package io.kuberoute.examples.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.core.app.HeartbeatSettings;
import io.kuberoute.core.app.SyncLoop;
import io.kuberoute.core.app.SyncResult;
import io.kuberoute.core.app.SyncService;
import io.kuberoute.core.app.SyncSettings;
import io.kuberoute.core.app.SyncTrigger;
import io.kuberoute.core.model.ClusterSnapshot;
import io.kuberoute.core.plan.PlanSettings;
import io.kuberoute.core.port.ClusterSource;
import io.kuberoute.dns.fake.PrintingDnsBackend;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The guide's continuous set-up (docs/embedding.md, "Running continuously"): a {@link SyncLoop}
 * over the sync service, subscribed to the cluster source's changes.
 */
class SyncLoopEmbeddingTest {

  /** A cluster source that tells its listeners when the view changes. */
  static final class InMemoryCluster implements ClusterSource {
    private volatile ClusterSnapshot snapshot;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    InMemoryCluster(ClusterSnapshot initial) {
      snapshot = initial;
    }

    /** Replaces the view and tells the listeners (in a real source: the informers' thread). */
    void set(ClusterSnapshot next) {
      snapshot = next;
      listeners.forEach(Runnable::run);
    }

    @Override
    public ClusterSnapshot snapshot() {
      return snapshot;
    }

    @Override
    public void addChangeListener(Runnable listener) {
      listeners.add(listener);
    }
  }

  @Test
  void theLoopSyncsAtStartAndAgainSoonAfterTheSourceReportsAChange() throws Exception {
    InMemoryCluster source = new InMemoryCluster(EmbedTheCore.cluster(true));
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintingDnsBackend backend =
        new PrintingDnsBackend(
            "embed-demo", new PrintStream(printed, true, StandardCharsets.UTF_8));
    SyncSettings settings =
        SyncSettings.defaults().withPlan(PlanSettings.defaults().withOwnerId("embed-demo"));
    BlockingQueue<SyncResult> results = new LinkedBlockingQueue<>();
    SyncService service =
        SyncService.builder(source, backend, settings).onResult(results::add).build();

    SyncLoop loop =
        new SyncLoop(
            service,
            settings.interval(), // the loop takes the interval again: pass the same one
            settings.heartbeat().map(HeartbeatSettings::interval));
    source.addChangeListener(loop::onChange); // the loop does not subscribe itself
    loop.start(); // a full sync now, then one every interval
    try {
      SyncResult first = results.poll(30, TimeUnit.SECONDS);
      assertThat(first).isNotNull();
      assertThat(first.trigger()).isEqualTo(SyncTrigger.FULL);

      source.set(EmbedTheCore.cluster(false));

      SyncResult second = results.poll(30, TimeUnit.SECONDS);
      assertThat(second).isNotNull();
      assertThat(second.trigger()).isEqualTo(SyncTrigger.EVENT);
      assertThat(second.servicesInFailover()).isEqualTo(1);
    } finally {
      loop.close(); // stops scheduling, waits for the sync in flight
    }
    assertThat(printed.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"))
        .isEqualTo(
            """
            CREATE shop.example.com A 60 203.0.113.1,203.0.113.2
            DELETE shop.example.com A 60 203.0.113.1,203.0.113.2
            CREATE shop.example.com CNAME 60 shop-failover.example.net
            """);
  }
}
