package io.kuberoute.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kuberoute.cli.ConfigReader.Overrides;
import io.kuberoute.cli.KuberouteConfig.LiveCluster;
import io.kuberoute.cli.KuberouteConfig.LogFormat;
import io.kuberoute.cli.KuberouteConfig.ManifestsCluster;
import io.kuberoute.core.ConfigurationException;
import io.kuberoute.core.app.HeartbeatSettings;
import io.kuberoute.core.app.SyncSettings;
import io.kuberoute.core.config.ConfigSection;
import io.kuberoute.core.model.DomainFilter;
import io.kuberoute.core.plan.PlanSettings;
import io.kuberoute.core.plan.Policy;
import io.kuberoute.core.routing.LabelKeys;
import io.kuberoute.core.routing.NodeAddressMode;
import io.kuberoute.core.routing.RouteSettings;
import io.kuberoute.core.template.Template;
import io.kuberoute.dns.route53.Route53Provider;
import io.kuberoute.dns.route53.Route53Settings;
import io.kuberoute.dns.skydns.SkyDnsProvider;
import io.kuberoute.dns.skydns.SkyDnsSettings;
import io.kuberoute.k8s.KubernetesAuth;
import io.kuberoute.k8s.KubernetesOptions.LeaseSettings;
import io.kuberoute.k8s.Namespaces;
import io.kuberoute.report.s3.S3ReportSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The INI file becomes a typed, validated configuration; original files mean what they meant. */
class ConfigReaderTest {

  /** behaviour §2.4: the smallest configuration the original ran with. */
  static final String MINIMAL =
      """
      [kuberoute]
      kubeconfig_kind = serviceaccount
      dns_backend = fakedns
      namespaces = default
      domain_label = kuberoute_domain
      name_label = kuberoute_name
      failover_label = kuberoute_failover
      quota_label = kuberoute_quota
      port = 8081

      [fakedns]
      """;

  /** The original README's example, verbatim (its `namespace` spelling included). */
  static final String README_EXAMPLE =
      """
      [kuberoute]
      kubeconfig_kind = serviceaccount
      port = 8081
      dns_backend = skydns
      domain_label = kuberoute_domain
      name_label = kuberoute_name
      failover_label = kuberoute_failover
      quota_label = kuberoute_quota
      namespace = default

      [skydns]
      # host of the etcd instance that skydns uses,
      # this is NOT THE SKYDNS HOST
      host = etcd.server.url
      port = 2379
      protocol = http

      [route53]
      # this section will be ignored.  you could use this
      # backend by activating it in the [kuberoute] section
      aws_access_key_id = 123456ABCDEF
      aws_secret_access_key = abcdefghijk12334677246
      """;

  private static final Overrides SERVE = new Overrides(OptionalInt.empty(), true, false, false);

  @TempDir Path dir;

  private final TestAdapters adapters = new TestAdapters();

  private HostEnvironment host(String hostname) throws IOException {
    Path ns = dir.resolve("namespace");
    Files.writeString(ns, "kube-system\n");
    return new HostEnvironment(hostname == null ? Map.of() : Map.of("HOSTNAME", hostname), ns);
  }

  private KuberouteConfig read(String text) throws IOException {
    return read(text, SERVE);
  }

  private KuberouteConfig read(String text, Overrides overrides) throws IOException {
    Path file = dir.resolve("kuberoute.ini");
    Files.writeString(file, text);
    return new ConfigReader(adapters, host("kuberoute-7d9f-x2"))
        .read(IniFile.read(file), overrides);
  }

  private static String minimalWith(String kuberouteKeys, String sections) {
    return MINIMAL.replace("port = 8081\n", "port = 8081\n" + kuberouteKeys) + sections;
  }

