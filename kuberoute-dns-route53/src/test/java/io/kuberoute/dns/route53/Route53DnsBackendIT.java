package io.kuberoute.dns.route53;

import static io.kuberoute.testkit.route53.Route53TestServer.Operation.CHANGE_RESOURCE_RECORD_SETS;
import static io.kuberoute.testkit.route53.Route53TestServer.Operation.LIST_HOSTED_ZONES;
import static io.kuberoute.testkit.route53.Route53TestServer.Operation.LIST_RESOURCE_RECORD_SETS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.kuberoute.core.DnsBackendException;
import io.kuberoute.core.model.CurrentRecord;
import io.kuberoute.core.model.DesiredRecord;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import io.kuberoute.core.plan.ChangeSet;
import io.kuberoute.core.plan.RecordUpdate;
import io.kuberoute.core.port.ApplyResult;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.core.port.ZoneState;
import io.kuberoute.testkit.route53.Route53TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.endpoints.Route53EndpointProvider;

/**
 * The backend on its own against the Route53 test server: construction, credentials, limits,
 * errors.
 */
class Route53DnsBackendIT {

  private static final String RESOURCE = "service/default/shop";
  private static final DnsName EXAMPLE = DnsName.of("example.com");

  private static Route53TestServer server;
  private String zone;
  private final List<DnsBackend> backends = new ArrayList<>();

