package io.kuberoute.core.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.net.InetAddresses;
import io.kuberoute.core.model.ClusterSnapshot;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import io.kuberoute.core.model.ServiceInfo;
import io.kuberoute.core.routing.LabelKeys;
import io.kuberoute.core.routing.NodeAddressMode;
import io.kuberoute.core.routing.RouteSettings;
import io.kuberoute.core.template.Template;
import io.kuberoute.testkit.fixtures.Fixtures;
import io.kuberoute.testkit.fuzz.Fuzz;
import io.kuberoute.testkit.fuzz.FuzzText;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The route resolver's label handling on 10,000 generated values per property: the quota, the
 * failover, templates in labels, and a whole service with all of them. A bad label is a problem of
 * that service, never an exception out of the resolver.
 */
class FuzzLabelsTest {

  private static final List<String> NUMBER_TOKENS =
      List.of(
          "0", "1", "9", "10", "50", "99", "100", "101", "007", "1000", " ", "+", "-", ".", "e",
          "\u0661", "\uff11", "\u00b2");
  private static final List<String> TARGET_TOKENS =
      List.of(
          "1",
          "2",
          "10",
          "255",
          "256",
          "0",
          ".",
          ":",
          "::",
          "ffff",
          "fe80",
          "%",
          "eth0",
          "%25",
          "[",
          "]",
          "/",
          "/24",
          "-",
          "a",
          "example",
          "com",
          "0x1",
          "01",
          "1.2.3.4",
          "::1",
          "::ffff:1.2.3.4",
          "2001:db8::1",
          " ",
          "fe80::1%lo",
          "fe80::1%1",
          "1.2.3.4%0",
          "\u212a",
          "_");

  private static String quotas(SplittableRandom r) {
    return r.nextInt(8) == 0
        ? FuzzText.chars(r, FuzzText.ASCII, FuzzText.length(r, 1000))
        : FuzzText.from(r, NUMBER_TOKENS, "0123456789 ", 4);
  }

  private static String targets(SplittableRandom r) {
    return r.nextInt(8) == 0
        ? FuzzText.chars(r, FuzzText.ASCII, FuzzText.length(r, 1000))
        : FuzzText.from(r, TARGET_TOKENS, "0123456789abcdef.:", 8);
  }

  @Test
  void aQuotaLabelIsAWholeNumberFrom0To100OrTheTypedError() {
    // Its message shows the value whole (a template can make it long): see docs/hardening-notes.md.
    Fuzz.text("Quota.parse", FuzzLabelsTest::quotas)
        .allowing(IllegalArgumentException.class)
        .check(
            text -> {
              String v = text.strip();
              boolean digits =
                  !v.isEmpty() && v.length() <= 3 && v.chars().allMatch(c -> c >= '0' && c <= '9');
              boolean expected = digits && Integer.parseInt(v) <= 100;
              Quota q = Quota.parse(text);
              assertThat(expected).as("accepted: " + Fuzz.quoted(text)).isTrue();
              assertThat(q.percent()).isEqualTo(Integer.parseInt(v));
            });
  }

  @Test
  void aFailoverIsAnAddressOrAHostThatCanBePublishedOrTheTypedError() {
    DnsName at = DnsName.of("shop.example.com");
    Fuzz.text("Failover.parse", FuzzLabelsTest::targets)
        .allowing(IllegalArgumentException.class)
        .check(
            text -> {
              Failover f = Failover.parse(text);
              RecordSet record = f.recordAt(at, 60); // must not throw: it is built during a sync
              assertThat(record.name()).isEqualTo(at);
              if (f instanceof Failover.Address a) {
                assertThat(InetAddresses.isInetAddress(a.target())).isTrue();
                assertThat(record.type()).isIn(RecordType.A, RecordType.AAAA);
                assertThat(record.targets()).containsExactly(a.target());
              } else {
                assertThat(record.type()).isEqualTo(RecordType.CNAME);
                assertThat(DnsName.isValid(f.target())).isTrue();
              }
            });
  }

  /**
   * A service whose four labels are generated, with templates and replacements, and a cluster
   * around it.
   */
  record Case(
      Map<String, String> labels, Map<String, String> replacements, boolean podLive, int nodes) {}

