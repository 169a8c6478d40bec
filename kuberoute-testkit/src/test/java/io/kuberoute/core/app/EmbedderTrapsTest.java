package io.kuberoute.core.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kuberoute.core.plan.PlanSettings;
import io.kuberoute.testkit.fixtures.InMemoryDnsBackend;
import io.kuberoute.testkit.fixtures.MutableClusterSource;
import org.junit.jupiter.api.Test;

/** Misuses an embedder could fall into, each refused with a clear error. */
class EmbedderTrapsTest {

  @Test
  void aBackendWritingAsAnotherOwnerThanThePlannerIsRefusedAtBuildTime() {
    InMemoryDnsBackend myorg = new InMemoryDnsBackend("myorg");

    assertThatThrownBy(
            () ->
                SyncService.builder(new MutableClusterSource(), myorg, SyncSettings.defaults())
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the DNS backend marks records as owned by 'myorg' but the sync's owner id is 'kuberoute': records it"
                + " writes would read back as someone else's; build both from the same id"
                + " (PlanSettings.withOwnerId, BackendContext)");
    assertThat(myorg.reads()).isZero();
  }

  @Test
  void theSameOwnerIdOnBothSidesBuilds() {
    SyncService service =
        SyncService.builder(
                new MutableClusterSource(),
                new InMemoryDnsBackend("myorg"),
                SyncSettings.defaults().withPlan(PlanSettings.defaults().withOwnerId("myorg")))
            .build();

    assertThat(service.sync(SyncTrigger.FULL).outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
  }
}
