package io.kuberoute.faults;

import static io.kuberoute.testkit.fixtures.Fixtures.labels;
import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.core.app.SyncError;
import io.kuberoute.core.app.SyncResult;
import io.kuberoute.core.app.SyncService;
import io.kuberoute.core.app.SyncSettings;
import io.kuberoute.core.app.SyncTrigger;
import io.kuberoute.core.model.CurrentRecord;
import io.kuberoute.core.model.Ownership;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import io.kuberoute.core.model.ServiceInfo;
import io.kuberoute.core.plan.PlanSettings;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.core.routing.LabelKeys;
import io.kuberoute.core.routing.NodeAddressMode;
import io.kuberoute.core.routing.RouteSettings;
import io.kuberoute.dns.fake.PrintingDnsBackend;
import io.kuberoute.dns.skydns.SkyDnsDnsBackend;
import io.kuberoute.testkit.etcd.EtcdExtension;
import io.kuberoute.testkit.fixtures.Fixtures;
import io.kuberoute.testkit.fixtures.InMemoryDnsBackend;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fault 4: 1,000 services, 100 of them poison (20 each of an invalid quota, an invalid template,
 * labels that form no DNS name, an invalid failover, and a name another service already claims),
 * synced with the in-memory backend, the printing backend ({@code fakedns}) and SkyDNS on etcd.
 */
class PoisonServicesFaultIT {

  private static final Logger log = LoggerFactory.getLogger(PoisonServicesFaultIT.class);

  private static final int GOOD = 900;
  private static final int BAD = 100;
  private static final String ZONE_TEMPLATE = "_TEMPLATE_START_zone_TEMPLATE_END_";

  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();

  /** A good service and the one record set it must publish. */
  private record Good(ServiceInfo service, RecordSet record) {}

  /** A poison service, its reason and the exact message of its problem. */
  private record Poison(ServiceInfo service, String reason, String message) {
    String logLine() {
      return "service " + service.ref() + ": " + message + " (" + reason + ")";
    }

    SyncError error() {
      return new SyncError(
          SyncError.Cause.SERVICE,
          service.ref().toString(),
          "service " + service.ref() + ": " + message);
    }
  }

  enum Backend {
    IN_MEMORY,
    PRINTING,
    SKYDNS
  }

  private static SyncSettings settings() {
    RouteSettings route =
        new RouteSettings(
            LabelKeys.DEFAULT,
            RouteSettings.DEFAULT_SERVICE_TYPES,
            NodeAddressMode.AUTO,
            60,
            Map.of("zone", "example.org"));
    return new SyncSettings(
        route, PlanSettings.defaults(), Optional.empty(), Duration.ofSeconds(60), false);
  }

  /**
   * Even services in example.com, odd ones in example.org through a template of the domain label.
   */
  private static String domainLabel(int i) {
    return i % 2 == 0 ? "example.com" : ZONE_TEMPLATE;
  }

  private static String domain(int i) {
    return i % 2 == 0 ? "example.com" : "example.org";
  }

  /**
   * Good service {@code svc-i}: pods on n1 and n2 (A), or on n3 (A), or quota 75 % with a pod on n4
   * only of four nodes (25 %) and a failover host (CNAME), in turn.
   */
  private static List<Good> good() {
    List<Good> out = new ArrayList<>();
    for (int i = 0; i < GOOD; i++) {
      String s = "svc-%03d".formatted(i);
      String fqdn = s + "." + domain(i);
      ServiceInfo service;
      RecordSet record;
      switch (i % 3) {
        case 0 -> {
          service =
              Fixtures.service(
                  "default", s, labels("kuberoute_domain", domainLabel(i), "kuberoute_name", s));
          record = RecordSet.of(fqdn, RecordType.A, 60, "10.0.0.1", "10.0.0.2");
        }
        case 1 -> {
          service =
              Fixtures.service(
                  "default", s, labels("kuberoute_domain", domainLabel(i), "kuberoute_name", s));
          record = RecordSet.of(fqdn, RecordType.A, 60, "10.0.0.3");
        }
        default -> {
          service =
              Fixtures.service(
                  "default",
                  s,
                  labels(
                      "kuberoute_domain",
                      domainLabel(i),
                      "kuberoute_name",
                      s,
                      "kuberoute_quota",
                      "75",
                      "kuberoute_failover",
                      "backup-" + i + ".example.net"));
          record = RecordSet.of(fqdn, RecordType.CNAME, 60, "backup-" + i + ".example.net");
        }
      }
      out.add(new Good(service, record));
    }
    return out;
  }