  @Test
  void theOriginalMinimalConfigGivesTheDefaults() throws IOException {
    KuberouteConfig config = read(MINIMAL);

    assertThat(config.cluster())
        .isEqualTo(new LiveCluster("serviceaccount", new KubernetesAuth.ServiceAccount()));
    assertThat(config.backend().name()).isEqualTo("fakedns");
    assertThat(config.namespaces()).isEqualTo(Namespaces.of("default"));
    assertThat(config.port()).isEqualTo(OptionalInt.of(8081));
    assertThat(config.sync())
        .isEqualTo(
            new SyncSettings(
                new RouteSettings(
                    LabelKeys.DEFAULT, Set.of("NodePort"), NodeAddressMode.AUTO, 60, Map.of()),
                new PlanSettings("kuberoute", Policy.SYNC, true, 30, false),
                Optional.empty(),
                Duration.ofSeconds(60),
                false));
    assertThat(config.logFormat()).isEqualTo(LogFormat.TEXT);
    assertThat(config.eventSync()).isTrue();
    assertThat(config.leaderElection()).isEmpty();
    assertThat(config.statusReport()).isEmpty();
    assertThat(config.warnings()).isEmpty();
  }

  @Test
  void theOriginalReadmeExampleWithItsNamespaceSpellingReadsTheSkydnsSectionOnly()
      throws IOException {
    KuberouteConfig config = read(README_EXAMPLE);

    assertThat(config.cluster())
        .isEqualTo(new LiveCluster("serviceaccount", new KubernetesAuth.ServiceAccount()));
    assertThat(config.backend().name()).isEqualTo("skydns");
    assertThat(config.backend().spec())
        .isEqualTo(
            new SkyDnsProvider.Spec(
                new SkyDnsSettings(
                    List.of(URI.create("http://etcd.server.url:2379")),
                    "/skydns",
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Duration.ofSeconds(5))));
    assertThat(adapters.parsed)
        .containsOnlyKeys("skydns")
        .containsEntry(
            "skydns", Map.of("host", "etcd.server.url", "port", "2379", "protocol", "http"));
    assertThat(config.namespaces()).isEqualTo(Namespaces.of("default"));
    assertThat(config.port()).isEqualTo(OptionalInt.of(8081));
    assertThat(config.sync().route().labels()).isEqualTo(LabelKeys.DEFAULT);
    assertThat(config.warnings()).isEmpty();
    assertThat(adapters.built).isEmpty();
  }

  @Test
  void everyNewKeyIsRead() throws IOException {
    KuberouteConfig config =
        read(
            minimalWith(
                """
                interval = 15
                ttl = 300
                service_types = LoadBalancer, nodeport
                node_address = Internal
                owner_id = cluster-a.eu
                policy = upsert-only
                max_delete_percent = 50
                adopt_existing = no
                leader_election = yes
                lease_name = kuberoute-dns
                lease_namespace = dns
                log_format = json
                event_sync = off
                """,
                "[replacements]\nStage = prod\n"));

    RouteSettings route = config.sync().route();
    assertThat(config.sync().interval()).isEqualTo(Duration.ofSeconds(15));
    assertThat(route.ttl()).isEqualTo(300);
    assertThat(route.serviceTypes()).containsExactlyInAnyOrder("LoadBalancer", "NodePort");
    assertThat(route.nodeAddress()).isEqualTo(NodeAddressMode.INTERNAL);
    assertThat(route.replacements()).isEqualTo(Map.of("stage", "prod"));
    assertThat(config.sync().plan())
        .isEqualTo(new PlanSettings("cluster-a.eu", Policy.UPSERT_ONLY, false, 50, false));
    assertThat(config.leaderElection())
        .contains(new LeaseSettings("kuberoute-dns", "dns", "kuberoute-7d9f-x2"));
    assertThat(config.logFormat()).isEqualTo(LogFormat.JSON);
    assertThat(config.eventSync()).isFalse();
    assertThat(config.warnings()).isEmpty();
  }

  @Test
  void theLeaseDefaultsToThePodsNamespaceAndName() throws IOException {
    KuberouteConfig config = read(minimalWith("leader_election = true\n", ""));
    assertThat(config.leaderElection())
        .contains(new LeaseSettings("kuberoute", "kube-system", "kuberoute-7d9f-x2"));
  }

