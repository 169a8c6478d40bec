package io.kuberoute.dns.rfc2136;

import static io.kuberoute.dns.rfc2136.SyncFixtures.merged;
import static io.kuberoute.dns.rfc2136.SyncFixtures.published;
import static io.kuberoute.dns.rfc2136.SyncFixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.kuberoute.core.DnsBackendException;
import io.kuberoute.core.app.SyncError;
import io.kuberoute.core.app.SyncResult;
import io.kuberoute.core.app.SyncTrigger;
import io.kuberoute.core.config.Secret;
import io.kuberoute.core.model.DesiredRecord;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import io.kuberoute.core.plan.ChangeSet;
import io.kuberoute.core.plan.NameChanges;
import io.kuberoute.core.port.ApplyResult;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.core.port.ZoneState;
import io.kuberoute.testkit.dns.DnsServerExtension;
import io.kuberoute.testkit.dns.TestDnsServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * How the backend fails against a real server: unsigned and wrongly signed requests, a key that may
 * not update, a server that is stopped or frozen. Every line names the zone (or the server) and the
 * cause; no secret is ever logged (everything the module and dnsjava log at DEBUG is captured and
 * checked).
 */
abstract class Rfc2136FailureSuite {

  static final String COM = "example.com";

  abstract DnsServerExtension dns();

  /** The rcode the server answers a request without a key that its policy needs. */
  abstract String unsignedRcode();

  /** The rcode the server answers an UPDATE signed with a key it knows but does not allow. */
  abstract String notAllowedRcode();

  private final SyncFixtures fx = new SyncFixtures();
  private final List<DnsBackend> backends = new ArrayList<>();
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final List<Logger> capturing = new ArrayList<>();

  @BeforeEach
  void captureLogsAndEmptyTheZones() {
    logged.start();
    for (String name : List.of("io.kuberoute", "org.xbill")) {
      Logger l = (Logger) LoggerFactory.getLogger(name);
      l.setLevel(Level.DEBUG);
      l.setAdditive(false);
      l.addAppender(logged);
      capturing.add(l);
    }
    if (!server().isRunning()) {
      server().start();
    }
    admin().wipe(COM, TestDnsServer.OPEN_ZONE);
  }

  @AfterEach
  void noSecretWasLogged() {
    if (!dns().available()) {
      return;
    }
    backends.forEach(DnsBackend::close);
    for (Logger l : capturing) {
      l.detachAppender(logged);
      l.setLevel(null);
      l.setAdditive(true);
    }
    server().thaw();
    assertThat(logged.list)
        .as("the DEBUG lines of the module and dnsjava were captured")
        .isNotEmpty();
    List<String> secrets = List.of(key().secret().reveal(), WRONG_SECRET.reveal());
    for (ILoggingEvent e : logged.list) {
      String text =
          e.getFormattedMessage()
              + (e.getThrowableProxy() == null
                  ? ""
                  : ThrowableProxyUtil.asString(e.getThrowableProxy()));
      for (String s : secrets) {
        assertThat(text).as("a log line").doesNotContain(s);
      }
    }
  }

  private static final Secret WRONG_SECRET =
      Secret.of(Base64.getEncoder().encodeToString(new byte[32]));

  private TestDnsServer server() {
    return dns().server();
  }

  private ZoneAdmin admin() {
    return new ZoneAdmin(server());
  }

  /** The key that may update and transfer every zone. */
  private TsigKey key() {
    return SyncFixtures.tsig(server().key());
  }

  private Rfc2136Settings settings(String... zones) {
    return SyncFixtures.settings(server(), zones);
  }

  private DnsBackend backend(Rfc2136Settings settings) {
    DnsBackend b = Rfc2136DnsBackend.create(settings, SyncFixtures.OWNER);
    backends.add(b);
    return b;
  }

  private static ChangeSet creates(RecordSet... records) {
    return new ChangeSet(
        java.util.Arrays.stream(records)
            .map(r -> new DesiredRecord(r, "service/default/shop"))
            .toList(),
        List.of(),
        List.of());
  }

  private static RecordSet a(String name, String ip) {
    return RecordSet.of(name, RecordType.A, 60, ip);
  }

