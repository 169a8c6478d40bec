package io.kuberoute.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kuberoute.core.app.SyncResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The rate limit of GET /, on a clock the test moves. */
class OnDemandSyncTest {

  private static final Duration REST = Duration.ofSeconds(10);

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final List<CompletableFuture<SyncResult>> started = new ArrayList<>();
  private final OnDemandSync limiter =
      new OnDemandSync(
          () -> {
            CompletableFuture<SyncResult> sync = new CompletableFuture<>();
            started.add(sync);
            return sync;
          },
          3,
          REST,
          now::get);

  private void pass(Duration d) {
    now.addAndGet(d.toNanos());
  }

  private CompletableFuture<SyncResult> granted() {
    OnDemandSync.Outcome outcome = limiter.request();
    assertThat(outcome).isInstanceOf(OnDemandSync.Granted.class);
    return ((OnDemandSync.Granted) outcome).sync();
  }

  private Duration refused() {
    OnDemandSync.Outcome outcome = limiter.request();
    assertThat(outcome).isInstanceOf(OnDemandSync.Refused.class);
    return ((OnDemandSync.Refused) outcome).retryAfter();
  }

  private void finish(CompletableFuture<SyncResult> sync) {
    sync.complete(null);
  }

  @Test
  void requestsWhileASyncWaitsOrRunsShareIt() {
    CompletableFuture<SyncResult> first = granted();
    assertThat(granted()).isSameAs(first);
    pass(Duration.ofMinutes(5)); // a long sync
    assertThat(granted()).isSameAs(first);
    assertThat(started).hasSize(1);
  }

  @Test
  void threeSyncsInARowThenOnePerTenSecondsOfRest() {
    for (int i = 0; i < 3; i++) {
      finish(granted());
    }
    assertThat(started).hasSize(3);
    assertThat(refused()).isEqualTo(REST);

    pass(Duration.ofSeconds(4));
    assertThat(refused()).isEqualTo(Duration.ofSeconds(6));
    pass(Duration.ofSeconds(6));
    finish(granted());
    assertThat(refused()).isEqualTo(REST);
    assertThat(started).hasSize(4);
  }

  @Test
  void theRestCountsOnlyWhileNoOnDemandSyncRunsSoLongSyncsCannotRunBackToBack() {
    for (int i = 0; i < 3; i++) {
      finish(granted());
    }
    pass(REST);
    CompletableFuture<SyncResult> slow = granted();
    pass(Duration.ofSeconds(60)); // it runs for a minute: no credit meanwhile
    finish(slow);

    assertThat(refused()).isEqualTo(REST);
    pass(REST);
    assertThat(granted()).isNotSameAs(slow);
  }

  @Test
  void creditsComeBackUpToTheBurstOnly() {
    for (int i = 0; i < 3; i++) {
      finish(granted());
    }
    pass(Duration.ofHours(1));
    for (int i = 0; i < 3; i++) {
      finish(granted());
    }
    assertThat(refused()).isEqualTo(REST);
  }

  @Test
  void aFailedSyncCountsLikeAnyOther() {
    for (int i = 0; i < 3; i++) {
      granted().completeExceptionally(new IllegalStateException("dns down"));
    }
    assertThat(refused()).isEqualTo(REST);
  }

  @Test
  void aLoopThatIsShuttingDownCostsNoCredit() {
    OnDemandSync closed =
        new OnDemandSync(
            () -> {
              throw new RejectedExecutionException("shut down");
            },
            1,
            REST,
            now::get);
    assertThatThrownBy(closed::request).isInstanceOf(RejectedExecutionException.class);
    assertThatThrownBy(closed::request).isInstanceOf(RejectedExecutionException.class);
  }
}
