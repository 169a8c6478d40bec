package io.kuberoute.core.internal.routing;

import static io.kuberoute.testkit.fixtures.Fixtures.cordoned;
import static io.kuberoute.testkit.fixtures.Fixtures.labels;
import static io.kuberoute.testkit.fixtures.Fixtures.node;
import static io.kuberoute.testkit.fixtures.Fixtures.notReady;
import static io.kuberoute.testkit.fixtures.Fixtures.phase;
import static io.kuberoute.testkit.fixtures.Fixtures.pod;
import static io.kuberoute.testkit.fixtures.Fixtures.service;
import static io.kuberoute.testkit.fixtures.Fixtures.snapshot;
import static io.kuberoute.testkit.fixtures.Fixtures.terminating;
import static io.kuberoute.testkit.fixtures.Fixtures.withLabel;
import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.NodeInfo;
import io.kuberoute.core.model.PodInfo;
import io.kuberoute.core.model.Readiness;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import io.kuberoute.core.model.Scheduling;
import io.kuberoute.core.model.ServiceInfo;
import io.kuberoute.core.model.ServiceRef;
import io.kuberoute.core.model.Termination;
import io.kuberoute.core.routing.LabelKeys;
import io.kuberoute.core.routing.NodeAddressMode;
import io.kuberoute.core.routing.RouteSettings;
import io.kuberoute.testkit.fixtures.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RouteResolverTest {

  private static final RouteResolver RESOLVER = new RouteResolver(RouteSettings.defaults());

  private static RouteSettings settings(
      NodeAddressMode mode, Set<String> types, Map<String, String> replacements) {
    return new RouteSettings(LabelKeys.DEFAULT, types, mode, 60, replacements);
  }

  private static Resolution resolve(
      List<ServiceInfo> services, List<PodInfo> pods, List<NodeInfo> nodes) {
    return RESOLVER.resolve(snapshot(services, pods, nodes));
  }

  private static Route only(Resolution r) {
    assertThat(r.problems()).isEmpty();
    assertThat(r.routes()).hasSize(1);
    return r.routes().get(0);
  }

  private static RecordSet a(String name, String... ips) {
    return RecordSet.of(DnsName.of(name), RecordType.A, 60, List.of(ips));
  }

  /**
   * The original test suite's fixtures (tests/test_service.py) in Java form. Deliberate change: the
   * original ignored node readiness, so its node fixture had no conditions; here the node is Ready,
   * because a NotReady node does not serve.
   */
  @Nested
  class OriginalSuite {
    final ServiceInfo testService =
        new ServiceInfo(
            "default",
            "testservice",
            "NodePort",
            labels(
                "label1", "value1",
                "kuberoute_domain", "domain",
                "kuberoute_name", "name",
                "kuberoute_failover", "failover.url"),
            Optional.of(Map.of("selectorlabel", "selectorvalue")));
    final PodInfo podInService =
        new PodInfo(
            "default",
            "in-service",
            Map.of("selectorlabel", "selectorvalue"),
            "Running",
            Readiness.READY,
            Termination.NOT_TERMINATING,
            Optional.empty(),
            Optional.of("1.0.0.0"));
    final PodInfo podNotInService =
        new PodInfo(
            "default",
            "not-in-service",
            Map.of("slabel2", "x"),
            "Running",
            Readiness.READY,
            Termination.NOT_TERMINATING,
            Optional.empty(),
            Optional.of("1.0.0.1"));
    final PodInfo podInOtherNamespace =
        new PodInfo(
            "not-default",
            "other-ns",
            Map.of("selectorlabel", "selectorvalue"),
            "Running",
            Readiness.READY,
            Termination.NOT_TERMINATING,
            Optional.empty(),
            Optional.of("1.0.0.1"));
    final NodeInfo node1 = node("node1", "1.0.0.0");
    final NodeInfo node2Cordoned = cordoned(node("node2", "1.0.0.1"));
    final NodeInfo node2 = node("node2", "1.0.0.1");

    // test 2: the service has the label; test 8: a NodePort service qualifies, one without type
    // does not
    @Test
    void test2And8_aLabelledNodePortServiceQualifiesAndOneWithoutTypeDoesNot() {
      assertThat(testService.labels()).containsKey("label1");
      assertThat(RESOLVER.qualifies(testService)).isTrue();
      ServiceInfo noType =
          new ServiceInfo("default", "x", "", testService.labels(), testService.selector());
      assertThat(RESOLVER.qualifies(noType)).isFalse();
    }

    // test 3: the selector has exactly one key
    @Test
    void test3_theSelectorHasExactlyOneKey() {
      assertThat(testService.selector()).contains(Map.of("selectorlabel", "selectorvalue"));
    }

    // test 4: the matching pod is included, the pod without the selector label is excluded
    @Test
    void test4_onlyPodsMatchingTheSelectorServe() {
      Route r =
          only(
              resolve(
                  List.of(testService),
                  List.of(podInService, podNotInService),
                  List.of(node1, node2)));
      assertThat(r.servingNodes()).isEqualTo(1);
      assertThat(r.endpoints()).containsExactly("1.0.0.0");
    }

    // test 5: no pods give nothing
    @Test
    void test5_noPodsServeNothing() {
      Route r = only(resolve(List.of(testService), List.of(), List.of(node1, node2)));
      assertThat(r.servingNodes()).isZero();
      assertThat(r.endpoints()).isEmpty();
    }

    // test 6: of [match, non-match, match in another namespace] exactly one is selected
    @Test
    void test6_podsOfOtherNamespacesDoNotServe() {
      Route r =
          only(
              resolve(
                  List.of(testService),
                  List.of(podInService, podNotInService, podInOtherNamespace),
                  List.of(node1, node2)));
      assertThat(r.servingNodes()).isEqualTo(1);
      assertThat(r.endpoints()).containsExactly("1.0.0.0");
    }

    // test 7: the address comes from the pod's host (its node's InternalIP when the node has no
    // ExternalIP)
    @Test
    void test7_theAddressIsTheHostsAddress() {
      Route r = only(resolve(List.of(testService), List.of(podInService), List.of(node1)));
      assertThat(r.endpoints()).containsExactly("1.0.0.0");
    }

    // test 9: nothing in, nothing out
    @Test
    void test9_noServicesPodsOrNodesGiveNoRoutes() {
      Resolution r = resolve(List.of(), List.of(), List.of());
      assertThat(r.routes()).isEmpty();
      assertThat(r.problems()).isEmpty();
      assertThat(r.desiredRecords()).isEmpty();
    }

    // test 10: the record for name.domain with the live address, the failover kept aside, quota 0
    @Test
    void test10_theServiceGetsItsRecord() {
      Route r =
          only(
              resolve(
                  List.of(testService),
                  List.of(podInService, podNotInService),
                  List.of(node1, node2Cordoned)));
      assertThat(r.fqdn()).isEqualTo(DnsName.of("name.domain"));
      assertThat(r.domain()).isEqualTo(DnsName.of("domain"));
      assertThat(r.endpoints()).containsExactly("1.0.0.0");
      assertThat(r.failover()).contains(new Failover.Host(DnsName.of("failover.url")));
      assertThat(r.quota()).isEqualTo(Quota.NONE);
      assertThat(r.decision()).isEqualTo(Decision.ADDRESSES);
      assertThat(r.records()).containsExactly(a("name.domain", "1.0.0.0"));
      assertThat(r.service()).isEqualTo(new ServiceRef("default", "testservice"));
    }

    // test 11: the name label is a template
    @Test
    void test11_theNameLabelIsRenderedFromTheReplacements() {
      ServiceInfo replace =
          withLabel(testService, "kuberoute_name", "_TEMPLATE_START_name_replace_TEMPLATE_END_");
      RouteResolver resolver =
          new RouteResolver(
              settings(NodeAddressMode.AUTO, Set.of("NodePort"), Map.of("name_replace", "name")));
      Route r =
          only(
              resolver.resolve(
                  snapshot(
                      List.of(replace), List.of(podInService), List.of(node1, node2Cordoned))));
      assertThat(r.fqdn()).isEqualTo(DnsName.of("name.domain"));
      assertThat(r.records()).containsExactly(a("name.domain", "1.0.0.0"));
    }

    // tests 12-15: running and ready
    @Test
    void test12To15_aPodIsLiveOnlyWhenRunningAndReady() {
      assertThat(phase(podInService, "Terminating").isRunning()).isFalse();
      assertThat(podInService.isRunning()).isTrue();
      assertThat(RouteResolver.isLivePod(Fixtures.notReady(podInService))).isFalse();
      assertThat(RouteResolver.isLivePod(podInService)).isTrue();
    }
  }

  @Nested
  class Liveness {
    final ServiceInfo shop = Fixtures.routed("shop", "shop", "example.com");

    @Test
    void aLivePodOnACordonedNodeDoesNotCount() {
      Route r =
          only(
              resolve(
                  List.of(shop),
                  List.of(pod("p1", "shop", "n1")),
                  List.of(cordoned(node("n1", "10.0.0.1")))));
      assertThat(r.servingNodes()).isZero();
      assertThat(r.records()).isEmpty();
    }

    @Test
    void aLivePodOnANotReadyNodeDoesNotCount() {
      Route r =
          only(
              resolve(
                  List.of(shop),
                  List.of(pod("p1", "shop", "n1")),
                  List.of(Fixtures.notReady(node("n1", "10.0.0.1")))));
      assertThat(r.servingNodes()).isZero();
    }

    @Test
    void terminatingNotReadyAndNotRunningPodsDoNotCount() {
      List<NodeInfo> nodes =
          List.of(
              node("n1", "10.0.0.1"),
              node("n2", "10.0.0.2"),
              node("n3", "10.0.0.3"),
              node("n4", "10.0.0.4"));
      List<PodInfo> pods =
          List.of(
              terminating(pod("p1", "shop", "n1")),
              notReady(pod("p2", "shop", "n2")),
              phase(pod("p3", "shop", "n3"), "Pending"),
              pod("p4", "shop", "n4"));
      Route r = only(resolve(List.of(shop), pods, nodes));
      assertThat(r.endpoints()).containsExactly("10.0.0.4");
    }

    @Test
    void aPodOnAnUnknownNodeDoesNotCountAndDoesNotCrash() {
      Route r =
          only(
              resolve(
                  List.of(shop),
                  List.of(pod("p1", "shop", "gone")),
                  List.of(node("n1", "10.0.0.1"))));
      assertThat(r.servingNodes()).isZero();
    }

    @Test
    void severalPodsOnOneNodeCountOnce() {
      Route r =
          only(
              resolve(
                  List.of(shop),
                  List.of(pod("p1", "shop", "n1"), pod("p2", "shop", "n1")),
                  List.of(node("n1", "10.0.0.1"), node("n2", "10.0.0.2"))));
      assertThat(r.servingNodes()).isEqualTo(1);
      assertThat(r.currentQuota()).isEqualTo(50.0);
    }

    @Test
    void aServiceWithoutSelectorHasNoPods() {
      ServiceInfo manual =
          new ServiceInfo("default", "shop", "NodePort", shop.labels(), Optional.empty());
      Route r =
          only(
              resolve(
                  List.of(manual),
                  List.of(pod("p1", "shop", "n1")),
                  List.of(node("n1", "10.0.0.1"))));
      assertThat(r.servingNodes()).isZero();
    }

    @Test
    void aPodIsMatchedToItsNodeByHostIpWhenItHasNoNodeName() {
      PodInfo byHostIp =
          new PodInfo(
              "default",
              "p1",
              Map.of("app", "shop"),
              "Running",
              Readiness.READY,
              Termination.NOT_TERMINATING,
              Optional.empty(),
              Optional.of("10.0.0.2"));
      Route r =
          only(
              resolve(
                  List.of(shop),
                  List.of(byHostIp),
                  List.of(node("n1", "10.0.0.1"), node("n2", "10.0.0.2", "198.51.100.2"))));
      assertThat(r.endpoints()).containsExactly("198.51.100.2");
    }
  }

  @Nested
  class Selection {
    @Test
    void onlyConfiguredServiceTypesWithBothLabelsQualify() {
      ServiceInfo nodePort = Fixtures.routed("a", "a", "example.com");
      ServiceInfo lb =
          new ServiceInfo("default", "b", "LoadBalancer", nodePort.labels(), nodePort.selector());
      ServiceInfo clusterIp =
          new ServiceInfo("default", "c", "ClusterIP", nodePort.labels(), nodePort.selector());
      ServiceInfo onlyDomain = service("default", "d", labels("kuberoute_domain", "example.com"));
      ServiceInfo onlyName = service("default", "e", labels("kuberoute_name", "e"));

      assertThat(
              List.of(nodePort, lb, clusterIp, onlyDomain, onlyName).stream()
                  .filter(RESOLVER::qualifies))
          .containsExactly(nodePort);
      RouteResolver wide =
          new RouteResolver(
              settings(NodeAddressMode.AUTO, Set.of("NodePort", "LoadBalancer"), Map.of()));
      assertThat(List.of(nodePort, lb, clusterIp).stream().filter(wide::qualifies))
          .containsExactly(nodePort, lb);
    }

    @Test
    void anEmptyLabelValueStillQualifiesButFailsAsAName() {
      ServiceInfo empty =
          service("default", "e", labels("kuberoute_domain", "example.com", "kuberoute_name", ""));
      Resolution r = resolve(List.of(empty), List.of(), List.of());
      assertThat(r.routes()).isEmpty();
      assertThat(r.problems())
          .singleElement()
          .satisfies(p -> assertThat(p.reason()).isEqualTo(ServiceProblem.Reason.InvalidDnsName));
    }
  }

  @Nested
  class Addresses {
    final ServiceInfo shop = Fixtures.routed("shop", "shop", "example.com");
    final List<NodeInfo> nodes =
        List.of(node("n1", "10.0.0.1", "198.51.100.1"), node("n2", "10.0.0.2"));
    final List<PodInfo> pods = List.of(pod("p1", "shop", "n1"), pod("p2", "shop", "n2"));

    @Test
    void autoPublishesExternalAddressesElseInternalOnes() {
      assertThat(only(resolve(List.of(shop), pods, nodes)).endpoints())
          .containsExactly("10.0.0.2", "198.51.100.1");
    }

    @Test
    void internalAndExternalModesPublishOnlyThatKind() {
      RouteResolver internal =
          new RouteResolver(settings(NodeAddressMode.INTERNAL, Set.of("NodePort"), Map.of()));
      RouteResolver external =
          new RouteResolver(settings(NodeAddressMode.EXTERNAL, Set.of("NodePort"), Map.of()));
      assertThat(only(internal.resolve(snapshot(List.of(shop), pods, nodes))).endpoints())
          .containsExactly("10.0.0.1", "10.0.0.2");
      Route ext = only(external.resolve(snapshot(List.of(shop), pods, nodes)));
      assertThat(ext.endpoints()).containsExactly("198.51.100.1");
      assertThat(ext.servingNodes()).isEqualTo(2);
    }

    @Test
    void ipv6AddressesGoIntoAnAaaaRecordBesideTheARecord() {
      List<NodeInfo> dual =
          List.of(
              new NodeInfo(
                  "n1",
                  List.of("10.0.0.1"),
                  List.of("198.51.100.1", "2001:DB8::1"),
                  Scheduling.SCHEDULABLE,
                  Readiness.READY));
      Route r = only(resolve(List.of(shop), List.of(pod("p1", "shop", "n1")), dual));
      assertThat(r.records())
          .containsExactly(
              a("shop.example.com", "198.51.100.1"),
              RecordSet.of(
                  DnsName.of("shop.example.com"), RecordType.AAAA, 60, List.of("2001:db8::1")));
    }

    @Test
    void theTtlComesFromTheSettings() {
      RouteResolver ttl300 =
          new RouteResolver(
              new RouteSettings(
                  LabelKeys.DEFAULT, Set.of("NodePort"), NodeAddressMode.AUTO, 300, Map.of()));
      assertThat(only(ttl300.resolve(snapshot(List.of(shop), pods, nodes))).records().get(0).ttl())
          .isEqualTo(300);
    }
  }

  /** Every row of the failover decision table, with 4 nodes. */
  @Nested
  class DecisionTable {
    final List<NodeInfo> four =
        List.of(
            node("n1", "10.0.0.1"),
            node("n2", "10.0.0.2"),
            node("n3", "10.0.0.3"),
            node("n4", "10.0.0.4"));

    ServiceInfo svc(String quota, String failover) {
      ServiceInfo s = Fixtures.routed("shop", "shop", "example.com");
      if (quota != null) {
        s = withLabel(s, "kuberoute_quota", quota);
      }
      if (failover != null) {
        s = withLabel(s, "kuberoute_failover", failover);
      }
      return s;
    }

    Route route(ServiceInfo s, PodInfo... pods) {
      return only(resolve(List.of(s), List.of(pods), four));
    }

    @Test
    void quotaMetWithAddressesPublishesTheAddresses() {
      Route r =
          route(svc("50", "fo.example.com"), pod("p1", "shop", "n1"), pod("p2", "shop", "n2"));
      assertThat(r.decision()).isEqualTo(Decision.ADDRESSES);
      assertThat(r.records()).containsExactly(a("shop.example.com", "10.0.0.1", "10.0.0.2"));
    }

    @Test
    void quotaMetWithoutAddressesButAFailoverPublishesTheFailover() {
      Route r = route(svc(null, "fo.example.com"));
      assertThat(r.quotaMet()).isTrue();
      assertThat(r.decision()).isEqualTo(Decision.FAILOVER);
      assertThat(r.records())
          .containsExactly(
              RecordSet.of(
                  DnsName.of("shop.example.com"), RecordType.CNAME, 60, List.of("fo.example.com")));
    }

    @Test
    void quotaMissedWithAFailoverPublishesTheFailoverWhetherOrNotAddressesRemain() {
      assertThat(route(svc("50", "fo.example.com"), pod("p1", "shop", "n1")).decision())
          .isEqualTo(Decision.FAILOVER);
      assertThat(route(svc("50", "fo.example.com")).decision()).isEqualTo(Decision.FAILOVER);
    }

    @Test
    void quotaMissedWithoutFailoverKeepsTheRemainingAddresses() {
      Route r = route(svc("50", null), pod("p1", "shop", "n1"));
      assertThat(r.decision()).isEqualTo(Decision.REMAINING_ADDRESSES);
      assertThat(r.records()).containsExactly(a("shop.example.com", "10.0.0.1"));
    }

    @Test
    void quotaMissedWithNeitherAddressesNorFailoverPublishesNothing() {
      Route r = route(svc("50", null));
      assertThat(r.decision()).isEqualTo(Decision.NONE);
      assertThat(r.records()).isEmpty();
    }

    @Test
    void quotaMetWithNeitherAddressesNorFailoverPublishesNothing() {
      Route r = route(svc("0", null));
      assertThat(r.quotaMet()).isTrue();
      assertThat(r.decision()).isEqualTo(Decision.NONE);
      assertThat(r.records()).isEmpty();
    }

    @Test
    void quotaBoundaryTwoOfFourMeetsFiftyOneOfFourDoesNot() {
      Route two =
          route(svc("50", "fo.example.com"), pod("p1", "shop", "n1"), pod("p2", "shop", "n2"));
      Route one = route(svc("50", "fo.example.com"), pod("p1", "shop", "n1"));
      assertThat(two.quotaMet()).isTrue();
      assertThat(two.currentQuota()).isEqualTo(50.0);
      assertThat(one.quotaMet()).isFalse();
      assertThat(one.currentQuota()).isEqualTo(25.0);
    }

    @Test
    void anIpFailoverIsAnARecordAndAHostnameFailoverACname() {
      assertThat(route(svc("100", "10.9.9.9")).records())
          .containsExactly(a("shop.example.com", "10.9.9.9"));
      assertThat(route(svc("100", "backup.example.org")).records())
          .containsExactly(
              RecordSet.of(
                  DnsName.of("shop.example.com"),
                  RecordType.CNAME,
                  60,
                  List.of("backup.example.org")));
    }

    @Test
    void anEmptyFailoverLabelCountsAsNoFailover() {
      Route r = route(svc("50", ""), pod("p1", "shop", "n1"));
      assertThat(r.failover()).isEmpty();
      assertThat(r.decision()).isEqualTo(Decision.REMAINING_ADDRESSES);
    }

    @Test
    void servingNodesWithoutAnAddressUnderTheModeMeetTheQuotaButPublishTheFailover() {
      RouteResolver external =
          new RouteResolver(settings(NodeAddressMode.EXTERNAL, Set.of("NodePort"), Map.of()));
      Route r =
          only(
              external.resolve(
                  snapshot(
                      List.of(svc("100", "fo.example.com")),
                      List.of(pod("p1", "shop", "n1")),
                      List.of(node("n1", "10.0.0.1")))));
      assertThat(r.quotaMet()).isTrue();
      assertThat(r.endpoints()).isEmpty();
      assertThat(r.decision()).isEqualTo(Decision.FAILOVER);
    }

    @Test
    void zeroNodesMeetOnlyQuotaZero() {
      Route q0 = only(resolve(List.of(svc("0", null)), List.of(), List.of()));
      Route q1 = only(resolve(List.of(svc("1", null)), List.of(), List.of()));
      assertThat(q0.quotaMet()).isTrue();
      assertThat(q1.quotaMet()).isFalse();
      assertThat(q1.currentQuota()).isZero();
    }
  }

  /** The worked examples of the behaviour specification (§4.8), 4 nodes. */
  @Nested
  class WorkedExamples {
    final NodeInfo n1 = node("n1", "10.0.0.1");
    final NodeInfo n2 = node("n2", "10.0.0.2");
    final NodeInfo n3 = node("n3", "10.0.0.3");
    final NodeInfo n4 = node("n4", "10.0.0.4");
    final List<PodInfo> pods =
        List.of(pod("a", "shop", "n1"), pod("b", "shop", "n1"), pod("c", "shop", "n2"));
    final ServiceInfo withFailover =
        withLabel(
            withLabel(Fixtures.routed("shop", "shop", "example.com"), "kuberoute_quota", "50"),
            "kuberoute_failover",
            "fo.example.com");

    @Test
    void twoOfFourNodesMeetQuotaFifty() {
      assertThat(only(resolve(List.of(withFailover), pods, List.of(n1, n2, n3, n4))).records())
          .containsExactly(a("shop.example.com", "10.0.0.1", "10.0.0.2"));
    }

    @Test
    void withN2CordonedTheFailoverIsPublished() {
      assertThat(
              only(resolve(List.of(withFailover), pods, List.of(n1, cordoned(n2), n3, n4)))
                  .records())
          .containsExactly(
              RecordSet.of(
                  DnsName.of("shop.example.com"), RecordType.CNAME, 60, List.of("fo.example.com")));
    }

    @Test
    void withoutAFailoverTheRemainingAddressIsPublished() {
      ServiceInfo noFailover =
          withLabel(Fixtures.routed("shop", "shop", "example.com"), "kuberoute_quota", "50");
      assertThat(
              only(resolve(List.of(noFailover), pods, List.of(n1, cordoned(n2), n3, n4))).records())
          .containsExactly(a("shop.example.com", "10.0.0.1"));
    }

    @Test
    void noQuotaAndAllPodsNotReadyPublishesAnIpFailover() {
      ServiceInfo s =
          withLabel(
              Fixtures.routed("shop", "shop", "example.com"), "kuberoute_failover", "10.9.9.9");
      List<PodInfo> notReady = pods.stream().map(Fixtures::notReady).toList();
      assertThat(only(resolve(List.of(s), notReady, List.of(n1, n2, n3, n4))).records())
          .containsExactly(a("shop.example.com", "10.9.9.9"));
    }
  }

  @Nested
  class Problems {
    final NodeInfo n1 = node("n1", "10.0.0.1");
    final ServiceInfo good = Fixtures.routed("good", "good", "example.com");

    ServiceProblem problemOf(ServiceInfo bad) {
      Resolution r = resolve(List.of(bad, good), List.of(pod("g", "good", "n1")), List.of(n1));
      // one bad service never blocks the others
      assertThat(r.routes())
          .extracting(Route::fqdn)
          .containsExactly(DnsName.of("good.example.com"));
      assertThat(r.problems()).hasSize(1);
      return r.problems().get(0);
    }

    @Test
    void aQuotaThatIsNotAWholeNumberIsAProblemOfThatServiceOnly() {
      ServiceProblem p =
          problemOf(
              withLabel(Fixtures.routed("bad", "bad", "example.com"), "kuberoute_quota", "80%"));
      assertThat(p.reason()).isEqualTo(ServiceProblem.Reason.InvalidQuota);
      assertThat(p.message())
          .isEqualTo("label kuberoute_quota: quota '80%' is not a whole number 0..100");
      assertThat(p.fqdn()).contains(DnsName.of("bad.example.com"));
      assertThat(p.service()).isEqualTo(new ServiceRef("default", "bad"));
    }

    @Test
    void aQuotaAboveHundredIsAProblem() {
      assertThat(
              problemOf(
                      withLabel(
                          Fixtures.routed("bad", "bad", "example.com"), "kuberoute_quota", "120"))
                  .message())
          .isEqualTo("label kuberoute_quota: quota '120' is not a whole number 0..100");
    }

    @Test
    void anUnknownTemplateKeyIsAProblem() {
      ServiceProblem p =
          problemOf(Fixtures.routed("bad", "x_TEMPLATE_START_nope_TEMPLATE_END_x", "example.com"));
      assertThat(p.reason()).isEqualTo(ServiceProblem.Reason.InvalidTemplate);
      assertThat(p.message())
          .isEqualTo(
              "unknown template key 'nope' in 'x_TEMPLATE_START_nope_TEMPLATE_END_x' (defined in [replacements]: none)");
      assertThat(p.fqdn()).isEmpty();
    }

    @Test
    void anInvalidNameIsAProblem() {
      ServiceProblem p = problemOf(Fixtures.routed("bad", "shop-", "example.com"));
      assertThat(p.reason()).isEqualTo(ServiceProblem.Reason.InvalidDnsName);
      assertThat(p.message())
          .isEqualTo(
              "labels kuberoute_name='shop-' and kuberoute_domain='example.com' do not form a valid DNS name: "
                  + "invalid DNS name 'shop-.example.com': label 'shop-' starts or ends with '-'");
    }

    @Test
    void anInvalidFailoverIsAProblem() {
      ServiceProblem p =
          problemOf(
              withLabel(
                  Fixtures.routed("bad", "bad", "example.com"),
                  "kuberoute_failover",
                  "fo..example.com"));
      assertThat(p.reason()).isEqualTo(ServiceProblem.Reason.InvalidFailover);
      assertThat(p.message())
          .isEqualTo(
              "label kuberoute_failover: failover 'fo..example.com' is neither an IP address nor a valid DNS name: "
                  + "invalid DNS name 'fo..example.com': empty label");
      assertThat(p.fqdn()).contains(DnsName.of("bad.example.com"));
    }

    @Test
    void theFirstServiceByNamespaceAndNameWinsADuplicateName() {
      ServiceInfo first = Fixtures.routed("a-first", "shop", "example.com");
      ServiceInfo second = Fixtures.routed("b-second", "shop", "example.com");
      Resolution r = resolve(List.of(second, first), List.of(), List.of(n1));
      assertThat(r.routes())
          .extracting(Route::service)
          .containsExactly(new ServiceRef("default", "a-first"));
      assertThat(r.problems())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.service()).isEqualTo(new ServiceRef("default", "b-second"));
                assertThat(p.reason()).isEqualTo(ServiceProblem.Reason.DuplicateName);
                assertThat(p.message())
                    .isEqualTo(
                        "name shop.example.com is already claimed by service default/a-first (the first by namespace/name wins)");
                assertThat(p.fqdn()).isEmpty();
              });
    }

    @Test
    void templatedDomainAndFailoverAreRendered() {
      RouteResolver resolver =
          new RouteResolver(
              settings(
                  NodeAddressMode.AUTO,
                  Set.of("NodePort"),
                  Map.of("zone", "prod", "fo", "backup")));
      ServiceInfo s =
          withLabel(
              Fixtures.routed("s", "shop", "a_TEMPLATE_START_zone_TEMPLATE_END_.example.com"),
              "kuberoute_failover",
              "x_TEMPLATE_START_fo_TEMPLATE_END_.example.org");
      Route r = only(resolver.resolve(snapshot(List.of(s), List.of(), List.of(n1))));
      assertThat(r.fqdn()).isEqualTo(DnsName.of("shop.aprod.example.com"));
      assertThat(r.failover()).contains(new Failover.Host(DnsName.of("xbackup.example.org")));
    }
  }
}
