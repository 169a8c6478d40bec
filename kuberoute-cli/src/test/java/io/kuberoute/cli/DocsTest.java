package io.kuberoute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kuberoute.cli.ConfigReader.Overrides;
import io.kuberoute.core.port.Leadership;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documentation says what the program does: every relative link of the Markdown files resolves
 * (the file, and a {@code #fragment} to a heading of it), every key in docs/configuration.md's key
 * tables is one the real parser knows, and the metrics and alerts of docs/operations.md name series
 * the program really exports.
 */
class DocsTest {

  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path CONFIGURATION = ROOT.resolve("docs/configuration.md");
  private static final Path OPERATIONS = ROOT.resolve("docs/operations.md");

  /**
   * Sections whose tables the configuration page must have (so the key check cannot pass on
   * nothing).
   */
  private static final List<String> SECTIONS_WITH_KEYS =
      List.of(
          "kuberoute",
          "skydns",
          "route53",
          "kubeconfig",
          "kubernetes_url",
          "manifests",
          "heartbeat",
          "s3report");

  private static final Set<String> CLUSTER_KINDS =
      Set.of("serviceaccount", "kubeconfig", "kubernetes_url", "manifests");
  private static final Set<String> ALWAYS_READ =
      Set.of("kuberoute", "heartbeat", "s3report", "s3_report", "replacements");
  private static final String PROBE_KEY = "docs_probe_key";

  @TempDir Path dir;

  // ---- links ----

  @TestFactory
  Stream<DynamicTest> everyRelativeLinkResolvesToAFileAndItsAnchorToAHeading() throws IOException {
    return markdownFiles().stream()
        .map(
            file ->
                DynamicTest.dynamicTest(ROOT.relativize(file).toString(), () -> checkLinks(file)));
  }

  @Test
  void theLinkCheckSeesTheDocsAndTheirAnchors() throws IOException {
    List<Path> files = markdownFiles();
    assertThat(files.stream().map(f -> ROOT.relativize(f).toString()))
        .contains(
            "README.md",
            "CONTRIBUTING.md",
            "docs/configuration.md",
            "docs/backends/route53.md",
            "docs/benchmarks.md");
    // the anchors as GitHub makes them
    assertThat(
            Markdown.anchors(
                "## `[kuberoute]`\n### `domains`\n### The printing backend (`dns_backend = fakedns`)\n## Errors\n## Errors\n"))
        .containsExactly(
            "kuberoute",
            "domains",
            "the-printing-backend-dns_backend--fakedns",
            "errors",
            "errors-1");
    assertThat(
            Markdown.links(
                "see [a](b.md#c), `[x](not-a-link)`, [e](https://x.y/z) and\n```\n[f](in-code)\n```\n"))
        .containsExactly("b.md#c", "https://x.y/z");
  }

  private static void checkLinks(Path file) throws IOException {
    String text = Files.readString(file);
    List<String> problems = new ArrayList<>();
    for (String link : Markdown.links(text)) {
      if (link.matches("[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
        continue; // https:, mailto:, ...
      }
      int hash = link.indexOf('#');
      String pathPart = hash < 0 ? link : link.substring(0, hash);
      String fragment = hash < 0 ? "" : link.substring(hash + 1);
      Path target = pathPart.isEmpty() ? file : file.getParent().resolve(pathPart).normalize();
      if (!target.startsWith(ROOT)) {
        problems.add(link + ": outside the repository");
      } else if (!Files.exists(target)) {
        problems.add(link + ": " + ROOT.relativize(target) + " does not exist");
      } else if (!fragment.isEmpty()) {
        if (!Files.isRegularFile(target) || !target.toString().endsWith(".md")) {
          problems.add(link + ": an anchor into something that is not a Markdown file");
        } else if (!Markdown.anchors(Files.readString(target)).contains(fragment)) {
          problems.add(link + ": " + ROOT.relativize(target) + " has no heading #" + fragment);
        }
      }
    }
    assertThat(problems).as("broken links in %s", ROOT.relativize(file)).isEmpty();
  }

  static List<Path> markdownFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> top = Files.list(ROOT)) {
      top.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    return files;
  }

  // ---- configuration keys ----

  @Test
  void theConfigurationPageHasAKeyTableForEverySectionWithKeys() throws IOException {
    Map<String, Map<String, String>> tables = KeyTables.read(Files.readString(CONFIGURATION));

    assertThat(tables.keySet()).containsAll(SECTIONS_WITH_KEYS);
    assertThat(tables.get("kuberoute"))
        .containsKeys(
            "kubeconfig_kind", "dns_backend", "namespaces", "port", "owner_id", "leader_election");
  }

  @TestFactory
  Stream<DynamicTest> everyDocumentedKeyIsOneTheParserKnows() throws IOException {
    Map<String, Map<String, String>> tables = KeyTables.read(Files.readString(CONFIGURATION));
    return tables.entrySet().stream()
        .map(
            e ->
                DynamicTest.dynamicTest(
                    "[" + e.getKey() + "]", () -> checkSection(e.getKey(), e.getValue())));
  }

  /**
   * Runs the real parser on a file whose section {@code name} holds every documented key at its
   * documented example, plus one made-up key: the only unknown key it may warn about is the made-up
   * one (which also shows that the section was read at all).
   */
  private void checkSection(String name, Map<String, String> examples) throws Exception {
    Map<String, Map<String, String>> ini = new LinkedHashMap<>();
    Map<String, String> kuberoute = new LinkedHashMap<>();
    kuberoute.put("kubeconfig_kind", "serviceaccount");
    kuberoute.put("dns_backend", "fakedns");
    kuberoute.put("namespaces", "default");
    kuberoute.put("port", "8081");
    ini.put("kuberoute", kuberoute);
    if (CLUSTER_KINDS.contains(name)) {
      kuberoute.put("kubeconfig_kind", name);
    } else if (!ALWAYS_READ.contains(name)) {
      kuberoute.put("dns_backend", name);
    }
    Map<String, String> section = ini.computeIfAbsent(name, k -> new LinkedHashMap<>());
    for (var e : examples.entrySet()) {
      section.put(e.getKey(), realFile(name + "." + e.getKey()).orElse(e.getValue()));
    }
    section.put(PROBE_KEY, "1");
    // the sections the [kuberoute] examples select
    ini.putIfAbsent(kuberoute.get("dns_backend"), new LinkedHashMap<>());
    String kind = kuberoute.get("kubeconfig_kind");
    if (!kind.equals("serviceaccount") && !ini.containsKey(kind)) {
      throw new AssertionError(
          "the [kuberoute] example for kubeconfig_kind should be serviceaccount, not " + kind);
    }

    StringBuilder text = new StringBuilder();
    ini.forEach(
        (s, keys) -> {
          text.append('[').append(s).append("]\n");
          keys.forEach((k, v) -> text.append(k).append(" = ").append(v).append('\n'));
          text.append('\n');
        });
    Path file = dir.resolve("docs-" + name + ".ini");
    Files.writeString(file, text);
    Path namespaceFile = Files.writeString(dir.resolve("namespace"), "kuberoute\n");
    KuberouteConfig config =
        new ConfigReader(
                new Adapters(),
                new HostEnvironment(Map.of("HOSTNAME", "kuberoute-0"), namespaceFile))
            .read(IniFile.read(file), new Overrides(OptionalInt.empty(), true, false, false));

    List<String> unknown =
        config.warnings().stream().filter(w -> w.startsWith("ignoring unknown keys ")).toList();
    assertThat(unknown)
        .as("the parser's unknown-key warning for [%s] (file:%n%s)", name, text)
        .containsExactly("ignoring unknown keys " + name + "." + PROBE_KEY + " in " + file);
  }

  /** A file of the right kind for keys that must name one, made in the test's directory. */
  private Optional<String> realFile(String key) throws Exception {
    return switch (key) {
      case "skydns.ca_file", "kubernetes_url.certificate_authority" ->
          Optional.of(pki().ca.toString());
      case "skydns.cert_file" -> Optional.of(pki().cert.toString());
      case "skydns.key_file" -> Optional.of(pki().key.toString());
      case "kubeconfig.filename" -> {
        Path f = dir.resolve("kubeconfig");
        Files.writeString(
            f,
            """
            apiVersion: v1
            kind: Config
            clusters:
            - name: c
              cluster:
                server: https://127.0.0.1:6443
            contexts:
            - name: ctx
              context:
                cluster: c
                user: u
            current-context: ctx
            users:
            - name: u
              user:
                token: not-a-real-token
            """);
        yield Optional.of(f.toString());
      }
      case "manifests.path" -> {
        Path f = dir.resolve("cluster.yaml");
        Files.writeString(
            f,
            """
            apiVersion: v1
            kind: Node
            metadata:
              name: n1
            status:
              addresses:
              - type: InternalIP
                address: 10.0.0.1
            """);
        yield Optional.of(f.toString());
      }
      default -> Optional.empty();
    };
  }

  private record Pki(Path ca, Path cert, Path key) {}

  private Pki pki;

  /**
   * A self-signed certificate (serving as CA and client certificate) and its PKCS#8 key, made with
   * keytool.
   */
  private Pki pki() throws Exception {
    if (pki != null) {
      return pki;
    }
    Path store = dir.resolve("pki.p12");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-keystore",
                store.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "changeit",
                "-alias",
                "k",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=docs-test",
                "-validity",
                "2",
                "-ext",
                "bc=ca:true")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("keytool: %s", out).isZero();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(store)) {
      ks.load(in, "changeit".toCharArray());
    }
    Base64.Encoder pem = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
    String cert =
        "-----BEGIN CERTIFICATE-----\n"
            + pem.encodeToString(ks.getCertificate("k").getEncoded())
            + "\n-----END CERTIFICATE-----\n";
    String key =
        "-----BEGIN PRIVATE KEY-----\n"
            + pem.encodeToString(ks.getKey("k", "changeit".toCharArray()).getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    pki =
        new Pki(
            Files.writeString(dir.resolve("ca.crt"), cert),
            Files.writeString(dir.resolve("tls.crt"), cert),
            Files.writeString(dir.resolve("tls.key"), key));
    return pki;
  }

  // ---- metrics and alerts ----

  private static final Pattern METRIC_ROW =
      Pattern.compile("^\\| `(kuberoute_[a-z_]+)(?:\\{([a-z_,]+)\\})?` \\|");

  @Test
  void theDocumentedMetricsAreExactlyTheSeriesTheProgramExports() throws IOException {
    SyncMetrics metrics =
        new SyncMetrics(new TestClusterSource(), Leadership.always(), Clock.systemUTC());
    metrics.metered(
        new io.kuberoute.testkit.fixtures.InMemoryDnsBackend("kuberoute"),
        "fakedns"); // as Wiring does
    // one routed Service, so that its per-Service series exists
    metrics.trackFailover(
        () -> java.util.Map.of(new io.kuberoute.core.model.ServiceRef("default", "shop"), false));
    metrics.record(
        new io.kuberoute.core.app.SyncResult(
            java.time.Instant.EPOCH,
            java.time.Duration.ZERO,
            io.kuberoute.core.app.SyncTrigger.FULL,
            io.kuberoute.core.app.SyncResult.Outcome.SUCCESS,
            io.kuberoute.core.plan.ChangeSet.EMPTY,
            io.kuberoute.core.plan.ChangeSet.EMPTY,
            List.of(),
            0,
            0));
    String scrape = metrics.scrape();
    Map<String, List<String>> documented = new LinkedHashMap<>();
    for (String line : Files.readString(OPERATIONS).lines().toList()) {
      Matcher m = METRIC_ROW.matcher(line);
      if (m.find()) {
        documented.put(m.group(1), m.group(2) == null ? List.of() : List.of(m.group(2).split(",")));
      }
    }
    Set<String> samples = new TreeSet<>();
    Matcher sample = Pattern.compile("(?m)^(kuberoute_[a-z_]+)[{ ]").matcher(scrape);
    while (sample.find()) {
      samples.add(sample.group(1));
    }
    // a summary's samples are <name>_count, <name>_sum and <name>_max; a histogram's also
    // <name>_bucket
    Set<String> exported = new TreeSet<>();
    for (String name : samples) {
      String base = name.replaceAll("_(count|sum|max|bucket)$", "");
      exported.add(!base.equals(name) && samples.contains(base + "_count") ? base : name);
    }

    assertThat(documented).isNotEmpty();
    assertThat(exported).containsExactlyInAnyOrderElementsOf(documented.keySet());
    documented.forEach(
        (metric, labels) -> {
          for (String label : labels) {
            assertThat(scrape)
                .as("%s has the label %s", metric, label)
                .containsPattern("(?m)^" + metric + "\\w*\\{[^}]*\\b" + label + "=\"");
          }
        });
  }

  @Test
  void theExampleAlertsAreAPrometheusRuleOverExportedSeriesAndLabelValues() throws IOException {
    SyncMetrics metrics =
        new SyncMetrics(new TestClusterSource(), Leadership.always(), Clock.systemUTC());
    metrics.metered(
        new io.kuberoute.testkit.fixtures.InMemoryDnsBackend("kuberoute"),
        "fakedns"); // as Wiring does
    // one routed Service, so that its per-Service series exists
    metrics.trackFailover(
        () -> java.util.Map.of(new io.kuberoute.core.model.ServiceRef("default", "shop"), false));
    metrics.record(
        new io.kuberoute.core.app.SyncResult(
            java.time.Instant.EPOCH,
            java.time.Duration.ZERO,
            io.kuberoute.core.app.SyncTrigger.FULL,
            io.kuberoute.core.app.SyncResult.Outcome.SUCCESS,
            io.kuberoute.core.plan.ChangeSet.EMPTY,
            io.kuberoute.core.plan.ChangeSet.EMPTY,
            List.of(),
            0,
            0));
    String scrape = metrics.scrape();
    String ops = Files.readString(OPERATIONS);
    int alerts = ops.indexOf("## Alerts");
    int open = ops.indexOf("```yaml\n", alerts) + "```yaml\n".length();
    String yaml = ops.substring(open, ops.indexOf("```", open));
    GenericKubernetesResource rule =
        new KubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class);

    assertThat(rule.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(rule.getKind()).isEqualTo("PrometheusRule");
    Object spec = rule.getAdditionalProperties().get("spec");
    assertThat(spec).isInstanceOf(Map.class);
    List<String> exprs = new ArrayList<>();
    for (Object group : (List<?>) ((Map<?, ?>) spec).get("groups")) {
      for (Object r : (List<?>) ((Map<?, ?>) group).get("rules")) {
        Map<?, ?> ruleMap = (Map<?, ?>) r;
        assertThat(ruleMap.get("alert")).as("every rule is an alert").isNotNull();
        exprs.add(String.valueOf(ruleMap.get("expr")));
      }
    }
    assertThat(exprs).hasSizeGreaterThanOrEqualTo(5);
    Pattern selector = Pattern.compile("(kuberoute_[a-z_]+)(?:\\{([^}]*)\\})?");
    Pattern matcher = Pattern.compile("(\\w+)=~?\"([^\"]+)\"");
    for (String expr : exprs) {
      Matcher m = selector.matcher(expr);
      while (m.find()) {
        String metric = m.group(1);
        assertThat(scrape)
            .as("%s in %s is exported", metric, expr)
            .containsPattern("(?m)^" + metric + "[{ ]");
        if (m.group(2) != null) {
          Matcher lm = matcher.matcher(m.group(2));
          while (lm.find()) {
            for (String value : lm.group(2).split("\\|")) {
              assertThat(scrape)
                  .as("%s{%s=\"%s\"} in %s is exported", metric, lm.group(1), value, expr)
                  .containsPattern(
                      "(?m)^"
                          + metric
                          + "\\{[^}]*"
                          + lm.group(1)
                          + "=\""
                          + Pattern.quote(value)
                          + "\"");
            }
          }
        }
      }
    }
  }

  // ---- Markdown, as far as the checks need it ----

  /** Links and headings of GitHub Markdown, outside code blocks, code spans and HTML comments. */
  static final class Markdown {
    private Markdown() {}

    private static final Pattern FENCE = Pattern.compile("(?ms)^\\s*```.*?^\\s*```[^\\n]*$");
    private static final Pattern COMMENT = Pattern.compile("(?s)<!--.*?-->");
    private static final Pattern CODE_SPAN = Pattern.compile("`[^`\\n]*`");
    private static final Pattern LINK =
        Pattern.compile("\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern HEADING =
        Pattern.compile("(?m)^ {0,3}(#{1,6})\\s+(.+?)\\s*#*\\s*$");

    static String prose(String text) {
      return CODE_SPAN
          .matcher(COMMENT.matcher(FENCE.matcher(text).replaceAll("")).replaceAll(""))
          .replaceAll("``");
    }

    static List<String> links(String text) {
      List<String> out = new ArrayList<>();
      Matcher m = LINK.matcher(prose(text));
      while (m.find()) {
        out.add(m.group(1));
      }
      return out;
    }

    /**
     * The anchors GitHub gives the headings: lower case, punctuation dropped, spaces as '-',
     * repeats numbered.
     */
    static List<String> anchors(String text) {
      String withoutCode = COMMENT.matcher(FENCE.matcher(text).replaceAll("")).replaceAll("");
      Map<String, Integer> seen = new HashMap<>();
      List<String> out = new ArrayList<>();
      Matcher m = HEADING.matcher(withoutCode);
      while (m.find()) {
        String heading =
            m.group(2)
                .replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1") // links keep their text
                .replace("`", "");
        String slug =
            heading
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}\\p{Mn}_\\- ]", "")
                .replace(' ', '-');
        int n = seen.merge(slug, 1, Integer::sum) - 1;
        out.add(n == 0 ? slug : slug + "-" + n);
      }
      return out;
    }
  }

  /**
   * The key tables of docs/configuration.md, by section: {@code | Key | Default | Example | Meaning
   * |}.
   */
  static final class KeyTables {
    private KeyTables() {}

    private static final Pattern SECTION = Pattern.compile("^##\\s+`\\[([A-Za-z0-9_]+)\\]`");
    private static final Pattern KEY = Pattern.compile("`([a-z0-9_]+)`");
    private static final Pattern EXAMPLE = Pattern.compile("`(.+)`");

    static Map<String, Map<String, String>> read(String page) {
      Map<String, Map<String, String>> tables = new LinkedHashMap<>();
      String section = null;
      boolean inTable = false;
      boolean inFence = false;
      for (String line : page.lines().toList()) {
        if (line.strip().startsWith("```")) {
          inFence = !inFence;
          continue;
        }
        if (inFence) {
          continue;
        }
        if (line.startsWith("## ")) {
          Matcher s = SECTION.matcher(line);
          section = s.find() ? s.group(1) : null;
          inTable = false;
          continue;
        }
        if (!line.startsWith("|")) {
          inTable = false;
          continue;
        }
        List<String> cells = cells(line);
        if (cells.size() == 4 && cells.equals(List.of("Key", "Default", "Example", "Meaning"))) {
          if (section == null) {
            throw new AssertionError("a key table outside a ## `[section]` heading: " + line);
          }
          inTable = true;
          continue;
        }
        if (!inTable || line.startsWith("|---")) {
          continue;
        }
        if (cells.size() != 4) {
          throw new AssertionError(
              "a key table row without exactly 4 cells in [" + section + "]: " + line);
        }
        Matcher key = KEY.matcher(cells.get(0));
        Matcher example = EXAMPLE.matcher(cells.get(2));
        if (!key.matches() || !example.matches()) {
          throw new AssertionError(
              "a key table row must hold one `key` and one `example` in ["
                  + section
                  + "]: "
                  + line);
        }
        Map<String, String> keys = tables.computeIfAbsent(section, k -> new LinkedHashMap<>());
        if (keys.put(key.group(1), example.group(1)) != null) {
          throw new AssertionError("key " + section + "." + key.group(1) + " documented twice");
        }
      }
      return tables;
    }

    private static List<String> cells(String row) {
      String inner = row.strip();
      inner = inner.substring(1, inner.endsWith("|") ? inner.length() - 1 : inner.length());
      List<String> out = new ArrayList<>();
      for (String c : inner.split("\\|", -1)) {
        out.add(c.strip());
      }
      return out;
    }
  }
}