  private static List<Integer> podsOfGood(int i) {
    return switch (i % 3) {
      case 0 -> List.of(1, 2);
      case 1 -> List.of(3);
      default -> List.of(4);
    };
  }

  private static final List<String> BAD_QUOTAS = List.of("abc", "101", "-5", "50%", "7.5");

  /** Poison service {@code web/bad-k}, its kind chosen by {@code k % 5}, two variants of each. */
  private static List<Poison> poison() {
    List<Poison> out = new ArrayList<>();
    for (int k = 0; k < BAD; k++) {
      String s = "bad-%02d".formatted(k);
      boolean variant = (k / 5) % 2 == 0;
      out.add(
          switch (k % 5) {
            case 0 -> {
              String quota = BAD_QUOTAS.get((k / 5) % BAD_QUOTAS.size());
              yield new Poison(
                  svc(
                      s,
                      "kuberoute_domain",
                      "example.com",
                      "kuberoute_name",
                      s,
                      "kuberoute_quota",
                      quota),
                  "InvalidQuota",
                  "label kuberoute_quota: quota '" + quota + "' is not a whole number 0..100");
            }
            case 1 ->
                variant
                    ? new Poison(
                        svc(
                            s,
                            "kuberoute_domain",
                            "example.com",
                            "kuberoute_name",
                            s + "-_TEMPLATE_START_region_TEMPLATE_END_"),
                        "InvalidTemplate",
                        "unknown template key 'region' in '"
                            + s
                            + "-_TEMPLATE_START_region_TEMPLATE_END_' (defined in"
                            + " [replacements]: zone)")
                    : new Poison(
                        svc(s, "kuberoute_domain", "_TEMPLATE_START_zone", "kuberoute_name", s),
                        "InvalidTemplate",
                        "malformed template '_TEMPLATE_START_zone': _TEMPLATE_START_ at position 0 is not closed by"
                            + " _TEMPLATE_END_");
            case 2 ->
                variant
                    ? new Poison(
                        svc(
                            s,
                            "kuberoute_domain",
                            "example.com",
                            "kuberoute_name",
                            "bad name " + k),
                        "InvalidDnsName",
                        "labels kuberoute_name='bad name "
                            + k
                            + "' and kuberoute_domain='example.com' do not form a valid"
                            + " DNS name: invalid DNS name 'bad name "
                            + k
                            + ".example.com': character ' ' is not allowed"
                            + " (letters, digits, '-' and '_' only)")
                    : new Poison(
                        svc(s, "kuberoute_domain", "example.com", "kuberoute_name", "-" + s),
                        "InvalidDnsName",
                        "labels kuberoute_name='-"
                            + s
                            + "' and kuberoute_domain='example.com' do not form a valid DNS name:"
                            + " invalid DNS name '-"
                            + s
                            + ".example.com': label '-"
                            + s
                            + "' starts or ends with '-'");
            case 3 ->
                variant
                    ? new Poison(
                        svc(
                            s,
                            "kuberoute_domain",
                            "example.com",
                            "kuberoute_name",
                            s,
                            "kuberoute_failover",
                            "not a host!"),
                        "InvalidFailover",
                        "label kuberoute_failover: failover 'not a host!' is neither an IP address nor a valid DNS name:"
                            + " invalid DNS name 'not a host!': character ' ' is not allowed (letters, digits, '-' and '_'"
                            + " only)")
                    : new Poison(
                        svc(
                            s,
                            "kuberoute_domain",
                            "example.com",
                            "kuberoute_name",
                            s,
                            "kuberoute_failover",
                            "backup..example.net"),
                        "InvalidFailover",
                        "label kuberoute_failover: failover 'backup..example.net' is neither an IP address nor a valid DNS"
                            + " name: invalid DNS name 'backup..example.net': empty label");
            default -> {
              // the name of good service svc-k, which sorts first (namespace default before web)
              // and wins
              String taken = "svc-%03d".formatted(k);
              yield new Poison(
                  svc(s, "kuberoute_domain", domainLabel(k), "kuberoute_name", taken),
                  "DuplicateName",
                  "name "
                      + taken
                      + "."
                      + domain(k)
                      + " is already claimed by service default/"
                      + taken
                      + " (the first by namespace/name wins)");
            }
          });
    }
    return out;
  }