  private static String labelValue(SplittableRandom r, List<String> keys) {
    return switch (r.nextInt(6)) {
      case 0 -> Template.START + FuzzText.oneOf(r, keys.toArray(String[]::new)) + Template.END;
      case 1 ->
          "x"
              + Template.START
              + FuzzText.oneOf(r, keys.toArray(String[]::new))
              + Template.END
              + ".example.com";
      case 2 ->
          FuzzText.from(r, List.of(Template.START, Template.END, "a", ".", "-", "k"), "abc.-_", 6);
      case 3 -> targets(r);
      default ->
          FuzzText.from(
              r, List.of("shop", "example", "com", ".", "-", "_", "a".repeat(63)), "abc", 5);
    };
  }

  private static Case cases(SplittableRandom r) {
    List<String> keys = List.of("stage", "fo", "q", "missing", "");
    Map<String, String> replacements = new HashMap<>();
    for (String key : List.of("stage", "fo", "q")) {
      if (r.nextInt(4) > 0) {
        replacements.put(key, r.nextBoolean() ? targets(r) : quotas(r));
      }
    }
    Map<String, String> labels = new HashMap<>();
    LabelKeys k = LabelKeys.DEFAULT;
    labels.put(k.domain(), labelValue(r, keys));
    labels.put(k.name(), labelValue(r, keys));
    if (r.nextBoolean()) {
      labels.put(k.failover(), r.nextBoolean() ? targets(r) : labelValue(r, keys));
    }
    if (r.nextBoolean()) {
      labels.put(k.quota(), r.nextBoolean() ? quotas(r) : labelValue(r, keys));
    }
    return new Case(labels, replacements, r.nextBoolean(), r.nextInt(3));
  }

  @Test
  void aServiceWithAnyLabelsResolvesToARouteOrAProblemOfItsOwn() {
    Fuzz.of("RouteResolver labels", FuzzLabelsTest::cases)
        .check(
            c -> {
              RouteResolver resolver =
                  new RouteResolver(
                      new RouteSettings(
                          LabelKeys.DEFAULT,
                          Set.of("NodePort"),
                          NodeAddressMode.AUTO,
                          60,
                          c.replacements()));
              ServiceInfo service = Fixtures.service("default", "svc", c.labels());
              List<io.kuberoute.core.model.NodeInfo> nodes =
                  c.nodes() == 0
                      ? List.of()
                      : List.of(Fixtures.node("n1", "10.0.0.1"), Fixtures.node("n2", "10.0.0.2"))
                          .subList(0, c.nodes());
              List<io.kuberoute.core.model.PodInfo> pods =
                  c.podLive() && c.nodes() > 0
                      ? List.of(Fixtures.pod("svc-1", "svc", "n1"))
                      : List.of();
              Resolution resolution =
                  resolver.resolve(new ClusterSnapshot(List.of(service), pods, nodes, true));
              assertThat(resolution.routes().size() + resolution.problems().size()).isEqualTo(1);
              for (Route route : resolution.routes()) {
                assertThat(route.fqdn().isWithin(route.domain())).isTrue();
                assertThat(route.records()).allMatch(rs -> rs.name().equals(route.fqdn()));
              }
            });
  }

  @Test
  void theResolutionOfAServiceDoesNotDependOnItsNeighbours() {
    Fuzz.of("RouteResolver neighbours", r -> List.of(cases(r), cases(r)))
        .tries(2_000)
        .check(
            pair -> {
              Map<String, String> replacements = new HashMap<>(pair.get(0).replacements());
              RouteResolver resolver =
                  new RouteResolver(
                      new RouteSettings(
                          LabelKeys.DEFAULT,
                          Set.of("NodePort"),
                          NodeAddressMode.AUTO,
                          60,
                          replacements));
              ServiceInfo good = Fixtures.routed("good", "good", "example.org");
              ServiceInfo fuzzed = Fixtures.service("default", "svc", pair.get(1).labels());
              List<io.kuberoute.core.model.NodeInfo> nodes =
                  List.of(Fixtures.node("n1", "10.0.0.1"));
              Resolution both =
                  resolver.resolve(
                      new ClusterSnapshot(
                          List.of(good, fuzzed),
                          List.of(Fixtures.pod("good-1", "good", "n1")),
                          nodes,
                          true));
              assertThat(both.routes())
                  .filteredOn(route -> route.service().name().equals("good"))
                  .singleElement()
                  .satisfies(
                      route ->
                          assertThat(route.records())
                              .containsExactly(
                                  RecordSet.of(
                                      DnsName.of("good.example.org"),
                                      RecordType.A,
                                      60,
                                      List.of("10.0.0.1"))));
            });
  }
}
