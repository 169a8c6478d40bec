package io.kuberoute.core.report;

import static io.kuberoute.testkit.fixtures.Fixtures.cordoned;
import static io.kuberoute.testkit.fixtures.Fixtures.node;
import static io.kuberoute.testkit.fixtures.Fixtures.notReady;
import static io.kuberoute.testkit.fixtures.Fixtures.pod;
import static io.kuberoute.testkit.fixtures.Fixtures.routed;
import static io.kuberoute.testkit.fixtures.Fixtures.snapshot;
import static io.kuberoute.testkit.fixtures.Fixtures.withLabel;
import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.core.internal.routing.RouteResolver;
import io.kuberoute.core.model.ClusterSnapshot;
import io.kuberoute.core.routing.RouteSettings;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class StatusReportJsonTest {

  @Test
  void rendersTheOriginalSchemaSortedWithFourSpacesAndTheAdditions() {
    ClusterSnapshot s =
        snapshot(
            List.of(
                withLabel(
                    withLabel(routed("shop", "shop", "example.com"), "kuberoute_quota", "50"),
                    "kuberoute_failover",
                    "fo.example.org"),
                routed("api", "api", "example.com")),
            List.of(pod("p1", "shop", "n1"), pod("a1", "api", "n2")),
            List.of(
                node("n1", "10.0.0.1"),
                notReady(node("n2", "10.0.0.2")),
                cordoned(node("n3", "10.0.0.3"))));
    StatusReport report =
        new RouteResolver(RouteSettings.defaults())
            .resolve(s)
            .report(
                s,
                Optional.of(Instant.parse("2026-11-25T09:05:00Z")),
                List.of("service default/x: \"bad\" ünïcode\n"));

    assertThat(StatusReportJson.render(report))
        .isEqualTo(
            """
            {
                "apiserver_available": true,
                "deletions_held": [],
                "errors": [
                    "service default/x: \\"bad\\" \\u00fcn\\u00efcode\\n"
                ],
                "last_sync": "2026-11-25T09:05:00Z",
                "nodes": {
                    "n1": {
                        "ready": true,
                        "schedulable": true
                    },
                    "n2": {
                        "ready": false,
                        "schedulable": true
                    },
                    "n3": {
                        "ready": true,
                        "schedulable": false
                    }
                },
                "services": {
                    "api.example.com": {
                        "current_quota": 0,
                        "deletion_held": false,
                        "endpoints": [],
                        "failover_active": false,
                        "healthy": true,
                        "published": [],
                        "quota": 0,
                        "service": "default/api"
                    },
                    "shop.example.com": {
                        "current_quota": 33,
                        "deletion_held": false,
                        "endpoints": [
                            "10.0.0.1"
                        ],
                        "failover_active": true,
                        "healthy": false,
                        "published": [
                            {
                                "targets": [
                                    "fo.example.org"
                                ],
                                "ttl": 60,
                                "type": "CNAME"
                            }
                        ],
                        "quota": 50,
                        "service": "default/shop"
                    }
                }
            }""");
  }

  @Test
  void anEmptyUnavailableReportHasEmptyContainersAndNullLastSync() {
    assertThat(StatusReport.empty(false).toJson())
        .isEqualTo(
            """
            {
                "apiserver_available": false,
                "deletions_held": [],
                "errors": [],
                "last_sync": null,
                "nodes": {},
                "services": {}
            }""");
  }

  @Test
  void sameStateIgnoresTheTimeStamp() {
    StatusReport a =
        new StatusReport(
            true, new TreeMap<>(), new TreeMap<>(), Optional.of(Instant.EPOCH), List.of());
    StatusReport b =
        new StatusReport(
            true, new TreeMap<>(), new TreeMap<>(), Optional.of(Instant.now()), List.of());
    assertThat(a.sameStateAs(b)).isTrue();
    assertThat(a.sameStateAs(a.unavailable(List.of()))).isFalse();
  }
}