  private static ServiceInfo svc(String name, String... kv) {
    return Fixtures.service("web", name, labels(kv));
  }

  private static FaultCluster cluster(List<Good> good, List<Poison> poison) {
    FaultCluster cluster = new FaultCluster(4);
    Map<ServiceInfo, List<Integer>> pods = FaultCluster.ordered();
    for (int i = 0; i < good.size(); i++) {
      pods.put(good.get(i).service(), podsOfGood(i));
    }
    poison.forEach(p -> pods.put(p.service(), List.of(1)));
    cluster.set(pods);
    return cluster;
  }

  /** What the DNS holds, in a form each backend can be compared in. */
  private interface Dns {
    DnsBackend backend();

    /** A backend as a new process would build it over the same DNS. */
    DnsBackend fresh();

    Object contents();

    Object expected(List<Good> good);

    /** What the backend printed since the last call (the printing backend only). */
    default List<String> printed() {
      return List.of();
    }
  }

  private static Dns dns(Backend kind) {
    return switch (kind) {
      case IN_MEMORY -> {
        InMemoryDnsBackend b = new InMemoryDnsBackend("kuberoute");
        yield new Dns() {
          @Override
          public DnsBackend backend() {
            return b;
          }

          @Override
          public DnsBackend fresh() {
            return b;
          }

          @Override
          public Object contents() {
            return new HashSet<>(b.all());
          }

          @Override
          public Object expected(List<Good> good) {
            Set<CurrentRecord> out = new HashSet<>();
            good.forEach(
                g ->
                    out.add(
                        new CurrentRecord(
                            g.record(),
                            Ownership.ownedBy("kuberoute", g.service().ref().resource()))));
            return out;
          }
        };
      }
      case PRINTING -> {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintingDnsBackend b =
            new PrintingDnsBackend(
                "kuberoute", new PrintStream(bytes, true, StandardCharsets.UTF_8));
        Supplier<List<String>> take =
            () -> {
              synchronized (bytes) {
                String text = bytes.toString(StandardCharsets.UTF_8);
                bytes.reset();
                return text.isEmpty() ? List.of() : List.of(text.split("\n"));
              }
            };
        yield new Dns() {
          @Override
          public DnsBackend backend() {
            return b;
          }

          @Override
          public DnsBackend fresh() {
            return b;
          }

          @Override
          public Object contents() {
            return "printing backend";
          }

          @Override
          public Object expected(List<Good> good) {
            return "printing backend";
          }

          @Override
          public List<String> printed() {
            return take.get();
          }
        };
      }
      case SKYDNS -> {
        ETCD.keys().deleteAll();
        DnsBackend first =
            SkyDnsDnsBackend.create(SkyDnsContents.settings(ETCD.server()), "kuberoute");
        yield new Dns() {
          @Override
          public DnsBackend backend() {
            return first;
          }

          @Override
          public DnsBackend fresh() {
            return SkyDnsDnsBackend.create(SkyDnsContents.settings(ETCD.server()), "kuberoute");
          }

          @Override
          public Object contents() {
            return SkyDnsContents.all(ETCD.server());
          }

          @Override
          public Object expected(List<Good> good) {
            Map<String, String> out = new TreeMap<>();
            good.forEach(
                g ->
                    out.putAll(
                        SkyDnsContents.published(
                            g.service().ref().resource(),
                            g.record().name().value(),
                            g.record().targets())));
            return out;
          }
        };
      }
    };
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void
      everyGoodServiceIsPublishedAndEveryPoisonOneIsLoggedOnceReportedAndCountedAgainOnlyByAFreshService(
          Backend kind) {
    List<Good> good = good();
    List<Poison> poison = poison();
    FaultCluster cluster = cluster(good, poison);
    Dns dns = dns(kind);
    List<SyncError> expectedErrors = poison.stream().map(Poison::error).toList();
    List<String> expectedLog = poison.stream().map(Poison::logLine).toList();
    List<DnsBackend> toClose = new ArrayList<>(List.of(dns.backend()));
    try (SyncLog logs = SyncLog.capture()) {
      SyncService service = SyncService.builder(cluster.source, dns.backend(), settings()).build();

      long t0 = System.nanoTime();
      SyncResult first = service.sync(SyncTrigger.FULL);
      long firstMillis = (System.nanoTime() - t0) / 1_000_000;

      assertThat(first.outcome())
          .as("service problems do not fail the sync")
          .isEqualTo(SyncResult.Outcome.SUCCESS);
      assertThat(first.errors()).containsExactlyInAnyOrderElementsOf(expectedErrors);
      assertThat(first.errors()).hasSize(BAD);
      assertThat(
              poison.stream().collect(Collectors.groupingBy(Poison::reason, Collectors.counting())))
          .as("the mix")
          .containsOnly(
              Map.entry("InvalidQuota", 20L),
              Map.entry("InvalidTemplate", 20L),
              Map.entry("InvalidDnsName", 20L),
              Map.entry("InvalidFailover", 20L),
              Map.entry("DuplicateName", 20L));
      assertThat(service.lastReport().orElseThrow().errors())
          .as("the state report (/status) lists them")
          .containsExactlyInAnyOrderElementsOf(
              expectedErrors.stream().map(SyncError::message).toList());
      assertThat(first.applied().creates()).hasSize(GOOD);
      assertThat(first.applied().updates()).isEmpty();
      assertThat(first.applied().deletes()).isEmpty();
      assertThat(first.managedRecords()).isEqualTo(GOOD);
      assertThat(logs.warnings())
          .as("each poison service logged once")
          .containsExactlyInAnyOrderElementsOf(expectedLog);
      assertThat(dns.contents()).isEqualTo(dns.expected(good));
      if (kind == Backend.PRINTING) {
        assertThat(dns.printed())
            .containsExactlyInAnyOrderElementsOf(
                good.stream()
                    .map(
                        g ->
                            "CREATE "
                                + g.record().name()
                                + " "
                                + g.record().type()
                                + " 60 "
                                + String.join(",", g.record().targets()))
                    .toList());
      }

      logs.clear();
      SyncResult second = service.sync(SyncTrigger.FULL);
      assertThat(second.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
      assertThat(second.errors())
          .as("still reported")
          .containsExactlyInAnyOrderElementsOf(expectedErrors);
      assertThat(second.planned().isEmpty()).isTrue();
      assertThat(logs.warnings()).as("nothing logged again").isEmpty();
      assertThat(dns.printed()).isEmpty();
      assertThat(dns.contents()).isEqualTo(dns.expected(good));

      // a new process over the same DNS: logs each problem once again, changes nothing
      logs.clear();
      DnsBackend freshBackend = dns.fresh();
      if (freshBackend != dns.backend()) {
        toClose.add(freshBackend);
      }
      SyncService fresh = SyncService.builder(cluster.source, freshBackend, settings()).build();
      SyncResult restarted = fresh.sync(SyncTrigger.FULL);
      assertThat(restarted.outcome()).isEqualTo(SyncResult.Outcome.SUCCESS);
      assertThat(restarted.errors()).containsExactlyInAnyOrderElementsOf(expectedErrors);
      assertThat(restarted.planned().isEmpty()).as("a fresh service changes nothing").isTrue();
      assertThat(logs.warnings()).containsExactlyInAnyOrderElementsOf(expectedLog);
      assertThat(dns.printed()).isEmpty();
      assertThat(dns.contents()).isEqualTo(dns.expected(good));
      log.info("{}: 1,000 services (100 poison), first sync {} ms", kind, firstMillis);
    } finally {
      toClose.forEach(DnsBackend::close);
    }
  }
}
