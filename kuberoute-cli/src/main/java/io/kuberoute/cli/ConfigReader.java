package io.kuberoute.cli;

import io.kuberoute.cli.KuberouteConfig.Backend;
import io.kuberoute.cli.KuberouteConfig.Cluster;
import io.kuberoute.cli.KuberouteConfig.LiveCluster;
import io.kuberoute.cli.KuberouteConfig.LogFormat;
import io.kuberoute.cli.KuberouteConfig.ManifestsCluster;
import io.kuberoute.core.ConfigurationException;
import io.kuberoute.core.app.HeartbeatSettings;
import io.kuberoute.core.app.SyncSettings;
import io.kuberoute.core.config.ConfigSection;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.DomainFilter;
import io.kuberoute.core.plan.PlanSettings;
import io.kuberoute.core.plan.Policy;
import io.kuberoute.core.routing.LabelKeys;
import io.kuberoute.core.routing.NodeAddressMode;
import io.kuberoute.core.routing.RouteSettings;
import io.kuberoute.core.spi.DnsBackendProvider;
import io.kuberoute.core.template.Template;
import io.kuberoute.core.template.TemplateException;
import io.kuberoute.k8s.KubernetesOptions.LeaseSettings;
import io.kuberoute.k8s.Namespaces;
import io.kuberoute.report.s3.S3ReportSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Turns the INI file into a {@link KuberouteConfig}: every section kuberoute uses is read and
 * checked here, the adapters' sections through their own parsers, before anything is contacted. The
 * first problem found is thrown as a {@link ConfigurationException} naming {@code section.key}, the
 * bad value and what is allowed.
 */
final class ConfigReader {

  static final List<String> CLUSTER_KINDS =
      List.of("serviceaccount", "kubeconfig", "kubernetes_url", "manifests");
  static final String DEFAULT_LEASE_NAME = "kuberoute";

  /**
   * Sections kuberoute itself knows; the backends' sections (one per {@code dns_backend} name) are
   * known too. Any other section gets a warning.
   */
  static final Set<String> KNOWN_SECTIONS =
      Set.of(
          "kuberoute",
          "serviceaccount",
          "kubeconfig",
          "kubernetes_url",
          "manifests",
          "replacements",
          "s3report",
          "s3_report",
          "heartbeat");

  private static final int MAX_SECONDS = 86_400;
  private static final String NAMESPACE_RULE = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final Pattern NAMESPACE = Pattern.compile(NAMESPACE_RULE);
  private static final Pattern SUBDOMAIN =
      Pattern.compile(NAMESPACE_RULE + "(\\." + NAMESPACE_RULE + ")*");
  private static final Pattern LABEL_NAME =
      Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");

  /** A heartbeat time stamp as the value template renders it, to check the result at start-up. */
  private static final String SAMPLE_TIMESTAMP = "2017-4-8-9-5";

  /** What the command line adds to or overrides in the file. */
  record Overrides(OptionalInt port, boolean portRequired, boolean dryRun, boolean force) {
    Overrides {
      Objects.requireNonNull(port, "port");
    }
  }

  private final Adapters adapters;
  private final HostEnvironment host;
  private final Map<String, DnsBackendProvider> backends;

  ConfigReader(Adapters adapters, HostEnvironment host) {
    this.adapters = Objects.requireNonNull(adapters, "adapters");
    this.host = Objects.requireNonNull(host, "host");
    Map<String, DnsBackendProvider> byName = new TreeMap<>();
    for (DnsBackendProvider provider : adapters.backendProviders()) {
      DnsBackendProvider before = byName.putIfAbsent(provider.name(), provider);
      if (before != null) {
        throw new IllegalStateException(
            "two DNS backends are named '%s': %s and %s"
                .formatted(
                    provider.name(), before.getClass().getName(), provider.getClass().getName()));
      }
    }
    this.backends = Map.copyOf(byName);
  }

  /** The {@code dns_backend} values, sorted: one per backend plug-in on the class path. */
  List<String> backendNames() {
    return List.copyOf(new TreeSet<>(backends.keySet()));
  }

