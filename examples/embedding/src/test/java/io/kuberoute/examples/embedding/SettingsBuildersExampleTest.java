package io.kuberoute.examples.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.core.app.HeartbeatSettings;
import io.kuberoute.core.app.SyncResult;
import io.kuberoute.core.app.SyncService;
import io.kuberoute.core.app.SyncSettings;
import io.kuberoute.core.app.SyncTrigger;
import io.kuberoute.core.model.DomainFilter;
import io.kuberoute.core.plan.PlanSettings;
import io.kuberoute.core.routing.NodeAddressMode;
import io.kuberoute.core.routing.RouteSettings;
import io.kuberoute.core.template.Template;
import io.kuberoute.dns.fake.PrintingDnsBackend;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The guide's settings written with the builders (docs/embedding.md, after the first example). */
class SettingsBuildersExampleTest {

  @Test
  void settingsWrittenWithTheBuildersDriveASync() {
    SyncSettings settings =
        SyncSettings.builder()
            .route(RouteSettings.builder().ttl(300).nodeAddress(NodeAddressMode.EXTERNAL).build())
            .plan(
                PlanSettings.builder()
                    .ownerId("myorg")
                    .adoptExisting(false)
                    .maxDeletePercent(10)
                    .build())
            .heartbeat(HeartbeatSettings.defaults(Template.compile("heartbeat")))
            .interval(Duration.ofSeconds(30))
            .domains(DomainFilter.of("example.com"))
            .build(); // guardWindow: three intervals unless set

    assertThat(settings.guardWindow()).isEqualTo(Duration.ofSeconds(90));
    assertThat(settings.plan().adoptExisting()).isFalse();
    assertThat(settings.plan().force()).isFalse();

    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintingDnsBackend backend =
        new PrintingDnsBackend("myorg", new PrintStream(printed, true, StandardCharsets.UTF_8));
    SyncService service =
        SyncService.builder(() -> EmbedTheCore.cluster(true), backend, settings).build();

    SyncResult result = service.sync(SyncTrigger.FULL);

    assertThat(result.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("CREATE shop.example.com A 300 203.0.113.1,203.0.113.2");
  }
}