  @Test
  void anUnsignedBackendIsRefusedTheTransferWithOneLineNamingTheZoneAndTheCause() {
    DnsBackend unsigned = backend(settings(COM).withoutTsig());
    fx.set(List.of(service("shop", "shop", COM)), Map.of("shop", List.of("10.0.0.1")));

    SyncResult r = fx.service(unsigned).sync(SyncTrigger.FULL);

    assertThat(r.outcome()).isEqualTo(SyncResult.Outcome.FAILED);
    assertThat(r.errors())
        .extracting(SyncError::message)
        .containsExactly(
            ("zone example.com: zone transfer refused (%s): the server allows no zone transfers of an unsigned"
                    + " request: set rfc2136.tsig_key_name and rfc2136.tsig_secret to the key its policy names")
                .formatted(unsignedRcode()));
    assertThat(admin().lines(COM)).isEmpty();
  }

  @Test
  void anUnsignedUpdateIsRefusedWithOneLineAndTheZonesOtherNamesAreNotSent() {
    Rfc2136Settings unsigned = settings(TestDnsServer.OPEN_ZONE).withoutTsig();
    CountingDnsClient client = CountingDnsClient.of(unsigned);
    DnsBackend b = new Rfc2136DnsBackend(unsigned, SyncFixtures.OWNER, client);
    backends.add(b);
    long serial = admin().serial(TestDnsServer.OPEN_ZONE);

    ApplyResult result =
        b.apply(creates(a("shop.open.test", "10.0.0.1"), a("blog.open.test", "10.0.0.2")));

    String line =
        ("zone open.test: update refused (%s): the server allows no updates of an unsigned request: set"
                + " rfc2136.tsig_key_name and rfc2136.tsig_secret to the key its policy names")
            .formatted(unsignedRcode());
    assertThat(result.failedNames())
        .isEqualTo(Map.of(DnsName.of("blog.open.test"), line, DnsName.of("shop.open.test"), line));
    assertThat(client.counts()).isEqualTo(new CountingDnsClient.Counts(1, 1, 0));
    assertThat(admin().serial(TestDnsServer.OPEN_ZONE)).isEqualTo(serial);
  }

  @Test
  void aWrongSecretIsNamedAsSuch() {
    TsigKey wrong = new TsigKey(key().name(), key().algorithm(), WRONG_SECRET);

    ZoneState state = backend(settings(COM).withTsig(wrong)).read(List.of(DnsName.of(COM)), true);

    assertThat(state.failedDomains())
        .isEqualTo(
            Map.of(
                DnsName.of(COM),
                "zone example.com: zone transfer refused (NOTAUTH): the signature with TSIG key 'kuberoute-key' did"
                    + " not verify (BADSIG): rfc2136.tsig_secret is not the server's secret for that key"));
  }

  @Test
  void anUnknownKeyNameIsNamedAsSuch() {
    TsigKey unknown = new TsigKey(DnsName.of("nobody-key"), key().algorithm(), key().secret());

    ZoneState state = backend(settings(COM).withTsig(unknown)).read(List.of(DnsName.of(COM)), true);

    assertThat(state.failedDomains())
        .isEqualTo(
            Map.of(
                DnsName.of(COM),
                "zone example.com: zone transfer refused (NOTAUTH): the server does not know TSIG key 'nobody-key'"
                    + " with algorithm hmac-sha256 (BADKEY): check rfc2136.tsig_key_name and rfc2136.tsig_algorithm"));
  }

  @Test
  void aWrongAlgorithmIsNamedAsSuch() {
    TsigKey sha512 = key().withAlgorithm(TsigAlgorithm.HMAC_SHA512);

    ZoneState state = backend(settings(COM).withTsig(sha512)).read(List.of(DnsName.of(COM)), true);

    assertThat(state.failedDomains())
        .isEqualTo(
            Map.of(
                DnsName.of(COM),
                "zone example.com: zone transfer refused (NOTAUTH): the server does not know TSIG key 'kuberoute-key'"
                    + " with algorithm hmac-sha512 (BADKEY): check rfc2136.tsig_key_name and rfc2136.tsig_algorithm"));
  }