  /**
   * Reads every section kuberoute uses.
   *
   * @throws ConfigurationException for the first invalid, missing or contradictory setting
   */
  KuberouteConfig read(IniFile ini, Overrides overrides) {
    List<String> warnings = new ArrayList<>();
    ConfigSection kr = ini.required("kuberoute");

    String kind = requiredChoice(kr, "kubeconfig_kind", CLUSTER_KINDS);
    String backendName = requiredChoice(kr, "dns_backend", backendNames());
    Namespaces namespaces = namespaces(kr, warnings);
    LabelKeys labels =
        new LabelKeys(
            labelKey(kr, "domain_label", LabelKeys.DEFAULT.domain()),
            labelKey(kr, "name_label", LabelKeys.DEFAULT.name()),
            labelKey(kr, "failover_label", LabelKeys.DEFAULT.failover()),
            labelKey(kr, "quota_label", LabelKeys.DEFAULT.quota()));
    OptionalInt port = port(kr, overrides);
    Duration interval =
        hinted(
            kr,
            "interval",
            () -> kr.seconds("interval", SyncSettings.DEFAULT_INTERVAL, 1, MAX_SECONDS));
    long ttl =
        hinted(
            kr,
            "ttl",
            () -> kr.integer("ttl", (int) RouteSettings.DEFAULT_TTL, 0, Integer.MAX_VALUE));
    Set<String> serviceTypes = serviceTypes(kr);
    NodeAddressMode nodeAddress =
        choice(
            kr,
            "node_address",
            List.of("auto", "external", "internal"),
            NodeAddressMode::parse,
            NodeAddressMode.AUTO);
    PlanSettings plan = plan(kr, overrides.force());
    DomainFilter domains = domains(kr);
    boolean leaderElection = hinted(kr, "leader_election", () -> kr.bool("leader_election", false));
    Optional<LeaseSettings> lease = lease(kr, leaderElection);
    LogFormat logFormat =
        choice(
            kr,
            "log_format",
            List.of("text", "json"),
            f -> LogFormat.valueOf(f.toUpperCase(Locale.ROOT)),
            LogFormat.TEXT);
    boolean eventSync = hinted(kr, "event_sync", () -> kr.bool("event_sync", true));

    Map<String, String> replacements =
        ini.section("replacements").map(ConfigSection::asMap).orElse(Map.of());
    Optional<HeartbeatSettings> heartbeat = heartbeat(ini, replacements, warnings);
    Cluster cluster = cluster(ini, kind);
    if (lease.isPresent() && cluster instanceof ManifestsCluster) {
      throw kr.invalid(
          "leader_election",
          kr.optional("leader_election").orElse("true"),
          "false with kubeconfig_kind = manifests (a manifests file has no Lease to elect a leader on)");
    }
    Backend backend = backend(ini, backendName);
    Optional<S3ReportSettings> report = report(ini, replacements, warnings);

    RouteSettings route = new RouteSettings(labels, serviceTypes, nodeAddress, ttl, replacements);
    Duration guardWindow =
        hinted(
            kr,
            "guard_window",
            () ->
                kr.seconds(
                    "guard_window", SyncSettings.defaultGuardWindow(interval), 0, MAX_SECONDS));
    SyncSettings sync =
        new SyncSettings(
            route, plan, heartbeat, interval, overrides.dryRun(), domains, guardWindow);
    unknownKeysWarning(ini, backends.keySet()).ifPresent(warnings::add);
    return new KuberouteConfig(
        ini.path(),
        cluster,
        backend,
        namespaces,
        sync,
        port,
        logFormat,
        eventSync,
        lease,
        report,
        warnings);
  }

  // ---- [kuberoute] ----

  private static String requiredChoice(ConfigSection s, String key, List<String> allowed) {
    s.required(key);
    return s.optionalChoice(key, allowed).orElseThrow();
  }

