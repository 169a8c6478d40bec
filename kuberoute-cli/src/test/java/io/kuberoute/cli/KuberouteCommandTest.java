package io.kuberoute.cli;

import static io.kuberoute.testkit.fixtures.Fixtures.node;
import static io.kuberoute.testkit.fixtures.Fixtures.pod;
import static io.kuberoute.testkit.fixtures.Fixtures.routed;
import static io.kuberoute.testkit.fixtures.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.Ownership;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import io.kuberoute.testkit.fixtures.InMemoryDnsBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The command line in-process: exit codes, what goes to stdout and stderr, what is touched. */
class KuberouteCommandTest {

  private static final String MINIMAL = ConfigReaderTest.MINIMAL;

  @TempDir Path dir;

  private final TestAdapters adapters = new TestAdapters();

  private Path write(String text) throws IOException {
    Path file = dir.resolve("kuberoute.ini");
    Files.writeString(file, text);
    return file;
  }

  /** A file name placeholder in the cases below; replaced by the temp file's path. */
  private static final String FILE = "<file>";

  static Stream<Arguments> badConfigurations() {
    String skydns = MINIMAL.replace("dns_backend = fakedns", "dns_backend = skydns");
    String url = MINIMAL.replace("serviceaccount", "kubernetes_url");
    return Stream.of(
        Arguments.of(
            "no [kuberoute] section",
            "[fakedns]\n",
            "Config file <file> has no [kuberoute] section"),
        Arguments.of(
            "missing required key",
            MINIMAL.replace("kubeconfig_kind = serviceaccount\n", ""),
            "missing required key kuberoute.kubeconfig_kind (add 'kubeconfig_kind = ...' to the [kuberoute] section)"),
        Arguments.of(
            "missing namespaces",
            MINIMAL.replace("namespaces = default\n", ""),
            "missing required key kuberoute.namespaces (add 'namespaces = ...' to the [kuberoute] section)"),
        Arguments.of(
            "missing port",
            MINIMAL.replace("port = 8081\n", ""),
            "missing required key kuberoute.port (add 'port = ...' to the [kuberoute] section, or pass --port)"),
        Arguments.of(
            "unknown dns_backend",
            MINIMAL.replace("dns_backend = fakedns", "dns_backend = bind"),
            "invalid value for kuberoute.dns_backend: 'bind' (allowed: fakedns, filedns, rfc2136, route53, skydns, webhook)"),
        Arguments.of(
            "unknown kubeconfig_kind",
            MINIMAL.replace("kubeconfig_kind = serviceaccount", "kubeconfig_kind = token"),
            "invalid value for kuberoute.kubeconfig_kind: 'token' (allowed: serviceaccount, kubeconfig, kubernetes_url, manifests)"),
        Arguments.of(
            "backend section missing",
            skydns.replace("[fakedns]\n", ""),
            "dns_backend = skydns needs a [skydns] section (e.g. 'host = 127.0.0.1')"),
        Arguments.of(
            "fakedns section missing",
            MINIMAL.replace("[fakedns]\n", ""),
            "dns_backend = fakedns needs a [fakedns] section (it may be empty)"),
        Arguments.of(
            "non-numeric port",
            MINIMAL.replace("port = 8081", "port = eighty"),
            "invalid value for kuberoute.port: 'eighty' (allowed: a whole number from 0 to 65535)"),
        Arguments.of(
            "inline comment after the port",
            MINIMAL.replace("port = 8081", "port = 8081 # x"),
            "invalid value for kuberoute.port: '8081 # x' (allowed: a whole number from 0 to 65535); a comment must be on a line of its own, after a value it is part of the value"),
        Arguments.of(
            "port out of range",
            MINIMAL.replace("port = 8081", "port = 70000"),
            "invalid value for kuberoute.port: '70000' (allowed: a whole number from 0 to 65535)"),
        Arguments.of(
            "negative port",
            MINIMAL.replace("port = 8081", "port = -1"),
            "invalid value for kuberoute.port: '-1' (allowed: a whole number from 0 to 65535)"),
        Arguments.of(
            "non-numeric interval",
            MINIMAL.replace("port = 8081", "port = 8081\ninterval = 1m"),
            "invalid value for kuberoute.interval: '1m' (allowed: a whole number from 1 to 86400)"),
        Arguments.of(
            "bad verify value",
            url + "[kubernetes_url]\nurl = https://127.0.0.1:6443\nverify = maybe\n",
            "invalid value for kubernetes_url.verify: 'maybe' (allowed: true, yes, on, false, no or off)"),
        Arguments.of(
            "kubernetes_url section missing",
            url,
            "kubeconfig_kind = kubernetes_url needs a [kubernetes_url] section (e.g. 'url = https://127.0.0.1:6443')"),
        Arguments.of(
            "unknown template key",
            MINIMAL
                + "[replacements]\nstage = prod\n[heartbeat]\nname_template = hb-_TEMPLATE_START_cluster_TEMPLATE_END_\n",
            "invalid value for heartbeat.name_template: unknown template key 'cluster' in 'hb-_TEMPLATE_START_cluster_TEMPLATE_END_' (defined in [replacements]: stage)"),
        Arguments.of(
            "duplicate section",
            MINIMAL + "[fakedns]\n",
            "Config file <file>: section [fakedns] appears more than once (merge them into one)"),
        Arguments.of(
            "duplicate key",
            MINIMAL.replace("port = 8081", "port = 8081\nPORT = 8082"),
            "Config file <file>: key kuberoute.port appears more than once (key names ignore case; keep one)"),
        Arguments.of(
            "a lone percent sign",
            MINIMAL + "[replacements]\nrate = 100%\n",
            "invalid value for replacements.rate: a '%' must be followed by '%' or '(' (a literal % is written %%)"),
        Arguments.of(
            "manifests file missing",
            MINIMAL.replace("serviceaccount", "manifests") + "[manifests]\npath = nope.yaml\n",
            "invalid value for manifests.path: '<dir>/nope.yaml' (allowed: an existing YAML file of Kubernetes objects; this file does not exist)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badConfigurations")
  void aBadConfigurationIsOneLineOnStderrAndExitCode2WithNothingBuilt(
      String what, String text, String message) throws IOException {
    Path file = write(text);
    CommandRunner cli = new CommandRunner(adapters, dir);

    int code = cli.run("--config", file.toString());

    assertThat(code).isEqualTo(2);
    assertThat(cli.err())
        .isEqualTo(message.replace(FILE, file.toString()).replace("<dir>", dir.toString()) + "\n");
    assertThat(cli.out()).isEmpty();
    List<String> allowed = what.equals("manifests file missing") ? List.of("manifests") : List.of();
    assertThat(adapters.built).isEqualTo(allowed);
  }

  @Test
  void aMissingFileKeepsTheOriginalMessage() {
    CommandRunner cli = new CommandRunner(adapters, dir);
    Path missing = dir.resolve("missing.ini");

    assertThat(cli.run("--config", missing.toString())).isEqualTo(2);
    assertThat(cli.err()).isEqualTo("Config file " + missing + " not found, exiting\n");
    assertThat(adapters.built).isEmpty();
  }

  @Test
  void anUnreadableFileIsExitCode2() {
    CommandRunner cli = new CommandRunner(adapters, dir);

    assertThat(cli.run("--config", dir.toString())).isEqualTo(2);
    assertThat(cli.err())
        .isEqualTo("Config file " + dir + " cannot be read, exiting: it is a directory\n");
  }

  @Test
  void theDefaultConfigPathIsEtcKuberouteConfig() {
    CommandRunner cli = new CommandRunner(adapters, dir);
    assertThat(cli.run("--once")).isEqualTo(2);
    assertThat(cli.err()).isEqualTo("Config file /etc/kuberoute/config not found, exiting\n");
  }

  @Test
  void aPortOutOfRangeOnTheCommandLineIsExitCode2() throws IOException {
    CommandRunner cli = new CommandRunner(adapters, dir);
    assertThat(cli.run("--config", write(MINIMAL).toString(), "--port", "65536")).isEqualTo(2);
    assertThat(cli.err())
        .isEqualTo("invalid value for --port: '65536' (allowed: a whole number from 0 to 65535)\n");
    assertThat(adapters.built).isEmpty();
  }

  @Test
  void anOptionWithNoSuggestionGetsTheShortUsageLineNotTheWholeHelp() {
    CommandRunner cli = new CommandRunner(adapters, dir);

    assertThat(cli.run("--once", "--prot", "8080")).isEqualTo(2);
    assertThat(cli.err())
        .isEqualTo(
            """
            Unknown options: '--prot', '8080'
            Usage: kuberoute [-hV] [--debug] [--dry-run] [--force] [--once] [--config=PATH]
                             [--log-format=FORMAT] [--port=N]
            Try 'kuberoute --help' for more information.
            """);
    assertThat(cli.out()).isEmpty();
  }

  @Test
  void anUnknownOptionIsAUsageErrorWithExitCode2() {
    CommandRunner cli = new CommandRunner(adapters, dir);
    assertThat(cli.run("--verbose")).isEqualTo(2);
    assertThat(cli.err())
        .isEqualTo(
            "Unknown option: '--verbose'\nPossible solutions: --version\nTry 'kuberoute --help' for more information.\n");
    assertThat(adapters.built).isEmpty();
  }

  @Test
  void unknownKeysAreAWarningNotAnError() throws IOException {
    Path file = write(MINIMAL.replace("port = 8081", "port = 8081\ncolour = blue"));
    CommandRunner cli = new CommandRunner(adapters, dir);

    assertThat(cli.run("--config", file.toString(), "--once")).isEqualTo(0);
    assertThat(cli.err())
        .contains(
            "WARN  KuberouteCommand - ignoring unknown keys kuberoute.colour in " + file + "\n");
  }

  @Test
  void onceWithTheManifestsDemoPrintsTheCreatesAndExits0() throws IOException {
    Path file =
        write(
            MINIMAL
                    .replace("serviceaccount", "manifests")
                    .replace("namespaces = default", "namespaces = default, web")
                + "[manifests]\npath = "
                + demoCluster()
                + "\n[replacements]\nstage = prod\n");
    CommandRunner cli = new CommandRunner(adapters, dir);

    assertThat(cli.run("--config", file.toString(), "--once")).isEqualTo(0);
    assertThat(cli.out())
        .isEqualTo(
            """
            CREATE api.example.com A 60 203.0.113.10
            CREATE blog.example.org A 60 198.51.100.2,198.51.100.3
            CREATE docs-prod-v1.example.com A 60 198.51.100.3
            CREATE shop.example.com A 60 198.51.100.1,198.51.100.2,198.51.100.3
            CREATE status.example.com CNAME 60 status-backup.example.net
            """);
  }

  @Test
  void onceExits1WhenTheSyncFails() throws IOException {
    InMemoryDnsBackend dns = new InMemoryDnsBackend("kuberoute");
    dns.setUnreachable(true);
    adapters.backend = dns;
    ((TestClusterSource) adapters.cluster).set(TestClusterSource.SHOP);
    CommandRunner cli = new CommandRunner(adapters, dir);

    assertThat(cli.run("--config", write(MINIMAL).toString(), "--once")).isEqualTo(1);
    assertThat(cli.err())
        .contains("sync (FULL) failed: [reading DNS failed: in-memory DNS is unreachable]");
    assertThat(adapters.built).containsExactly("fakedns", "connect", "closed cluster");
  }

  @Test
  void onceWritesWithTheConfiguredBackendAndExits0() throws IOException {
    InMemoryDnsBackend dns = new InMemoryDnsBackend("kuberoute");
    adapters.backend = dns;
    ((TestClusterSource) adapters.cluster).set(TestClusterSource.SHOP);
    CommandRunner cli = new CommandRunner(adapters, dir);

    assertThat(cli.run("--config", write(MINIMAL).toString(), "--once")).isEqualTo(0);
    assertThat(dns.all()).hasSize(1);
    assertThat(dns.all().get(0).record())
        .isEqualTo(
            new RecordSet(DnsName.of("shop.example.com"), RecordType.A, 60, List.of("10.0.0.1")));
    assertThat(cli.out()).isEmpty();
    assertThat(cli.err()).contains("INFO  SyncService - CREATE shop.example.com A 60 10.0.0.1\n");
  }

  @Test
  void onceWaitsForTheClusterViewToSyncBeforeItsSync() throws Exception {
    InMemoryDnsBackend dns = new InMemoryDnsBackend("kuberoute");
    adapters.backend = dns;
    TestClusterSource source = (TestClusterSource) adapters.cluster;
    source.setSynced(false);
    java.util.concurrent.CompletableFuture<Void> informers =
        java.util.concurrent.CompletableFuture.runAsync(
            () -> {
              try {
                Thread.sleep(300);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              source.set(TestClusterSource.SHOP);
              source.setSynced(true);
            });
    CommandRunner cli = new CommandRunner(adapters, dir);

    assertThat(cli.run("--config", write(MINIMAL).toString(), "--once")).isEqualTo(0);
    informers.get();
    assertThat(dns.all())
        .extracting(r -> r.record().name().value())
        .containsExactly("shop.example.com");
  }

  @Test
  void dryRunPrintsThePlanInTheFakednsFormatAndWritesNothingWithAnyBackend() throws IOException {
    InMemoryDnsBackend dns = new InMemoryDnsBackend("kuberoute");
    dns.seed(
        new RecordSet(DnsName.of("old.example.com"), RecordType.A, 60, List.of("10.9.9.9")),
        Ownership.ownedBy("kuberoute", "service/default/old"));
    adapters.backend = dns;
    ((TestClusterSource) adapters.cluster)
        .set(
            snapshot(
                List.of(routed("shop", "shop", "example.com")),
                List.of(pod("shop-1", "shop", "n1"), pod("shop-2", "shop", "n2")),
                List.of(node("n1", "10.0.0.1"), node("n2", "10.0.0.2"))));
    Path file =
        write(
            MINIMAL.replace("dns_backend = fakedns", "dns_backend = skydns")
                + "[skydns]\nhost = etcd\n");
    CommandRunner cli = new CommandRunner(adapters, dir);

    assertThat(cli.run("--config", file.toString(), "--once", "--dry-run")).isEqualTo(0);
    assertThat(cli.out())
        .isEqualTo(
            "DELETE old.example.com A 60 10.9.9.9\nCREATE shop.example.com A 60 10.0.0.1,10.0.0.2\n");
    assertThat(dns.appliedChangeSets()).isEmpty();
    assertThat(adapters.built).containsExactly("skydns", "connect", "closed cluster");
    assertThat(adapters.connectedWith.leaderElection()).isEmpty();
  }

  @Test
  void forceLetsTheDeletionGuardThrough() throws IOException {
    InMemoryDnsBackend dns = new InMemoryDnsBackend("kuberoute");
    for (int i = 0; i < 10; i++) {
      dns.seed(
          new RecordSet(
              DnsName.of("s" + i + ".example.com"), RecordType.A, 60, List.of("10.9.9." + i)),
          Ownership.ownedBy("kuberoute", "service/default/s" + i));
    }
    adapters.backend = dns;
    ((TestClusterSource) adapters.cluster).set(TestClusterSource.SHOP);
    Path file = write(MINIMAL);

    CommandRunner guarded = new CommandRunner(adapters, dir);
    assertThat(guarded.run("--config", file.toString(), "--once")).isEqualTo(1);
    assertThat(dns.all()).hasSize(11);

    CommandRunner forced = new CommandRunner(adapters, dir);
    assertThat(forced.run("--config", file.toString(), "--once", "--force")).isEqualTo(0);
    assertThat(dns.all())
        .extracting(r -> r.record().name().value())
        .containsExactly("shop.example.com");
  }

  @Test
  void leaderElectionIsPassedToTheClusterWithTheLease() throws IOException {
    CommandRunner cli = new CommandRunner(adapters, dir);
    assertThat(
            cli.run(
                "--config",
                write(MINIMAL.replace("port = 8081", "port = 8081\nleader_election = true"))
                    .toString(),
                "--once"))
        .isEqualTo(0);
    assertThat(adapters.connectedWith.leaderElection().orElseThrow())
        .isEqualTo(
            new io.kuberoute.k8s.KubernetesOptions.LeaseSettings(
                "kuberoute", "default", "test-pod"));
    assertThat(adapters.connectedWith.domainLabel()).isEqualTo("kuberoute_domain");
    assertThat(adapters.connectedWith.resync()).isEqualTo(java.time.Duration.ofSeconds(60));
  }

  @Test
  void jsonLogsAreOneObjectPerLine() throws IOException {
    CommandRunner cli = new CommandRunner(adapters, dir);
    Path file =
        write(MINIMAL.replace("port = 8081", "port = 8081\nlog_format = json\ncolour = red"));

    assertThat(cli.run("--config", file.toString(), "--once")).isEqualTo(0);
    List<String> lines = cli.err().lines().toList();
    assertThat(lines)
        .isNotEmpty()
        .allMatch(l -> l.startsWith("{\"timestamp\":") && l.endsWith("}"));
    assertThat(lines)
        .anyMatch(
            l ->
                l.contains("\"level\":\"WARN\"")
                    && l.contains("\"loggerName\":\"io.kuberoute.cli.KuberouteCommand\"")
                    && l.contains(
                        "\"formattedMessage\":\"ignoring unknown keys kuberoute.colour in "
                            + file.toString().replace("/", "\\/")
                            + "\""));
  }

  @Test
  void debugLogsAtDebugLevel() throws IOException {
    Path file = write(MINIMAL);
    CommandRunner quiet = new CommandRunner(adapters, dir);
    assertThat(quiet.run("--config", file.toString(), "--once")).isEqualTo(0);
    assertThat(quiet.err()).doesNotContain("DEBUG");

    CommandRunner debug = new CommandRunner(adapters, dir);
    assertThat(debug.run("--config", file.toString(), "--once", "--debug")).isEqualTo(0);
    assertThat(debug.err()).contains("DEBUG SyncService - sync (FULL) done: 0 change(s) applied");
  }

  @Test
  void secretsAppearInNoOutputEvenWithDebug() throws IOException {
    adapters.backend = new InMemoryDnsBackend("kuberoute");
    ((TestClusterSource) adapters.cluster).set(TestClusterSource.SHOP);
    String config =
        MINIMAL
                .replace("dns_backend = fakedns", "dns_backend = route53")
                .replace("port = 8081", "port = 8081\npassword = TOP-SECRET-0")
            + "[route53]\naws_access_key_id = AKIA\naws_secret_access_key = TOP-SECRET-1\n"
            + "[s3report]\nbucket_name = state-bucket\nkey = k.json\naws_access_key_id = AKIA2\naws_secret_access_key = TOP-SECRET-2\n";
    CommandRunner cli = new CommandRunner(adapters, dir);

    assertThat(cli.run("--config", write(config).toString(), "--once", "--debug")).isEqualTo(0);
    assertThat(cli.out() + cli.err())
        .contains("CREATE shop.example.com")
        .doesNotContain("TOP-SECRET");
    assertThat(adapters.built)
        .containsExactly("route53", "s3", "connect", "closed cluster", "closed s3");

    CommandRunner bad = new CommandRunner(adapters, dir);
    assertThat(
            bad.run(
                "--config",
                write(config.replace("TOP-SECRET-1", "TOP%SECRET")).toString(),
                "--once"))
        .isEqualTo(2);
    assertThat(bad.err())
        .isEqualTo(
            "invalid value for route53.aws_secret_access_key: a '%' must be followed by '%' or '(' (a literal % is written %%)\n");

    // an adapter's own validation error about a half key pair shows no secret either
    CommandRunner half = new CommandRunner(adapters, dir);
    assertThat(
            half.run(
                "--config",
                write(config.replace("aws_access_key_id = AKIA2\n", "")).toString(),
                "--once"))
        .isEqualTo(2);
    assertThat(half.err()).contains("s3report.").doesNotContain("TOP-SECRET");
  }

  @Test
  void helpListsEveryFlagAndExitCodeAndExits0() {
    CommandRunner cli = new CommandRunner(adapters, dir);
    assertThat(cli.run("--help")).isEqualTo(0);
    assertThat(cli.out())
        .contains(
            "--config=PATH",
            "/etc/kuberoute/config",
            "--port=N",
            "--once",
            "--dry-run",
            "--debug",
            "--force",
            "--version",
            "--help")
        .contains(
            "  0   success", "  1   the sync failed (--once)", "  2   configuration or usage error")
        .contains("/health", "/healthz", "/readyz", "/metrics", "/status")
        .contains(
            "kubeconfig_kind", "dns_backend", "namespaces", "port", "domain_label", "name_label")
        .contains(
            "failover_label", "quota_label", "interval", "ttl", "service_types", "node_address")
        .contains("owner_id", "policy", "max_delete_percent", "adopt_existing", "leader_election")
        .contains("lease_name", "lease_namespace", "log_format");
    assertThat(cli.err()).isEmpty();
  }

  @Test
  void versionPrintsTheVersionAndExits0() {
    CommandRunner cli = new CommandRunner(adapters, dir);
    assertThat(cli.run("--version")).isEqualTo(0);
    assertThat(cli.out()).isEqualTo("kuberoute (development build)\n");
  }

  @Test
  void anAdapterFailingUnexpectedlyAtStartUpIsExitCode1WithOneLine() throws IOException {
    Path file =
        write(MINIMAL.replace("dns_backend = fakedns", "dns_backend = route53") + "[route53]\n");
    TestAdapters failing =
        new TestAdapters() {
          @Override
          io.kuberoute.core.spi.BackendSpec backendSpec(
              io.kuberoute.core.spi.DnsBackendProvider provider,
              io.kuberoute.core.config.ConfigSection s) {
            if (provider.name().equals("route53")) {
              throw new IllegalStateException("the AWS SDK could not be initialised");
            }
            return super.backendSpec(provider, s);
          }
        };
    CommandRunner cli = new CommandRunner(failing, dir);

    assertThat(cli.run("--config", file.toString(), "--once")).isEqualTo(1);
    assertThat(cli.err())
        .isEqualTo(
            "kuberoute cannot start: java.lang.IllegalStateException: the AWS SDK could not be initialised\n");
    assertThat(failing.built).isEmpty();
  }

  private static Path demoCluster() {
    return Path.of("..", "examples", "demo-cluster.yaml").toAbsolutePath().normalize();
  }
}