  @Test
  void wronglySignedUpdatesAreRefusedWithTheTsigCause() throws Exception {
    ZoneContent open =
        ZoneContent.of(
            DnsName.of(TestDnsServer.OPEN_ZONE), admin().transfer(TestDnsServer.OPEN_ZONE));
    NameChanges create =
        new NameChanges(
            DnsName.of("shop.open.test"),
            List.of(),
            List.of(),
            List.of(new DesiredRecord(a("shop.open.test", "10.0.0.1"), "service/default/shop")));
    TsigKey key = key();
    Map<String, TsigKey> wrongKeys =
        Map.of(
            "BADSIG", new TsigKey(key.name(), key.algorithm(), WRONG_SECRET),
            "BADKEY name", new TsigKey(DnsName.of("nobody-key"), key.algorithm(), key.secret()),
            "BADKEY algorithm", key.withAlgorithm(TsigAlgorithm.HMAC_SHA1));
    long serial = admin().serial(TestDnsServer.OPEN_ZONE);

    Map<String, String> lines = new java.util.TreeMap<>();
    for (Map.Entry<String, TsigKey> e : wrongKeys.entrySet()) {
      Rfc2136Settings s = settings(TestDnsServer.OPEN_ZONE).withTsig(e.getValue());
      UpdateBuilder.Ready update =
          (UpdateBuilder.Ready) new UpdateBuilder(SyncFixtures.OWNER).build(open, create);
      ServerErrors.UpdateOutcome outcome =
          new ServerErrors(s)
              .update(
                  open.apex(), create.name(), new DnsjavaClient(s).send(update.message()), true);
      assertThat(outcome.kind()).isEqualTo(ServerErrors.UpdateOutcome.Kind.REFUSED);
      lines.put(e.getKey(), outcome.message());
    }

    assertThat(lines)
        .containsExactlyEntriesOf(
            new java.util.TreeMap<>(
                Map.of(
                    "BADKEY algorithm",
                    "zone open.test: update refused (NOTAUTH): the server does not know TSIG key 'kuberoute-key' with"
                        + " algorithm hmac-sha1 (BADKEY): check rfc2136.tsig_key_name and rfc2136.tsig_algorithm",
                    "BADKEY name",
                    "zone open.test: update refused (NOTAUTH): the server does not know TSIG key 'nobody-key' with"
                        + " algorithm hmac-sha256 (BADKEY): check rfc2136.tsig_key_name and rfc2136.tsig_algorithm",
                    "BADSIG",
                    "zone open.test: update refused (NOTAUTH): the signature with TSIG key 'kuberoute-key' did not"
                        + " verify (BADSIG): rfc2136.tsig_secret is not the server's secret for that key")));
    assertThat(admin().serial(TestDnsServer.OPEN_ZONE)).isEqualTo(serial);
  }

  @Test
  void aKeyThatMayOnlyTransferIsRefusedTheUpdateWithOneLine() {
    Rfc2136Settings readOnly = settings(COM).withTsig(SyncFixtures.tsig(server().readOnlyKey()));
    CountingDnsClient client = CountingDnsClient.of(readOnly);
    DnsBackend b = new Rfc2136DnsBackend(readOnly, SyncFixtures.OWNER, client);
    backends.add(b);
    fx.set(
        List.of(service("shop", "shop", COM), service("blog", "blog", COM)),
        Map.of("shop", List.of("10.0.0.1"), "blog", List.of("10.0.0.2")));

    SyncResult r = fx.service(b).sync(SyncTrigger.FULL);

    String line =
        ("zone example.com: update refused (%s): TSIG key 'readonly-key' is not allowed to update zone example.com"
                + " (BIND: update-policy; Knot: an acl with action update and this key), or the server is not the"
                + " primary for example.com")
            .formatted(notAllowedRcode());
    assertThat(r.errors())
        .extracting(SyncError::message)
        .containsExactlyInAnyOrder(
            "writing blog.example.com failed: " + line, "writing shop.example.com failed: " + line);
    assertThat(client.counts().updates())
        .as("one UPDATE: the second name is not sent")
        .isEqualTo(1);
    assertThat(client.counts().transfers()).isEqualTo(1);
    assertThat(admin().lines(COM)).isEmpty();
  }