  @Test
  void outsideAPodTheLeaseIsInDefaultAndTheIdentityIsRandom() throws IOException {
    Path file = dir.resolve("kuberoute.ini");
    Files.writeString(file, minimalWith("leader_election = true\n", ""));
    HostEnvironment nowhere = new HostEnvironment(Map.of(), dir.resolve("no-such-file"));
    LeaseSettings lease =
        new ConfigReader(adapters, nowhere)
            .read(IniFile.read(file), SERVE)
            .leaderElection()
            .orElseThrow();
    assertThat(lease.leaseNamespace()).isEqualTo("default");
    assertThat(lease.identity()).matches("kuberoute-[0-9a-f]{8}");
  }

  @Test
  void aStarMeansAllNamespaces() throws IOException {
    assertThat(read(MINIMAL.replace("namespaces = default", "namespaces = *")).namespaces())
        .isEqualTo(Namespaces.any());
    assertThat(
            read(MINIMAL.replace("namespaces = default", "namespaces = web, default , shop"))
                .namespaces())
        .isEqualTo(Namespaces.of("web", "default", "shop"));
  }

  @Test
  void namespacesWinsOverTheReadmeSpellingWithAWarning() throws IOException {
    KuberouteConfig config = read(minimalWith("namespace = other\n", ""));
    assertThat(config.namespaces()).isEqualTo(Namespaces.of("default"));
    assertThat(config.warnings())
        .containsExactly("kuberoute.namespace is ignored: kuberoute.namespaces is set");
  }