  @BeforeAll
  static void startServer() {
    server = Route53TestServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void freshZone() {
    server.reset();
    zone = server.createZone("example.com");
  }

  @AfterEach
  void closeBackends() {
    backends.forEach(DnsBackend::close);
  }

  private DnsBackend backend(Route53Settings settings) {
    DnsBackend b = Route53DnsBackend.create(settings, "kuberoute", Route53Fixtures.FAST_RETRIES);
    backends.add(b);
    return b;
  }

  private DnsBackend backend() {
    return backend(Route53Fixtures.settings(server));
  }

  private static RecordSet a(String name, String... ips) {
    return RecordSet.of(name, RecordType.A, 60, ips);
  }

  private static ChangeSet creates(RecordSet... records) {
    return new ChangeSet(
        List.of(records).stream().map(r -> new DesiredRecord(r, RESOURCE)).toList(),
        List.of(),
        List.of());
  }

  // ---------------------------------------------------------------------------------------------
  // construction and credentials

  @Test
  void buildingTheBackendMakesNoNetworkCall() throws IOException {
    backend();
    Route53Settings defaultChainToNowhere =
        new Route53Settings(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of(closedPort()),
            Optional.empty(),
            1000,
            3,
            Duration.ofSeconds(5));
    DnsBackend offline = backend(defaultChainToNowhere);

    assertThat(offline).isNotNull();
    assertThat(server.calls().values()).containsOnly(0);
    assertThat(server.accessKeyIds()).isEmpty();
  }

  @Test
  void staticKeysSignEveryRequestForTheGlobalRegionByDefault() {
    backend().read(List.of(EXAMPLE), true);

    assertThat(server.accessKeyIds()).containsExactly(Route53Fixtures.KEY_ID);
    assertThat(server.signingRegions()).containsExactly("us-east-1");
  }

  @Test
  void theDefaultRegionResolvesToRoute53sGlobalEndpointWithoutAnOverride() {
    Endpoint endpoint =
        Route53EndpointProvider.defaultProvider()
            .resolveEndpoint(p -> p.region(Region.of(Route53Settings.DEFAULT_REGION)))
            .join();

    assertThat(endpoint.endpointUrl().toUri())
        .isEqualTo(URI.create("https://route53.amazonaws.com"));
  }

  @Test
  void aConfiguredRegionSignsForThatRegion() {
    Route53Settings s = Route53Fixtures.settings(server);
    Route53Settings china =
        new Route53Settings(
            s.accessKeyId(),
            s.secretAccessKey(),
            Optional.of("cn-north-1"),
            s.endpoint(),
            Optional.empty(),
            1000,
            3,
            s.timeout());

    backend(china).read(List.of(EXAMPLE), true);

    assertThat(server.signingRegions()).containsExactly("cn-north-1");
  }

  @Test
  void withoutKeysTheSdkDefaultCredentialChainIsUsed() {
    System.setProperty("aws.accessKeyId", "AKIDFROMTHECHAIN");
    System.setProperty("aws.secretAccessKey", "chain-secret");
    try {
      Route53Settings noKeys =
          new Route53Settings(
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Optional.of(server.endpoint()),
              Optional.empty(),
              1000,
              3,
              Duration.ofSeconds(5));

      backend(noKeys).read(List.of(EXAMPLE), true);

      assertThat(server.accessKeyIds()).containsExactly("AKIDFROMTHECHAIN");
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
  }

  @Test
  void theDefaultChainCanUseWebIdentityTokensBecauseStsIsOnTheClasspath() throws Exception {
    // the SDK looks this factory up by name and silently skips web identity (EKS IRSA) without it
    assertThat(
            Class.forName(
                "software.amazon.awssdk.services.sts.internal.StsWebIdentityCredentialsProviderFactory"))
        .isNotNull();
  }

  @Test
  void anOwnerIdThatCannotGoIntoTheMarkIsRefused() {
    assertThatThrownBy(() -> Route53DnsBackend.create(Route53Fixtures.settings(server), "a,b=c"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("owner id 'a,b=c' may contain only letters, digits, '.', '_' and '-'");
  }

  // ---------------------------------------------------------------------------------------------
  // reading

  @Test
  void aReadOfNoDomainMakesNoCall() {
    ZoneState state = backend().read(List.of(), true);

    assertThat(state.records()).isEmpty();
    assertThat(server.calls().values()).containsOnly(0);
  }

  @Test
  void largeZonesAndZoneListsAreReadPageByPage() {
    for (int i = 0; i < 150; i++) {
      server.createZone("zone%03d.test".formatted(i));
    }
    for (int i = 0; i < 700; i++) {
      server.put(
          zone,
          "host%03d.example.com".formatted(i),
          "A",
          60,
          "10.1.%d.%d".formatted(i / 256, i % 256));
    }

    ZoneState state = backend().read(List.of(EXAMPLE), true);

    assertThat(state.records()).hasSize(700);
    assertThat(state.records())
        .extracting(c -> c.record().name().value())
        .contains(
            "host000.example.com",
            "host299.example.com",
            "host300.example.com",
            "host699.example.com");
    // 151 zones in pages of 100; 700 records + SOA + NS in pages of 300
    assertThat(server.calls())
        .containsEntry(LIST_HOSTED_ZONES, 2)
        .containsEntry(LIST_RESOURCE_RECORD_SETS, 3);
  }

  @Test
  void aliasWeightedAndWildcardRecordsAreNeverReadAsOursNorChanged() {
    server.put(
        zone,
        new Route53TestServer.RecordSet(
            "lb.example.com.",
            "A",
            0,
            List.of(),
            null,
            null,
            "dualstack.my-lb-123.us-east-1.elb.amazonaws.com."));
    server.put(
        zone,
        new Route53TestServer.RecordSet(
            "w.example.com.", "A", 60, List.of("192.0.2.1"), "blue", 10L, null));
    server.put(zone, "*.example.com", "A", 60, "192.0.2.2");
    server.put(zone, "example.com", "MX", 300, "10 mx.example.com.");
    server.put(zone, "plain.example.com", "A", 60, "192.0.2.3");
    DnsBackend backend = backend();

    ZoneState state = backend.read(List.of(EXAMPLE), true);
    ApplyResult result = backend.apply(creates(a("lb.example.com", "10.0.0.1")));

    assertThat(state.records())
        .extracting(CurrentRecord::record)
        .containsExactly(a("plain.example.com", "192.0.2.3"));
    assertThat(state.records().get(0).ownership().isUnowned()).isTrue();
    assertThat(result.failedNames())
        .containsExactly(
            Map.entry(
                DnsName.of("lb.example.com"),
                "Route53 refused the change in zone example.com: InvalidChangeBatch: [Tried to create resource record set "
                    + "[name='lb.example.com.', type='A'] but it already exists] (HTTP 400)"));
    assertThat(server.recordSets(zone)).hasSize(7);
  }

  @Test
  void anOwnershipMarkOfOursWithoutRecordsIsLoggedOnce() {
    server.put(
        zone,
        "_kuberoute.old.example.com",
        "TXT",
        300,
        "\"heritage=kuberoute,owner=kuberoute,resource=service/default/old\"");
    DnsBackend backend = backend();

    try (LogCapture logs = LogCapture.start()) {
      backend.read(List.of(EXAMPLE), true);
      backend.read(List.of(EXAMPLE), true);

      assertThat(logs.messages())
          .filteredOn(m -> m.contains("ownership mark"))
          .containsExactly(
              "route53: ownership mark _kuberoute.old.example.com has no record left at old.example.com; kept, and "
                  + "reused when old.example.com is published again (delete it by hand if the name is no longer used)");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // writing

  @Test
  void anEmptyChangeSetMakesNoCallAtAll() {
    ApplyResult result = backend().apply(ChangeSet.EMPTY);

    assertThat(result).isEqualTo(ApplyResult.OK);
    assertThat(server.calls().values()).containsOnly(0);
  }

  @Test
  void batchSizeCapsTheChangesPerRequestAndNeverSplitsAName() {
    Route53Settings five = Route53Fixtures.settings(server, 5, 3, Optional.empty());

    ApplyResult result =
        backend(five)
            .apply(
                creates(
                    a("a.example.com", "10.0.0.1"),
                    a("b.example.com", "10.0.0.2"),
                    a("c.example.com", "10.0.0.3")));

    assertThat(result.failedNames()).isEmpty();
    // each name is its record and its mark: 2 + 2 fit in 5, the third name does not
    assertThat(server.acceptedBatchSizes()).containsExactly(4, 2);
  }

  @Test
  void aNameWhoseChangesAloneExceedRoute53sRequestLimitsFailsWithoutBeingSent() {
    DnsBackend backend = backend();
    String[] before =
        IntStream.range(0, 600)
            .mapToObj(i -> "10.2.%d.%d".formatted(i / 256, i % 256))
            .toArray(String[]::new);
    String[] after =
        IntStream.range(0, 600)
            .mapToObj(i -> "10.3.%d.%d".formatted(i / 256, i % 256))
            .toArray(String[]::new);
    RecordSet big = a("big.example.com", before);
    assertThat(backend.apply(creates(big)).failedNames()).isEmpty();
    server.resetCounts();

    ApplyResult result =
        backend.apply(
            new ChangeSet(
                List.of(new DesiredRecord(a("small.example.com", "10.0.0.1"), RESOURCE)),
                List.of(new RecordUpdate(big, a("big.example.com", after), RESOURCE)),
                List.of()));

    assertThat(result.failedNames())
        .containsExactly(
            Map.entry(
                DnsName.of("big.example.com"),
                "its 2 change(s) hold 1200 values and 11364 characters, more than Route53 accepts in one request "
                    + "(1000 values, 32000 characters); not sent"));
    assertThat(server.acceptedBatchSizes()).containsExactly(2);
    assertThat(server.get(zone, "big.example.com", "A").orElseThrow().values())
        .hasSize(600)
        .contains("10.2.0.0");
  }

  @Test
  void aNameTooLongForItsOwnershipMarkFailsAlone() {
    String label63 = "x".repeat(63);
    String longName =
        label63 + "." + label63 + "." + label63 + "." + "y".repeat(44) + ".example.com";
    assertThat(longName).hasSize(248);

    ApplyResult result =
        backend().apply(creates(a(longName, "10.0.0.1"), a("ok.example.com", "10.0.0.2")));

    assertThat(result.failedNames())
        .containsExactly(
            Map.entry(
                DnsName.of(longName),
                longName
                    + " is too long for its ownership record _kuberoute."
                    + longName
                    + " (names may have at most 242 characters); not changed"));
    assertThat(server.get(zone, "ok.example.com", "A")).isPresent();
    assertThat(server.get(zone, longName, "A")).isEmpty();
  }

  @Test
  void aTxtRecordKuberouteDidNotWriteAtTheMarksNameBlocksTheName() {
    server.put(zone, "_kuberoute.shop.example.com", "TXT", 300, "\"hand-made note\"");

    ApplyResult result = backend().apply(creates(a("shop.example.com", "10.0.0.1")));

    assertThat(result.failedNames())
        .containsExactly(
            Map.entry(
                DnsName.of("shop.example.com"),
                "_kuberoute.shop.example.com holds a TXT record kuberoute did not write; shop.example.com is not changed "
                    + "(remove that TXT record to let kuberoute manage the name)"));
    assertThat(server.calls()).containsEntry(CHANGE_RESOURCE_RECORD_SETS, 0);
  }

  @Test
  void aNameOutsideEveryZoneFailsAloneOnApply() {
    ApplyResult result =
        backend()
            .apply(creates(a("shop.example.com", "10.0.0.1"), a("shop.elsewhere.net", "10.0.0.2")));

    assertThat(result.failedNames())
        .containsExactly(
            Map.entry(
                DnsName.of("shop.elsewhere.net"),
                "no Route53 hosted zone holds shop.elsewhere.net (no zone named shop.elsewhere.net or a parent of it is "
                    + "visible to these credentials)"));
    assertThat(server.get(zone, "shop.example.com", "A")).isPresent();
  }

  @Test
  void aPinnedZoneIdThatDoesNotExistFailsEveryDomain() {
    Route53Settings pinned = Route53Fixtures.settings(server, 1000, 3, Optional.of("ZNOSUCHZONE"));

    ZoneState state = backend(pinned).read(List.of(EXAMPLE), true);

    assertThat(state.failedDomains())
        .containsExactly(
            Map.entry(
                EXAMPLE,
                "the hosted zone ZNOSUCHZONE set in route53.hosted_zone_id does not exist or is not visible to these credentials"));
  }

  @Test
  void aDomainOutsideThePinnedZoneFails() {
    server.createZone("other.org");
    Route53Settings pinned = Route53Fixtures.settings(server, 1000, 3, Optional.of(zone));

    ZoneState state = backend(pinned).read(List.of(EXAMPLE, DnsName.of("other.org")), true);

    assertThat(state.failedDomains())
        .containsExactly(
            Map.entry(
                DnsName.of("other.org"),
                "other.org is not in the pinned hosted zone example.com ("
                    + zone
                    + ", public) (route53.hosted_zone_id)"));
  }

  // ---------------------------------------------------------------------------------------------
  // failures

  @Test
  void anUnreachableRoute53IsATransientBackendError() throws IOException {
    Route53Settings s = Route53Fixtures.settings(server);
    DnsBackend nowhere =
        backend(
            new Route53Settings(
                s.accessKeyId(),
                s.secretAccessKey(),
                Optional.empty(),
                Optional.of(closedPort()),
                Optional.empty(),
                1000,
                1,
                s.timeout()));

    assertThatThrownBy(() -> nowhere.read(List.of(EXAMPLE), true))
        .isInstanceOfSatisfying(
            DnsBackendException.class, e -> assertThat(e.isTransient()).isTrue())
        .hasMessageStartingWith("Route53 is unreachable: Unable to execute HTTP request: ");
    assertThatThrownBy(() -> nowhere.apply(creates(a("shop.example.com", "10.0.0.1"))))
        .isInstanceOf(DnsBackendException.class)
        .hasMessageStartingWith("Route53 is unreachable: ");
  }

  @Test
  void aRoute53ThatDoesNotAnswerTimesOut() {
    Route53Settings s = Route53Fixtures.settings(server);
    DnsBackend slow =
        backend(
            new Route53Settings(
                s.accessKeyId(),
                s.secretAccessKey(),
                Optional.empty(),
                s.endpoint(),
                Optional.empty(),
                1000,
                0,
                Duration.ofSeconds(1)));
    server.delayAnswers(Duration.ofSeconds(3));

    assertThatThrownBy(() -> slow.read(List.of(EXAMPLE), true))
        .isInstanceOfSatisfying(
            DnsBackendException.class, e -> assertThat(e.isTransient()).isTrue())
        .hasMessageContaining("Route53 is unreachable: ")
        .hasMessageContaining("did not complete before the specified timeout");
  }

  @Test
  void whenRetriesAreUsedUpTheRemainingRequestsAreNotSent() {
    Route53Settings onePerRequest = Route53Fixtures.settings(server, 2, 3, Optional.empty());
    server.throttle(CHANGE_RESOURCE_RECORD_SETS, 4);

    ApplyResult result =
        backend(onePerRequest)
            .apply(
                creates(
                    a("a.example.com", "10.0.0.1"),
                    a("b.example.com", "10.0.0.2"),
                    a("c.example.com", "10.0.0.3")));

    String throttled = "Route53 failed after 4 attempt(s): Throttling: Rate exceeded (HTTP 400)";
    assertThat(result.failedNames())
        .containsOnly(
            Map.entry(DnsName.of("a.example.com"), throttled),
            Map.entry(DnsName.of("b.example.com"), "not sent: " + throttled),
            Map.entry(DnsName.of("c.example.com"), "not sent: " + throttled));
    assertThat(server.calls()).containsEntry(CHANGE_RESOURCE_RECORD_SETS, 4);
    assertThat(server.userRecordSets(zone)).isEmpty();
  }

  @Test
  void accessDeniedOnListingZonesIsAPermanentErrorNamingThePermission() {
    server.denyAccess(LIST_HOSTED_ZONES, 1);

    assertThatThrownBy(() -> backend().read(List.of(EXAMPLE), true))
        .isInstanceOfSatisfying(
            DnsBackendException.class, e -> assertThat(e.isTransient()).isFalse())
        .hasMessage(
            "Route53 denied ListHostedZones: AccessDenied: User: arn:aws:iam::123456789012:user/kuberoute is not "
                + "authorized to perform: route53:ListHostedZones on resource: * (HTTP 403) (the IAM policy must allow "
                + "route53:ListHostedZones)");
    assertThat(server.calls()).containsEntry(LIST_HOSTED_ZONES, 1);
  }

  @Test
  void accessDeniedOnOneZoneFailsOnlyItsDomain() {
    String other = server.createZone("other.org");
    server.put(other, "web.other.org", "A", 60, "10.0.0.9");
    server.denyAccess(LIST_RESOURCE_RECORD_SETS, 1);

    ZoneState state = backend().read(List.of(EXAMPLE, DnsName.of("other.org")), true);

    assertThat(state.failedDomains())
        .containsExactly(
            Map.entry(
                EXAMPLE,
                "Route53 denied ListResourceRecordSets on hosted zone example.com ("
                    + zone
                    + ", public): AccessDenied: User: "
                    + "arn:aws:iam::123456789012:user/kuberoute is not authorized to perform: route53:ListResourceRecordSets "
                    + "on resource: arn:aws:route53:::hostedzone/* (HTTP 403) (the IAM policy must allow "
                    + "route53:ListResourceRecordSets on arn:aws:route53:::hostedzone/"
                    + zone
                    + ")"));
    assertThat(state.records())
        .extracting(CurrentRecord::record)
        .containsExactly(a("web.other.org", "10.0.0.9"));
  }

  @Test
  void accessDeniedOnChangesFailsThatZonesNamesAndNamesThePermission() {
    String other = server.createZone("other.org");
    server.denyAccess(CHANGE_RESOURCE_RECORD_SETS, 1);

    ApplyResult result =
        backend().apply(creates(a("shop.example.com", "10.0.0.1"), a("web.other.org", "10.0.0.2")));

    assertThat(result.failedNames())
        .containsOnlyKeys(DnsName.of("shop.example.com"))
        .containsValue(
            "Route53 denied ChangeResourceRecordSets on hosted zone example.com ("
                + zone
                + ", public): AccessDenied: "
                + "User: arn:aws:iam::123456789012:user/kuberoute is not authorized to perform: "
                + "route53:ChangeResourceRecordSets on resource: arn:aws:route53:::hostedzone/* (HTTP 403) (the IAM "
                + "policy must allow route53:ChangeResourceRecordSets on arn:aws:route53:::hostedzone/"
                + zone
                + ")");
    assertThat(server.get(other, "web.other.org", "A")).isPresent();
  }

  @Test
  void aZoneDeletedBehindKuberoutesBackFailsItsNamesAndTheZonesAreListedAgain() {
    DnsBackend backend = backend();
    backend.read(List.of(EXAMPLE), true);
    server.deleteZone(zone);
    server.resetCounts();

    ApplyResult result = backend.apply(creates(a("shop.example.com", "10.0.0.1")));
    ZoneState after = backend.read(List.of(EXAMPLE), true);

    assertThat(result.failedNames())
        .containsExactly(
            Map.entry(
                DnsName.of("shop.example.com"),
                "hosted zone example.com ("
                    + zone
                    + ", public) no longer exists (NoSuchHostedZone: No hosted zone found "
                    + "with ID: "
                    + zone
                    + " (HTTP 404))"));
    assertThat(after.failedDomains()).containsOnlyKeys(EXAMPLE);
    assertThat(server.calls()).containsEntry(LIST_HOSTED_ZONES, 1);
  }

  @Test
  void theSecretAppearsInNoLogLineErrorOrDescription() throws IOException {
    Route53Settings settings = Route53Fixtures.settings(server);
    List<String> seen = new ArrayList<>();
    try (LogCapture logs = LogCapture.start()) {
      DnsBackend backend = backend(settings);
      backend.read(List.of(EXAMPLE), true);
      server.put(zone, "b.example.com", "TXT", 300, "\"v=spf1 -all\"");
      seen.addAll(
          backend
              .apply(
                  new ChangeSet(
                      List.of(
                          new DesiredRecord(a("a.example.com", "10.0.0.1"), RESOURCE),
                          new DesiredRecord(
                              RecordSet.of("b.example.com", RecordType.CNAME, 60, "x.example.org"),
                              RESOURCE)),
                      List.of(),
                      List.of()))
              .failedNames()
              .values());
      server.throttle(CHANGE_RESOURCE_RECORD_SETS, 10);
      seen.addAll(backend.apply(creates(a("c.example.com", "10.0.0.3"))).failedNames().values());
      server.reset();
      server.denyAccess(LIST_HOSTED_ZONES, 1);
      seen.add(catchMessage(() -> backend(settings).read(List.of(EXAMPLE), true)));
      DnsBackend nowhere =
          backend(
              new Route53Settings(
                  settings.accessKeyId(),
                  settings.secretAccessKey(),
                  Optional.empty(),
                  Optional.of(closedPort()),
                  Optional.empty(),
                  1000,
                  0,
                  settings.timeout()));
      seen.add(catchMessage(() -> nowhere.read(List.of(EXAMPLE), true)));
      seen.addAll(logs.fullText());
      // the SDK's most detailed logging was captured too: what it signs
      assertThat(logs.messages()).anyMatch(m -> m.startsWith("AWS4 String to sign"));
    }
    seen.add(settings.toString());

    assertThat(seen).hasSizeGreaterThan(6);
    assertThat(seen).noneMatch(s -> s.contains(Route53Fixtures.SECRET));
    assertThat(settings.toString()).doesNotContain(Route53Fixtures.KEY_ID);
  }

  // ---------------------------------------------------------------------------------------------

  private static String catchMessage(Runnable r) {
    try {
      r.run();
      return "";
    } catch (RuntimeException e) {
      return e.getMessage();
    }
  }

  /** A loopback URL where nothing listens. */
  private static URI closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
  }

  /** Collects every log event (DEBUG and up, the SDK's included) while open. */
  private static final class LogCapture implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Level rootLevel = root.getLevel();
    private final Logger ours = (Logger) LoggerFactory.getLogger("io.kuberoute");
    private final Level oursLevel = ours.getLevel();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    static LogCapture start() {
      LogCapture c = new LogCapture();
      c.appender.start();
      c.root.addAppender(c.appender);
      c.root.setLevel(Level.DEBUG);
      c.ours.setLevel(Level.DEBUG);
      return c;
    }

    /** What was logged so far, copied under the lock that appends hold (SDK threads log too). */
    private List<ILoggingEvent> events() {
      synchronized (appender) {
        return List.copyOf(appender.list);
      }
    }

    List<String> messages() {
      return events().stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    List<String> fullText() {
      return events().stream()
          .map(
              e ->
                  e.getFormattedMessage()
                      + (e.getThrowableProxy() == null
                          ? ""
                          : ThrowableProxyUtil.asString(e.getThrowableProxy())))
          .toList();
    }

    @Override
    public void close() {
      root.detachAppender(appender);
      root.setLevel(rootLevel);
      ours.setLevel(oursLevel);
    }
  }
}