  @Test
  void aZoneTheServerDoesNotServeFailsAloneAndTheOtherZonesSync() {
    DnsBackend b = backend(settings(COM, "missing.test"));
    fx.set(
        List.of(service("shop", "shop", COM), service("api", "api", "missing.test")),
        Map.of("shop", List.of("10.0.0.1"), "api", List.of("10.0.0.2")));

    SyncResult r = fx.service(b).sync(SyncTrigger.FULL);

    assertThat(r.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.cause()).isEqualTo(SyncError.Cause.DNS_READ);
              assertThat(e.subject()).isEqualTo("missing.test");
              assertThat(e.message())
                  .startsWith("zone missing.test: zone transfer refused (")
                  .endsWith(
                      "TSIG key 'kuberoute-key' is not allowed to transfer zone missing.test (BIND: allow-transfer; Knot: an"
                          + " acl with action transfer and this key), or the server is not the primary for missing.test");
            });
    assertThat(admin().lines(COM)).isEqualTo(published("shop.example.com", "shop", "10.0.0.1"));
  }

  @Test
  void aStoppedServerFailsTheSyncAtOnceAndTheBackendRecoversWhenItIsBack() {
    DnsBackend b = backend(settings(COM));
    var sync = fx.service(b);
    fx.set(List.of(service("shop", "shop", COM)), Map.of("shop", List.of("10.0.0.1")));
    assertThat(sync.sync(SyncTrigger.FULL).errors()).isEmpty();

    server().stop();
    fx.set(List.of(service("shop", "shop", COM)), Map.of("shop", List.of("10.0.0.2")));
    SyncResult full = sync.sync(SyncTrigger.FULL);
    SyncResult event = sync.sync(SyncTrigger.EVENT);
    String down = "the DNS server 127.0.0.1:" + server().port() + " is unreachable: ";

    assertThat(full.outcome()).isEqualTo(SyncResult.Outcome.FAILED);
    assertThat(full.errors())
        .extracting(SyncError::message)
        .singleElement()
        .asString()
        .startsWith("reading DNS failed: " + down);
    assertThat(full.duration()).isLessThan(Duration.ofSeconds(3));
    assertThat(event.outcome())
        .as("after a failed read the event sync reads the server again, not the cache")
        .isEqualTo(SyncResult.Outcome.FAILED);
    assertThat(event.errors())
        .extracting(SyncError::message)
        .singleElement()
        .asString()
        .startsWith("reading DNS failed: " + down);

    server().start();
    SyncResult recovered = sync.sync(SyncTrigger.EVENT);

    assertThat(recovered.errors()).isEmpty();
    assertThat(admin().lines(COM)).isEqualTo(published("shop.example.com", "shop", "10.0.0.2"));
  }

  @Test
  void aServerThatDoesNotAnswerFailsTheSyncWithinTheTimeout() {
    DnsBackend b = backend(settings(COM).withTimeout(Duration.ofSeconds(1)));
    var sync = fx.service(b);
    fx.set(List.of(service("shop", "shop", COM)), Map.of("shop", List.of("10.0.0.1")));
    assertThat(sync.sync(SyncTrigger.FULL).errors()).isEmpty();

    server().freeze();
    SyncResult frozen = sync.sync(SyncTrigger.FULL);
    server().thaw();

    assertThat(frozen.errors())
        .extracting(SyncError::message)
        .containsExactly(
            "reading DNS failed: the DNS server 127.0.0.1:"
                + server().port()
                + " did not answer within 1 s");
    assertThat(frozen.duration()).isLessThan(Duration.ofSeconds(4));
    fx.set(
        List.of(service("shop", "shop", COM), service("api", "api", COM)),
        Map.of("shop", List.of("10.0.0.1"), "api", List.of("10.0.0.2")));
    SyncResult thawed = sync.sync(SyncTrigger.FULL);
    assertThat(thawed.errors()).isEmpty();
    assertThat(admin().lines(COM))
        .isEqualTo(
            merged(
                published("shop.example.com", "shop", "10.0.0.1"),
                published("api.example.com", "api", "10.0.0.2")));
  }

  @Test
  void aServerUnreachableAtTheFirstWriteThrowsForTheWholeApply() {
    DnsBackend b = backend(settings(COM));
    b.read(List.of(DnsName.of(COM)), true);
    server().stop();

    Assertions.assertThatThrownBy(() -> b.apply(creates(a("shop.example.com", "10.0.0.1"))))
        .isInstanceOf(DnsBackendException.class)
        .hasMessageStartingWith("the DNS server 127.0.0.1:" + server().port() + " is unreachable: ")
        .matches(e -> ((DnsBackendException) e).isTransient());
  }
}