  private static Namespaces namespaces(ConfigSection kr, List<String> warnings) {
    String key = "namespaces";
    if (!kr.has("namespaces") && kr.has("namespace")) {
      key = "namespace"; // the original README's spelling
    } else if (kr.has("namespaces") && kr.has("namespace")) {
      kr.ignore("namespace");
      warnings.add("kuberoute.namespace is ignored: kuberoute.namespaces is set");
    }
    String raw = kr.required(key);
    List<String> entries = kr.entries(key);
    String allowed = "a comma-separated list of namespace names, or * for all namespaces";
    if (entries.isEmpty()) {
      throw kr.invalid(key, raw, allowed);
    }
    for (String entry : entries) {
      if (!entry.equals("*") && (entry.length() > 63 || !NAMESPACE.matcher(entry).matches())) {
        throw kr.invalid(key, raw, allowed + "; '" + entry + "' is not a namespace name");
      }
    }
    return Namespaces.parse(entries);
  }

  /** A Kubernetes label key: {@code name} or {@code prefix/name}. */
  private static String labelKey(ConfigSection kr, String key, String defaultValue) {
    String value = kr.optional(key).orElse(defaultValue);
    int slash = value.indexOf('/');
    String prefix = slash < 0 ? "" : value.substring(0, slash);
    String name = value.substring(slash + 1);
    boolean prefixOk = slash < 0 || (prefix.length() <= 253 && SUBDOMAIN.matcher(prefix).matches());
    boolean nameOk = name.length() <= 63 && LABEL_NAME.matcher(name).matches();
    if (!prefixOk || !nameOk) {
      throw kr.invalid(
          key,
          value,
          "a Kubernetes label key: up to 63 letters, digits, '-', '_' or '.', starting and ending"
              + " with a letter or digit, optionally after a DNS prefix and '/'");
    }
    return value;
  }

  private static OptionalInt port(ConfigSection kr, Overrides overrides) {
    if (overrides.port().isPresent()) {
      kr.ignore("port"); // --port wins, as in the original
      return overrides.port();
    }
    if (!kr.has("port") || kr.optional("port").isEmpty()) {
      if (overrides.portRequired()) {
        throw new ConfigurationException(
            "missing required key kuberoute.port (add 'port = ...' to the [kuberoute] section, or pass --port)");
      }
      return OptionalInt.empty();
    }
    return OptionalInt.of(hinted(kr, "port", () -> kr.optionalInt("port", 0, 65535).orElseThrow()));
  }

  private static Set<String> serviceTypes(ConfigSection kr) {
    if (!kr.has("service_types")) {
      return RouteSettings.DEFAULT_SERVICE_TYPES;
    }
    String raw = kr.optional("service_types").orElse("");
    Set<String> types = new LinkedHashSet<>();
    for (String entry : kr.list("service_types")) {
      switch (entry.toLowerCase(Locale.ROOT)) {
        case "nodeport" -> types.add("NodePort");
        case "loadbalancer" -> types.add("LoadBalancer");
        default ->
            throw kr.invalid(
                "service_types", raw, "NodePort, LoadBalancer, or both separated by a comma");
      }
    }
    if (types.isEmpty()) {
      throw kr.invalid(
          "service_types", raw, "NodePort, LoadBalancer, or both separated by a comma");
    }
    return types;
  }

  private static PlanSettings plan(ConfigSection kr, boolean force) {
    String ownerId = kr.optional("owner_id").orElse(PlanSettings.DEFAULT_OWNER_ID);
    if (!isOwnerId(ownerId)) {
      throw kr.invalid("owner_id", ownerId, "letters, digits, '.', '_' and '-'");
    }
    Policy policy =
        choice(
            kr,
            "policy",
            List.of("sync", "upsert-only", "create-only"),
            Policy::parse,
            Policy.SYNC);
    boolean adopt = hinted(kr, "adopt_existing", () -> kr.bool("adopt_existing", true));
    int maxDelete =
        hinted(
            kr,
            "max_delete_percent",
            () ->
                kr.integer("max_delete_percent", PlanSettings.DEFAULT_MAX_DELETE_PERCENT, 0, 100));
    Set<String> previous = new TreeSet<>();
    String rawPrevious = kr.optional("previous_owner_ids").orElse("");
    for (String id : kr.entries("previous_owner_ids")) {
      if (!isOwnerId(id)) {
        throw kr.invalid(
            "previous_owner_ids",
            rawPrevious,
            "owner ids (letters, digits, '.', '_' and '-') separated by commas; '"
                + id
                + "' is not one");
      }
      if (id.equals(ownerId)) {
        throw kr.invalid("previous_owner_ids", rawPrevious, "ids other than owner_id = " + ownerId);
      }
      previous.add(id);
    }
    return new PlanSettings(ownerId, policy, adopt, maxDelete, force, previous);
  }

