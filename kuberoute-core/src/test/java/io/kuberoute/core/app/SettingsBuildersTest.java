package io.kuberoute.core.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kuberoute.core.model.DomainFilter;
import io.kuberoute.core.plan.PlanSettings;
import io.kuberoute.core.plan.Policy;
import io.kuberoute.core.routing.LabelKeys;
import io.kuberoute.core.routing.NodeAddressMode;
import io.kuberoute.core.routing.RouteSettings;
import io.kuberoute.core.template.Template;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every settings type of the core has {@code defaults()}, and those of many parts a builder naming
 * each.
 */
class SettingsBuildersTest {

  @Nested
  class Plan {
    @Test
    void theDefaultsAreTheDocumentedOnes() {
      assertThat(PlanSettings.defaults())
          .isEqualTo(new PlanSettings("kuberoute", Policy.SYNC, true, 30, false, Set.of()));
      assertThat(PlanSettings.builder().build()).isEqualTo(PlanSettings.defaults());
    }

    @Test
    void theBuilderNamesEachRuleSoTheTwoFlagsCannotBeSwapped() {
      PlanSettings built =
          PlanSettings.builder()
              .ownerId("myorg")
              .policy(Policy.UPSERT_ONLY)
              .adoptExisting(false)
              .maxDeletePercent(10)
              .force(true)
              .previousOwnerIds(Set.of("old"))
              .build();

      assertThat(built)
          .isEqualTo(new PlanSettings("myorg", Policy.UPSERT_ONLY, false, 10, true, Set.of("old")));
      assertThat(built.adoptExisting()).isFalse();
      assertThat(built.force()).isTrue();
      assertThat(built.toBuilder().build()).isEqualTo(built);
    }

    @Test
    void theBuilderRefusesWhatTheRecordRefuses() {
      assertThatThrownBy(() -> PlanSettings.builder().ownerId("my org").build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("owner id 'my org' may contain only letters, digits, '.', '_' and '-'");
      assertThatThrownBy(() -> PlanSettings.builder().maxDeletePercent(101).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("max delete percent must be 0..100 but was 101");
      assertThatThrownBy(
              () -> PlanSettings.builder().ownerId("a").previousOwnerIds(Set.of("a")).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("previous owner id 'a' is the owner id itself");
    }
  }

  @Nested
  class Route {
    @Test
    void theBuilderNamesEachPart() {
      LabelKeys labels = new LabelKeys("dns/domain", "dns/name", "dns/failover", "dns/quota");
      RouteSettings built =
          RouteSettings.builder()
              .labels(labels)
              .serviceTypes(Set.of("NodePort", "LoadBalancer"))
              .nodeAddress(NodeAddressMode.INTERNAL)
              .ttl(300)
              .replacements(Map.of("env", "prod"))
              .build();

      assertThat(built)
          .isEqualTo(
              new RouteSettings(
                  labels,
                  Set.of("NodePort", "LoadBalancer"),
                  NodeAddressMode.INTERNAL,
                  300,
                  Map.of("env", "prod")));
      assertThat(built.toBuilder().build()).isEqualTo(built);
      assertThat(RouteSettings.builder().build())
          .isEqualTo(
              new RouteSettings(
                  LabelKeys.DEFAULT, Set.of("NodePort"), NodeAddressMode.AUTO, 60, Map.of()))
          .isEqualTo(RouteSettings.defaults());
    }

    @Test
    void theBuilderRefusesWhatTheRecordRefuses() {
      assertThatThrownBy(() -> RouteSettings.builder().ttl(-1).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("ttl must be 0..2147483647 but was -1");
      assertThatThrownBy(() -> RouteSettings.builder().serviceTypes(Set.of()).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("at least one service type is required");
    }
  }

  @Nested
  class Heartbeat {
    @Test
    void theDefaultsNeedTheNameAndSaySo() {
      HeartbeatSettings hb = HeartbeatSettings.defaults(Template.compile("heartbeat"));

      assertThat(hb)
          .isEqualTo(
              new HeartbeatSettings(
                  Template.compile("heartbeat"),
                  Template.compile("_TEMPLATE_START_timestamp_TEMPLATE_END_.kuberoute.timestamp"),
                  Duration.ofSeconds(60)));
      assertThat(hb.withInterval(Duration.ofSeconds(5)).interval())
          .isEqualTo(Duration.ofSeconds(5));
      assertThat(hb.withValue(Template.compile("x.example.net")).value())
          .isEqualTo(Template.compile("x.example.net"));
      assertThatThrownBy(() -> HeartbeatSettings.defaults(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage(
              "name is required: the heartbeat has no default name (name_template), such as heartbeat");
      assertThatThrownBy(() -> hb.withInterval(Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("heartbeat interval must be positive");
    }
  }

  @Nested
  class Sync {
    @Test
    void theDefaultsAreTheDocumentedOnes() {
      assertThat(SyncSettings.defaults())
          .isEqualTo(
              new SyncSettings(
                  RouteSettings.defaults(),
                  PlanSettings.defaults(),
                  Optional.empty(),
                  Duration.ofSeconds(60),
                  false,
                  DomainFilter.ALL,
                  Duration.ofSeconds(180)))
          .isEqualTo(SyncSettings.builder().build());
    }

    @Test
    void theBuilderNamesEachPartAndDerivesTheGuardWindowFromTheInterval() {
      HeartbeatSettings hb = HeartbeatSettings.defaults(Template.compile("heartbeat"));
      SyncSettings built =
          SyncSettings.builder()
              .route(RouteSettings.builder().ttl(30).build())
              .plan(PlanSettings.builder().ownerId("myorg").build())
              .heartbeat(hb)
              .interval(Duration.ofSeconds(20))
              .dryRun(true)
              .domains(DomainFilter.of("example.com"))
              .build();

      assertThat(built)
          .isEqualTo(
              new SyncSettings(
                  RouteSettings.builder().ttl(30).build(),
                  PlanSettings.defaults().withOwnerId("myorg"),
                  Optional.of(hb),
                  Duration.ofSeconds(20),
                  true,
                  DomainFilter.of("example.com"),
                  Duration.ofSeconds(60)));
      assertThat(built.toBuilder().build()).isEqualTo(built);
      assertThat(built.toBuilder().guardWindow(Duration.ZERO).build().guardWindow()).isZero();
      // toBuilder keeps the window it had, not three times a new interval
      assertThat(built.toBuilder().interval(Duration.ofSeconds(5)).build().guardWindow())
          .isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void theBuilderRefusesWhatTheRecordRefuses() {
      assertThatThrownBy(() -> SyncSettings.builder().interval(Duration.ZERO).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("interval must be positive");
      assertThatThrownBy(() -> SyncSettings.builder().interval(Duration.ofSeconds(-1)).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("interval must be positive");
      assertThatThrownBy(() -> SyncSettings.builder().guardWindow(Duration.ofSeconds(-1)).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("guard window must not be negative");
    }
  }
}
