package io.kuberoute.dns.skydns;

import static io.kuberoute.dns.skydns.SyncFixtures.merged;
import static io.kuberoute.dns.skydns.SyncFixtures.published;
import static io.kuberoute.dns.skydns.SyncFixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.kuberoute.core.app.SyncError;
import io.kuberoute.core.app.SyncResult;
import io.kuberoute.core.app.SyncService;
import io.kuberoute.core.app.SyncTrigger;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.testkit.etcd.EtcdServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * etcd with authentication on (etcd's own {@code etcdctl user add} and {@code auth enable}), TLS
 * off: the backend logs in with username and password, and a wrong or missing login fails the sync
 * with a clear error that never shows the password.
 */
class SkyDnsAuthIT {

  private static final String ROOT_PASSWORD = "r00t-Secret!";
  private static final String USER_PASSWORD = "kr-Secret-42";
  private static EtcdServer etcd;

  private final SyncFixtures fx = new SyncFixtures();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private Logger root;
  private Level rootLevel;
  private DnsBackend backend;

  @BeforeAll
  static void startEtcdWithAuth() {
    etcd = EtcdServer.startPlain();
    etcd.enableAuth(ROOT_PASSWORD);
    etcd.addUserWithPrefix("kuberoute", USER_PASSWORD, "kuberoute-dns", "/skydns/com/example/");
  }

  @AfterAll
  static void stopEtcd() {
    if (etcd != null) {
      etcd.close();
    }
  }

  @BeforeEach
  void captureAllLogs() {
    etcd.etcdctl("del", "--prefix", "/skydns/");
    root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    rootLevel = root.getLevel();
    root.setLevel(Level.TRACE);
    logs.start();
    root.addAppender(logs);
  }

  @AfterEach
  void restoreLogs() {
    if (backend != null) {
      backend.close();
    }
    root.detachAppender(logs);
    root.setLevel(rootLevel);
    logs.stop();
    List<ILoggingEvent> captured;
    synchronized (logs) { // the lock appends hold: a gRPC thread may still be logging
      captured = List.copyOf(logs.list);
    }
    assertThat(captured).as("log lines were captured").isNotEmpty();
    for (ILoggingEvent e : captured) {
      String text =
          e.getFormattedMessage()
              + (e.getThrowableProxy() == null
                  ? ""
                  : ThrowableProxyUtil.asString(e.getThrowableProxy()));
      assertThat(text).doesNotContain(ROOT_PASSWORD).doesNotContain(USER_PASSWORD);
    }
  }

  private SyncService login(String... kv) {
    backend = SkyDnsDnsBackend.create(SyncFixtures.settings(etcd, kv), "kuberoute");
    return fx.service(backend);
  }

  private Map<String, String> skydns() {
    return parseEtcdctl(etcd.etcdctl("get", "--prefix", "/skydns/"));
  }

  private static Map<String, String> parseEtcdctl(String output) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    String[] lines = output.strip().isEmpty() ? new String[0] : output.strip().split("\n");
    for (int i = 0; i + 1 < lines.length; i += 2) {
      out.put(lines[i], lines[i + 1]);
    }
    return out;
  }

  private static List<String> messages(SyncResult r) {
    return r.errors().stream().map(SyncError::message).toList();
  }

  @Test
  void writesWithUsernameAndPassword() {
    SyncService sync = login("username", "root", "password", ROOT_PASSWORD);
    fx.set(List.of(service("shop", "shop", "example.com")), Map.of("shop", List.of("10.0.0.1")));

    SyncResult r = sync.sync(SyncTrigger.FULL);

    assertThat(r.errors()).isEmpty();
    assertThat(skydns()).isEqualTo(published("shop.example.com", "10.0.0.1"));
    assertThat(backend.toString()).doesNotContain(ROOT_PASSWORD);
  }

  @Test
  void aWrongPasswordFailsTheSyncNamingTheUserButNotThePassword() {
    SyncService sync = login("username", "root", "password", "wrong-" + ROOT_PASSWORD);
    fx.set(List.of(service("shop", "shop", "example.com")), Map.of("shop", List.of("10.0.0.1")));

    SyncResult r = sync.sync(SyncTrigger.FULL);

    assertThat(messages(r))
        .containsExactly(
            "reading DNS failed: etcd at "
                + etcd.endpoint()
                + " refused user 'root' (etcdserver: authentication failed, invalid user ID or password)");
    assertThat(skydns()).isEmpty();
  }

  @Test
  void noLoginAgainstAnEtcdWithAuthenticationSaysWhatToConfigure() {
    SyncService sync = login();
    fx.set(List.of(service("shop", "shop", "example.com")), Map.of("shop", List.of("10.0.0.1")));

    SyncResult r = sync.sync(SyncTrigger.FULL);

    assertThat(messages(r))
        .containsExactly(
            "reading DNS failed: etcd at "
                + etcd.endpoint()
                + " requires authentication: set username and password in [skydns] (etcdserver: user name is empty)");
  }

  @Test
  void aUserAllowedOneDomainPublishesItAndReportsTheOtherDomainAlone() {
    SyncService sync = login("username", "kuberoute", "password", USER_PASSWORD);
    fx.set(
        List.of(service("shop", "shop", "example.com"), service("api", "api", "example.org")),
        Map.of("shop", List.of("10.0.0.1"), "api", List.of("10.0.0.2")));

    SyncResult r = sync.sync(SyncTrigger.FULL);

    assertThat(r.outcome()).isEqualTo(SyncResult.Outcome.FAILED);
    assertThat(messages(r))
        .containsExactly(
            "etcd at "
                + etcd.endpoint()
                + ": user 'kuberoute' is not allowed to read /skydns/org/example/ (etcdserver: permission denied)");
    assertThat(skydns()).isEqualTo(published("shop.example.com", "10.0.0.1"));
  }

  @Test
  void aUserWhoMayNotReadTheWholePrefixFallsBackToTheRouteDomainsAndSaysSoOnce() {
    SyncService sync = login("username", "kuberoute", "password", USER_PASSWORD);
    fx.set(List.of(service("shop", "shop", "example.com")), Map.of("shop", List.of("10.0.0.1")));

    List<SyncResult> results =
        List.of(
            sync.sync(SyncTrigger.FULL), sync.sync(SyncTrigger.EVENT), sync.sync(SyncTrigger.FULL));

    assertThat(results).allSatisfy(r -> assertThat(r.errors()).isEmpty());
    assertThat(skydns()).isEqualTo(published("shop.example.com", "10.0.0.1"));
    assertThat(warnings())
        .containsExactly(
            "cannot read every key under /skydns: etcd at "
                + etcd.endpoint()
                + ": user 'kuberoute' is not allowed"
                + " to read /skydns/ (etcdserver: permission denied). Until it can, only the domains of the current"
                + " routes are read, so records kuberoute owns in other domains are neither found nor cleaned up;"
                + " let the etcd user read /skydns/, or set [kuberoute] domains to the domains it may read");
  }

  @Test
  void withDomainsThatTheUserMayReadOwnedRecordsAreDiscoveredWithinThemWithoutAWarning() {
    backend =
        SkyDnsDnsBackend.create(
            SyncFixtures.settings(etcd, "username", "kuberoute", "password", USER_PASSWORD),
            "kuberoute");
    SyncService sync =
        fx.service(
            backend,
            SyncFixtures.syncSettings("kuberoute", true, java.util.Optional.empty())
                .withDomains(io.kuberoute.core.model.DomainFilter.of("example.com")));
    fx.set(
        List.of(service("shop", "shop", "example.com"), service("api", "api", "example.com")),
        Map.of("shop", List.of("10.0.0.1"), "api", List.of("10.0.0.2")));
    assertThat(sync.sync(SyncTrigger.FULL).errors()).isEmpty();

    // a fresh process, with no Service left, finds both names within the filter and cleans them up
    backend.close();
    backend =
        SkyDnsDnsBackend.create(
            SyncFixtures.settings(etcd, "username", "kuberoute", "password", USER_PASSWORD),
            "kuberoute");
    sync =
        fx.service(
            backend,
            SyncFixtures.syncSettings("kuberoute", true, java.util.Optional.empty())
                .withDomains(io.kuberoute.core.model.DomainFilter.of("example.com")));
    fx.set(List.of(), Map.of());
    SyncResult r = sync.sync(SyncTrigger.FULL);

    assertThat(r.errors()).isEmpty();
    assertThat(r.applied().deletes()).hasSize(2);
    assertThat(skydns()).isEmpty();
    assertThat(warnings()).isEmpty();
  }

  @Test
  void aUserWhoMayReadThePrefixAndWriteOneDomainDiscoversEverywhereAndWritesThatDomain() {
    etcd.etcdctl("role", "add", "kuberoute-discover");
    etcd.etcdctl(
        "role", "grant-permission", "kuberoute-discover", "--prefix=true", "read", "/skydns/");
    etcd.etcdctl(
        "role",
        "grant-permission",
        "kuberoute-discover",
        "--prefix=true",
        "readwrite",
        "/skydns/com/example/");
    etcd.etcdctl("user", "add", "discoverer:" + USER_PASSWORD);
    etcd.etcdctl("user", "grant-role", "discoverer", "kuberoute-discover");
    try {
      SyncService sync = login("username", "discoverer", "password", USER_PASSWORD);
      fx.set(
          List.of(service("shop", "shop", "example.com"), service("api", "api", "example.org")),
          Map.of("shop", List.of("10.0.0.1"), "api", List.of("10.0.0.2")));

      SyncResult r = sync.sync(SyncTrigger.FULL);

      assertThat(messages(r))
          .containsExactly(
              "writing api.example.org failed: etcd at "
                  + etcd.endpoint()
                  + ": user 'discoverer' is not allowed to write api.example.org (etcdserver: permission denied)");
      assertThat(skydns()).isEqualTo(published("shop.example.com", "10.0.0.1"));
      assertThat(warnings()).isEmpty();
    } finally {
      etcd.etcdctl("user", "delete", "discoverer");
      etcd.etcdctl("role", "delete", "kuberoute-discover");
    }
  }

  private List<String> warnings() {
    synchronized (logs) {
      return logs.list.stream()
          .filter(
              e ->
                  e.getLevel() == Level.WARN
                      && e.getLoggerName().equals(SkyDnsDnsBackend.class.getName()))
          .map(ILoggingEvent::getFormattedMessage)
          .toList();
    }
  }

  @Test
  void theSyncAfterAnEtcdRestartLogsInAgain() {
    SyncService sync = login("username", "root", "password", ROOT_PASSWORD);
    fx.set(List.of(service("shop", "shop", "example.com")), Map.of("shop", List.of("10.0.0.1")));
    assertThat(sync.sync(SyncTrigger.FULL).errors()).isEmpty();

    etcd.stop();
    etcd.start();
    fx.set(
        List.of(service("shop", "shop", "example.com")),
        Map.of("shop", List.of("10.0.0.1", "10.0.0.2")));
    SyncResult first = sync.sync(SyncTrigger.FULL);
    SyncResult second = sync.sync(SyncTrigger.FULL);

    assertThat(first.errors().size() + second.errors().size())
        .as("at most one failing sync")
        .isLessThanOrEqualTo(1);
    assertThat(second.errors()).isEmpty();
    assertThat(skydns()).isEqualTo(merged(published("shop.example.com", "10.0.0.1", "10.0.0.2")));
  }
}