  @Test
  void theHeartbeatIsOnWhenNameTemplateExistsEvenEmpty() throws IOException {
    KuberouteConfig config =
        read(
            MINIMAL
                + "[replacements]\ncluster = eu1\n[heartbeat]\nname_template = hb-_TEMPLATE_START_cluster_TEMPLATE_END_\ninterval = 30\n");
    assertThat(config.sync().heartbeat())
        .contains(
            new HeartbeatSettings(
                Template.compile("hb-_TEMPLATE_START_cluster_TEMPLATE_END_"),
                Template.compile("_TEMPLATE_START_timestamp_TEMPLATE_END_.kuberoute.timestamp"),
                Duration.ofSeconds(30)));

    HeartbeatSettings empty =
        read(MINIMAL + "[heartbeat]\nname_template =\n").sync().heartbeat().orElseThrow();
    assertThat(empty.name().source()).isEmpty();
    assertThat(empty.interval()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void theReadmesHeartbeatExampleIsAccepted() throws IOException {
    HeartbeatSettings hb =
        read(MINIMAL
                + "[heartbeat]\nname_template = heartbeat\n"
                + "timestamp_template = _TEMPLATE_START_timestamp_TEMPLATE_END_.timestamp.non.valid\n")
            .sync()
            .heartbeat()
            .orElseThrow();
    assertThat(hb.value().source())
        .isEqualTo("_TEMPLATE_START_timestamp_TEMPLATE_END_.timestamp.non.valid");
  }

  @Test
  void aHeartbeatSectionWithoutNameTemplateIsOffWithAWarning() throws IOException {
    KuberouteConfig config = read(MINIMAL + "[heartbeat]\ninterval = 30\n");
    assertThat(config.sync().heartbeat()).isEmpty();
    assertThat(config.warnings())
        .containsExactly("the heartbeat is off: [heartbeat] has no name_template");
  }

  @Test
  void theStateReportSectionGetsTheReadmeSpellingToo() throws IOException {
    KuberouteConfig config =
        read(MINIMAL + "[s3_report]\nbucket_name = state-bucket\nkey = k.json\n");
    Map<String, String> section = Map.of("bucket_name", "state-bucket", "key", "k.json");
    assertThat(config.statusReport())
        .contains(S3ReportSettings.fromConfig(new ConfigSection("s3_report", section), Map.of()));
    assertThat(adapters.parsed).containsEntry("s3_report", section);
  }

  @Test
  void withBothSpellingsS3reportIsUsedWithAWarning() throws IOException {
    KuberouteConfig config =
        read(
            MINIMAL
                + "[s3report]\nbucket_name = state-bucket\nkey = k.json\n[s3_report]\nkey = k\n");
    assertThat(adapters.parsed).containsOnlyKeys("s3report");
    assertThat(config.warnings()).containsExactly("[s3_report] is ignored: [s3report] is set");
  }

  @Test
  void route53IsParsedByItsAdapter() throws IOException {
    KuberouteConfig config =
        read(README_EXAMPLE.replace("dns_backend = skydns", "dns_backend = route53"));
    assertThat(config.backend().name()).isEqualTo("route53");
    assertThat(config.backend().spec())
        .isEqualTo(
            new Route53Provider.Spec(
                Route53Settings.fromConfig(
                    new ConfigSection(
                        "route53",
                        Map.of(
                            "aws_access_key_id", "123456ABCDEF",
                            "aws_secret_access_key", "abcdefghijk12334677246")))));
    assertThat(adapters.parsed).containsOnlyKeys("route53");
  }

  @Test
  void unknownKeysAndSectionsGiveOneWarningNamingThem() throws IOException {
    Path file = dir.resolve("kuberoute.ini");
    KuberouteConfig config =
        read(
            "[DEFAULT]\nshared = x\n"
                + minimalWith(
                    "colour = blue\nnamespaces_typo = a\n",
                    "[extra]\na = 1\n[route53]\nwhatever = 1\n"));
    assertThat(config.warnings())
        .containsExactly(
            "ignoring unknown keys kuberoute.colour, kuberoute.namespaces_typo and unknown sections [extra] in "
                + file);
  }

  @Test
  void portComesFromTheCommandLineWhenGivenAndIsOptionalWithOnce() throws IOException {
    assertThat(
            read(
                    MINIMAL.replace("port = 8081", "port = eighty"),
                    new Overrides(OptionalInt.of(0), true, false, false))
                .port())
        .isEqualTo(OptionalInt.of(0));
    assertThat(
            read(
                    MINIMAL.replace("port = 8081\n", ""),
                    new Overrides(OptionalInt.empty(), false, false, false))
                .port())
        .isEmpty();
  }

  @Test
  void dryRunAndForceComeFromTheCommandLine() throws IOException {
    SyncSettings sync = read(MINIMAL, new Overrides(OptionalInt.empty(), true, true, true)).sync();
    assertThat(sync.dryRun()).isTrue();
    assertThat(sync.plan().force()).isTrue();
  }

  @Test
  void aManifestsPathIsRelativeToTheConfigFile() throws IOException {
    KuberouteConfig config =
        read(
            MINIMAL.replace("serviceaccount", "manifests")
                + "[manifests]\npath = ../cluster.yaml\n");
    assertThat(config.cluster())
        .isEqualTo(new ManifestsCluster(dir.getParent().resolve("cluster.yaml")));
  }

  @Test
  void percentInterpolationAndDefaultWorkInTheKuberouteSection() throws IOException {
    KuberouteConfig config =
        read(
            "[DEFAULT]\nlabel_prefix = example.com/\n"
                + MINIMAL.replace(
                    "domain_label = kuberoute_domain", "domain_label = %(label_prefix)sdomain"));
    assertThat(config.sync().route().labels().domain()).isEqualTo("example.com/domain");
  }

  @Test
  void leaderElectionNeedsALiveCluster() {
    assertThatThrownBy(
            () ->
                read(
                    minimalWith("leader_election = on\n", "[manifests]\npath = c.yaml\n")
                        .replace("serviceaccount", "manifests")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "invalid value for kuberoute.leader_election: 'on' (allowed: false with kubeconfig_kind = manifests (a manifests file has no Lease to elect a leader on))");
  }

  @Test
  void badNewKeysNameTheKeyTheValueAndWhatIsAllowed() {
    assertThat(errorFor("ttl = -1\n"))
        .isEqualTo(
            "invalid value for kuberoute.ttl: '-1' (allowed: a whole number from 0 to 2147483647)");
    assertThat(errorFor("service_types = ClusterIP\n"))
        .isEqualTo(
            "invalid value for kuberoute.service_types: 'ClusterIP' (allowed: NodePort, LoadBalancer, or both separated by a comma)");
    assertThat(errorFor("node_address = public\n"))
        .isEqualTo(
            "invalid value for kuberoute.node_address: 'public' (allowed: auto, external, internal)");
    assertThat(errorFor("owner_id = a b\n"))
        .isEqualTo(
            "invalid value for kuberoute.owner_id: 'a b' (allowed: letters, digits, '.', '_' and '-')");
    assertThat(errorFor("policy = delete-all\n"))
        .isEqualTo(
            "invalid value for kuberoute.policy: 'delete-all' (allowed: sync, upsert-only, create-only)");
    assertThat(errorFor("max_delete_percent = 101\n"))
        .isEqualTo(
            "invalid value for kuberoute.max_delete_percent: '101' (allowed: a whole number from 0 to 100)");
    assertThat(errorFor("adopt_existing = maybe\n"))
        .isEqualTo(
            "invalid value for kuberoute.adopt_existing: 'maybe' (allowed: true, yes, on, false, no or off)");
    assertThat(errorFor("event_sync = sometimes\n"))
        .isEqualTo(
            "invalid value for kuberoute.event_sync: 'sometimes' (allowed: true, yes, on, false, no or off)");
    assertThat(errorFor("log_format = xml\n"))
        .isEqualTo("invalid value for kuberoute.log_format: 'xml' (allowed: text, json)");
    assertThat(errorFor("lease_name = Kuberoute\n"))
        .isEqualTo(
            "invalid value for kuberoute.lease_name: 'Kuberoute' (allowed: a Kubernetes object name: lower-case letters, digits, '-' and '.')");
    assertThat(errorFor("interval = 0\n"))
        .isEqualTo(
            "invalid value for kuberoute.interval: '0' (allowed: a whole number from 1 to 86400)");
    assertThat(errorFor("interval = 30 ; seconds\n"))
        .isEqualTo(
            "invalid value for kuberoute.interval: '30 ; seconds' (allowed: a whole number from 1 to 86400); a comment must be on a line of its own, after a value it is part of the value");
  }

  @Test
  void badLabelNamesAndNamespacesAreRejected() {
    assertThat(
            errorFor(
                MINIMAL.replace(
                    "domain_label = kuberoute_domain", "domain_label = kuberoute domain")))
        .isEqualTo(
            "invalid value for kuberoute.domain_label: 'kuberoute domain' (allowed: a Kubernetes label key: up to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit, optionally after a DNS prefix and '/')");
    assertThat(errorFor(MINIMAL.replace("namespaces = default", "namespaces = default web")))
        .isEqualTo(
            "invalid value for kuberoute.namespaces: 'default web' (allowed: a comma-separated list of namespace names, or * for all namespaces; 'default web' is not a namespace name)");
    assertThat(errorFor(MINIMAL.replace("namespaces = default", "namespaces = ,")))
        .isEqualTo(
            "invalid value for kuberoute.namespaces: ',' (allowed: a comma-separated list of namespace names, or * for all namespaces)");
  }

  @Test
  void heartbeatTemplatesAreCheckedAtStartUp() {
    assertThat(errorFor(MINIMAL + "[heartbeat]\nname_template = hb_TEMPLATE_START_x\n"))
        .isEqualTo(
            "invalid value for heartbeat.name_template: malformed template 'hb_TEMPLATE_START_x': _TEMPLATE_START_ at position 2 is not closed by _TEMPLATE_END_");
    assertThat(
            errorFor(
                MINIMAL
                    + "[heartbeat]\nname_template = hb\ntimestamp_template = _TEMPLATE_START_ts_TEMPLATE_END_.x\n"))
        .isEqualTo(
            "invalid value for heartbeat.timestamp_template: unknown template key 'ts' in '_TEMPLATE_START_ts_TEMPLATE_END_.x' (defined in [replacements]: timestamp)");
    assertThat(errorFor(MINIMAL + "[heartbeat]\nname_template = heart beat\n"))
        .isEqualTo(
            "invalid value for heartbeat.name_template: 'heart beat' (allowed: a name relative to each domain, such as heartbeat; it gives 'heart beat', which is not a DNS name)");
  }

  private String errorFor(String keysOrConfig) {
    String text = keysOrConfig.startsWith("[") ? keysOrConfig : minimalWith(keysOrConfig, "");
    try {
      read(text);
    } catch (ConfigurationException | IOException e) {
      return e.getMessage();
    }
    throw new AssertionError("no error for " + keysOrConfig);
  }

  @Test
  void domainsAndPreviousOwnerIdsAreRead() throws IOException {
    KuberouteConfig config =
        read(
            minimalWith(
                "domains = example.com, Example.ORG.\nprevious_owner_ids = old-cluster, legacy.eu\n",
                ""));

    assertThat(config.sync().domains()).isEqualTo(DomainFilter.of("example.com", "example.org"));
    assertThat(config.sync().plan().previousOwnerIds())
        .containsExactlyInAnyOrder("old-cluster", "legacy.eu");
    assertThat(config.sync().plan().discoveredOwnerIds())
        .containsExactlyInAnyOrder("kuberoute", "old-cluster", "legacy.eu");
    assertThat(config.warnings()).isEmpty();
  }

  @Test
  void theGuardWindowDefaultsToThreeIntervals() throws IOException {
    assertThat(read(minimalWith("interval = 20\n", "")).sync().guardWindow())
        .isEqualTo(Duration.ofSeconds(60));
    assertThat(read(minimalWith("guard_window = 600\n", "")).sync().guardWindow())
        .isEqualTo(Duration.ofMinutes(10));
    assertThat(read(minimalWith("guard_window = 0\n", "")).sync().guardWindow())
        .isEqualTo(Duration.ZERO);
    assertThat(errorFor("guard_window = -5\n"))
        .isEqualTo(
            "invalid value for kuberoute.guard_window: '-5' (allowed: a whole number from 0 to 86400)");
  }

  @Test
  void withoutDomainsEveryDomainIsManagedAndNothingIsTakenOver() throws IOException {
    KuberouteConfig config = read(MINIMAL);

    assertThat(config.sync().domains()).isEqualTo(DomainFilter.ALL);
    assertThat(config.sync().plan().previousOwnerIds()).isEmpty();
  }

  @Test
  void badDomainsAndPreviousOwnerIdsNameTheKeyAndTheEntry() {
    assertThat(errorFor("domains = example.com, exa mple.org\n"))
        .isEqualTo(
            "invalid value for kuberoute.domains: 'example.com, exa mple.org' (allowed: DNS domains separated by"
                + " commas, e.g. example.com, example.org; 'exa mple.org' is not one)");
    assertThat(errorFor("domains = a..b\n"))
        .isEqualTo(
            "invalid value for kuberoute.domains: 'a..b' (allowed: DNS domains separated by commas, e.g."
                + " example.com, example.org; 'a..b' is not one)");
    assertThat(errorFor("previous_owner_ids = old, b@d\n"))
        .isEqualTo(
            "invalid value for kuberoute.previous_owner_ids: 'old, b@d' (allowed: owner ids (letters, digits,"
                + " '.', '_' and '-') separated by commas; 'b@d' is not one)");
    assertThat(errorFor("owner_id = blue\nprevious_owner_ids = green, blue\n"))
        .isEqualTo(
            "invalid value for kuberoute.previous_owner_ids: 'green, blue' (allowed: ids other than owner_id = blue)");
  }

  @Test
  void theListsOfKindsAndBackendsAreWhatTheReadmeDocuments() throws IOException {
    assertThat(ConfigReader.CLUSTER_KINDS)
        .containsExactly("serviceaccount", "kubeconfig", "kubernetes_url", "manifests");
    assertThat(new ConfigReader(adapters, host("x")).backendNames())
        .isEqualTo(
            List.of(
                "fakedns", "filedns", "rfc2136", "route53", "skydns",
                "webhook")); // filedns: a test plug-in
  }
}