  /** The owner id rule, as the core states it once ({@link PlanSettings#checkOwnerId}). */
  private static boolean isOwnerId(String id) {
    try {
      PlanSettings.checkOwnerId(id);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** {@code domains}: the domains managed; unset or empty, every domain. */
  private static DomainFilter domains(ConfigSection kr) {
    String raw = kr.optional("domains").orElse("");
    List<DnsName> domains = new ArrayList<>();
    for (String entry : kr.entries("domains")) {
      String name = entry.endsWith(".") ? entry.substring(0, entry.length() - 1) : entry;
      if (!DnsName.isValid(name)) {
        throw kr.invalid(
            "domains",
            raw,
            "DNS domains separated by commas, e.g. example.com, example.org; '"
                + entry
                + "' is not one");
      }
      domains.add(DnsName.of(name));
    }
    return DomainFilter.of(domains);
  }

  private Optional<LeaseSettings> lease(ConfigSection kr, boolean enabled) {
    String name = kr.optional("lease_name").orElse(DEFAULT_LEASE_NAME);
    if (name.length() > 253 || !SUBDOMAIN.matcher(name).matches()) {
      throw kr.invalid(
          "lease_name", name, "a Kubernetes object name: lower-case letters, digits, '-' and '.'");
    }
    Optional<String> configured = kr.optional("lease_namespace");
    if (configured.isPresent()
        && (configured.get().length() > 63 || !NAMESPACE.matcher(configured.get()).matches())) {
      throw kr.invalid(
          "lease_namespace",
          configured.get(),
          "a namespace name: lower-case letters, digits and '-'");
    }
    if (!enabled) {
      return Optional.empty();
    }
    return Optional.of(
        new LeaseSettings(name, configured.orElseGet(host::podNamespace), host.identity()));
  }

  // ---- [heartbeat] ----

  private static Optional<HeartbeatSettings> heartbeat(
      IniFile ini, Map<String, String> replacements, List<String> warnings) {
    Optional<ConfigSection> section = ini.section("heartbeat");
    if (section.isEmpty()) {
      return Optional.empty();
    }
    ConfigSection hb = section.get();
    if (!hb.has("name_template")) {
      hb.ignore("timestamp_template", "interval");
      warnings.add("the heartbeat is off: [heartbeat] has no name_template");
      return Optional.empty();
    }
    String nameText = hb.optional("name_template").orElse("");
    Template name = template(hb, "name_template", nameText, replacements);
    String relative = name.render(replacements);
    if (!relative.isEmpty() && !DnsName.isValid(relative)) {
      throw hb.invalid(
          "name_template",
          nameText,
          "a name relative to each domain, such as heartbeat; it gives '"
              + relative
              + "', which is not a DNS name");
    }
    String valueText = hb.optional("timestamp_template").orElse(HeartbeatSettings.DEFAULT_VALUE);
    Map<String, String> valueVars = new HashMap<>(replacements);
    valueVars.put("timestamp", SAMPLE_TIMESTAMP);
    Template value = template(hb, "timestamp_template", valueText, valueVars);
    String target = value.render(valueVars);
    if (!DnsName.isValid(target)) {
      throw hb.invalid(
          "timestamp_template",
          valueText,
          "a DNS name (the CNAME target), such as "
              + HeartbeatSettings.DEFAULT_VALUE
              + "; it gives '"
              + target
              + "'");
    }
    Duration interval =
        hinted(
            hb,
            "interval",
            () -> hb.seconds("interval", HeartbeatSettings.DEFAULT_INTERVAL, 1, MAX_SECONDS));
    return Optional.of(new HeartbeatSettings(name, value, interval));
  }

  /** Compiles a template of the configuration and checks that {@code values} define its keys. */
  private static Template template(
      ConfigSection s, String key, String text, Map<String, String> values) {
    try {
      Template t = Template.compile(text);
      t.requireKeys(values);
      return t;
    } catch (TemplateException e) {
      throw new ConfigurationException(
          "invalid value for " + s.qualified(key) + ": " + e.getMessage(), e);
    }
  }

  // ---- the cluster, the backend, the report ----

  private Cluster cluster(IniFile ini, String kind) {
    if (kind.equals("manifests")) {
      ConfigSection m =
          ini.section("manifests")
              .orElseThrow(
                  () ->
                      new ConfigurationException(
                          "kubeconfig_kind = manifests needs a [manifests] section (e.g. 'path = cluster.yaml')"));
      m.required("path");
      Path path = m.path("path").orElseThrow();
      return new ManifestsCluster(ini.directory().resolve(path).normalize());
    }
    return new LiveCluster(kind, adapters.kubernetesAuth(kind, ini.section(kind)));
  }

  private Backend backend(IniFile ini, String name) {
    DnsBackendProvider provider = backends.get(name);
    ConfigSection section =
        ini.section(name)
            .orElseThrow(
                () ->
                    new ConfigurationException(
                        "dns_backend = %s needs a [%s] section (%s)"
                            .formatted(name, name, provider.sectionExample())));
    return new Backend(name, adapters.backendSpec(provider, section));
  }

  private Optional<S3ReportSettings> report(
      IniFile ini, Map<String, String> replacements, List<String> warnings) {
    Optional<ConfigSection> section = ini.section("s3report");
    if (section.isPresent() && ini.has("s3_report")) {
      warnings.add("[s3_report] is ignored: [s3report] is set");
    } else if (section.isEmpty()) {
      section = ini.section("s3_report"); // the original README's spelling
    }
    return section.map(s -> adapters.s3ReportSettings(s, replacements));
  }

  private static Optional<String> unknownKeysWarning(IniFile ini, Set<String> backendSections) {
    List<String> keys = ini.unreadKeys();
    List<String> sections =
        ini.sectionNames().stream()
            .filter(s -> !KNOWN_SECTIONS.contains(s) && !backendSections.contains(s))
            .map(s -> "[" + s + "]")
            .toList();
    List<String> parts = new ArrayList<>();
    if (!keys.isEmpty()) {
      parts.add("unknown keys " + String.join(", ", keys));
    }
    if (!sections.isEmpty()) {
      parts.add("unknown sections " + String.join(", ", sections));
    }
    return parts.isEmpty()
        ? Optional.empty()
        : Optional.of("ignoring " + String.join(" and ", parts) + " in " + ini.path());
  }

  /** One of {@code allowed} (any case), parsed; {@code defaultValue} when the key is absent. */
  private static <T> T choice(
      ConfigSection s,
      String key,
      List<String> allowed,
      Function<String, T> parse,
      T defaultValue) {
    return hinted(s, key, () -> s.optionalChoice(key, allowed).map(parse).orElse(defaultValue));
  }

  /**
   * Runs {@code parse}; if it rejects a value holding {@code #} or {@code ;}, says that comments
   * cannot follow a value (configparser has no inline comments).
   */
  private static <T> T hinted(ConfigSection s, String key, Supplier<T> parse) {
    try {
      return parse.get();
    } catch (ConfigurationException e) {
      String raw = s.optional(key).orElse("");
      if (raw.contains("#") || raw.contains(";")) {
        throw new ConfigurationException(
            e.getMessage()
                + "; a comment must be on a line of its own, after a value it is part of the value",
            e);
      }
      throw e;
    }
  }
}
