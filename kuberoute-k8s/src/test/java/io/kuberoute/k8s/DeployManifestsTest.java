package io.kuberoute.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ini4j.Ini;
import org.ini4j.Profile.Section;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each overlay of deploy/ renders (with {@code kubectl kustomize}, as {@code kubectl apply -k}
 * does) into a complete, consistent installation: the Namespace first and everything in it, the
 * image the Dockerfile builds run as it expects, probes on the configured port, a hardened pod, and
 * what each backend needs.
 */
class DeployManifestsTest {

  static final String NAMESPACE = "kuberoute";
  static final String IMAGE = "ghcr.io/kuberoute/kuberoute:0.1.0";
  static final String CONFIG_VOLUME = "config";

  static List<String> overlays() throws IOException {
    return DeployFiles.overlays();
  }

  @Test
  void theKitHasEveryPromisedOverlayAndTheImageVersionMatchesTheDockerfile() throws IOException {
    assertThat(DeployFiles.overlays()).containsAll(DeployFiles.PROMISED);
    assertThat(DeployFiles.lastInstruction("ARG"))
        .isEqualTo("VERSION=" + IMAGE.substring(IMAGE.lastIndexOf(':') + 1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void theNamespaceComesFirstAndEveryNamespacedObjectIsInIt(String overlay) {
    List<HasMetadata> objects = DeployFiles.overlay(overlay);

    assertThat(objects.get(0)).isInstanceOf(Namespace.class);
    assertThat(objects.get(0).getMetadata().getName()).isEqualTo(NAMESPACE);
    assertThat(DeployFiles.all(objects, Namespace.class)).hasSize(1);
    for (HasMetadata o : objects) {
      String what = o.getKind() + " " + o.getMetadata().getName();
      assertThat(o)
          .as("%s is a kind fabric8 knows (so its scope is known)", what)
          .isNotInstanceOf(GenericKubernetesResource.class);
      if (o instanceof Namespaced) {
        assertThat(o.getMetadata().getNamespace()).as("namespace of %s", what).isEqualTo(NAMESPACE);
      } else {
        assertThat(o.getMetadata().getNamespace())
            .as("namespace of cluster-scoped %s", what)
            .isNull();
      }
      assertThat(o.getMetadata().getLabels())
          .as("labels of %s", what)
          .containsKey("app.kubernetes.io/name");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void everyBindingNamesTheServiceAccountInItsNamespace(String overlay) {
    List<HasMetadata> objects = DeployFiles.overlay(overlay);
    ServiceAccount account = DeployFiles.one(objects, ServiceAccount.class, "kuberoute");
    Subject expected =
        new Subject(null, "ServiceAccount", "kuberoute", account.getMetadata().getNamespace());

    List<List<Subject>> subjects = new ArrayList<>();
    DeployFiles.all(objects, ClusterRoleBinding.class).forEach(b -> subjects.add(b.getSubjects()));
    DeployFiles.all(objects, RoleBinding.class).forEach(b -> subjects.add(b.getSubjects()));

    assertThat(subjects).isNotEmpty().allSatisfy(s -> assertThat(s).containsExactly(expected));
    assertThat(deployment(objects).getSpec().getTemplate().getSpec().getServiceAccountName())
        .isEqualTo("kuberoute");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void theDeploymentRunsTheImageAsTheDockerfileExpectsWithProbesOnTheConfiguredPort(String overlay)
      throws IOException {
    List<HasMetadata> objects = DeployFiles.overlay(overlay);
    Deployment d = deployment(objects);
    PodSpec pod = d.getSpec().getTemplate().getSpec();
    Container c = kuberoute(pod);
    Ini config = config(overlay, objects);
    int port = Integer.parseInt(config.get("kuberoute", "port"));
    List<String> cmd = DeployFiles.execForm(DeployFiles.lastInstruction("CMD"));
    Path configFile = Path.of(cmd.get(cmd.indexOf("--config") + 1));

    assertThat(c.getImage()).isEqualTo(IMAGE);
    // the image's entrypoint and its default --config, not a copy that could drift
    assertThat(c.getCommand()).isEmpty();
    assertThat(c.getArgs()).isEmpty();
    assertThat(c.getEnv())
        .noneMatch(
            e -> e.getName().equals("JDK_JAVA_OPTIONS") || e.getName().equals("JAVA_TOOL_OPTIONS"));
    assertThat(c.getPorts())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getName()).isEqualTo("http");
              assertThat(p.getContainerPort()).isEqualTo(port);
            });
    assertHttpGet(c.getStartupProbe(), "/healthz");
    assertHttpGet(c.getLivenessProbe(), "/healthz");
    assertHttpGet(c.getReadinessProbe(), "/readyz");
    assertThat(d.getSpec().getSelector().getMatchLabels())
        .isEqualTo(d.getSpec().getTemplate().getMetadata().getLabels());
    assertThat(d.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("kubectl.kubernetes.io/default-container", "kuberoute");

    // the configuration file where the image's default --config looks for it
    VolumeMount configMount = mount(c, CONFIG_VOLUME);
    assertThat(configMount.getMountPath()).isEqualTo(configFile.getParent().toString());
    assertThat(configMount.getReadOnly()).isTrue();
    Volume configVolume = volume(pod, CONFIG_VOLUME);
    if (configVolume.getConfigMap() != null) {
      ConfigMap cm =
          DeployFiles.one(objects, ConfigMap.class, configVolume.getConfigMap().getName());
      assertThat(cm.getData()).containsOnlyKeys(configFile.getFileName().toString());
    } else {
      assertThat(configVolume.getSecret())
          .as("the config volume is a ConfigMap or a Secret")
          .isNotNull();
    }
    // the root file system is read-only: /tmp is the one writable place
    assertThat(mount(c, "tmp").getMountPath()).isEqualTo("/tmp");
    assertThat(volume(pod, "tmp").getEmptyDir()).isNotNull();
    assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(c.getResources().getLimits()).containsKey("memory");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void thePodRunsAsTheImagesNonRootUserWithAReadOnlyRootAndNoCapabilities(String overlay)
      throws IOException {
    PodSpec pod = deployment(DeployFiles.overlay(overlay)).getSpec().getTemplate().getSpec();
    String user = DeployFiles.lastInstruction("USER");
    long uid = Long.parseLong(user.split(":")[0]);

    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(uid);
    assertThat(pod.getSecurityContext().getRunAsGroup()).isEqualTo(uid);
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(pod.getContainers())
        .allSatisfy(
            c -> {
              assertThat(c.getSecurityContext().getRunAsNonRoot())
                  .as("%s runAsNonRoot", c.getName())
                  .isTrue();
              assertThat(c.getSecurityContext().getReadOnlyRootFilesystem())
                  .as("%s readOnlyRootFilesystem", c.getName())
                  .isTrue();
              assertThat(c.getSecurityContext().getAllowPrivilegeEscalation())
                  .as("%s allowPrivilegeEscalation", c.getName())
                  .isFalse();
              assertThat(c.getSecurityContext().getCapabilities().getDrop())
                  .as("%s drops", c.getName())
                  .containsExactly("ALL");
              assertThat(c.getSecurityContext().getCapabilities().getAdd())
                  .as("%s adds", c.getName())
                  .isEmpty();
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void theMetricsServiceScrapesTheHttpPortOfThePods(String overlay) throws IOException {
    List<HasMetadata> objects = DeployFiles.overlay(overlay);
    Deployment d = deployment(objects);
    Service metrics = DeployFiles.one(objects, Service.class, "kuberoute-metrics");
    int port = kuberoute(d.getSpec().getTemplate().getSpec()).getPorts().get(0).getContainerPort();

    assertThat(metrics.getSpec().getType()).isEqualTo("ClusterIP");
    assertThat(metrics.getSpec().getSelector())
        .isEqualTo(d.getSpec().getTemplate().getMetadata().getLabels());
    assertThat(metrics.getSpec().getPorts())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getPort()).isEqualTo(port);
              assertThat(p.getTargetPort().getStrVal()).isEqualTo("http");
            });
    assertThat(metrics.getMetadata().getAnnotations())
        .containsEntry("prometheus.io/scrape", "true")
        .containsEntry("prometheus.io/port", String.valueOf(port))
        .containsEntry("prometheus.io/path", "/metrics");
    // kuberoute must never publish its own metrics Service
    assertThat(metrics.getMetadata().getLabels())
        .doesNotContainKeys("kuberoute_domain", "kuberoute_name");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void moreThanOneReplicaOnlyWithLeaderElectionItsLeaseRoleAndADisruptionBudget(String overlay)
      throws IOException {
    List<HasMetadata> objects = DeployFiles.overlay(overlay);
    Deployment d = deployment(objects);
    Ini config = config(overlay, objects);
    boolean leaderElection = isTrue(config.get("kuberoute", "leader_election"));
    List<Role> roles = DeployFiles.all(objects, Role.class);
    List<PodDisruptionBudget> budgets = DeployFiles.all(objects, PodDisruptionBudget.class);

    if (!leaderElection) {
      assertThat(d.getSpec().getReplicas()).isEqualTo(1);
      // never two writers, not even during an update
      assertThat(d.getSpec().getStrategy().getType()).isEqualTo("Recreate");
      assertThat(roles).isEmpty();
      assertThat(budgets).isEmpty();
      return;
    }
    assertThat(d.getSpec().getReplicas()).isGreaterThan(1);
    assertThat(d.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
    assertThat(budgets)
        .singleElement()
        .satisfies(
            pdb -> {
              assertThat(pdb.getSpec().getSelector().getMatchLabels())
                  .isEqualTo(d.getSpec().getTemplate().getMetadata().getLabels());
              assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
            });
    // the Lease the configuration names is the one the Role grants
    String leaseName =
        Optional.ofNullable(config.get("kuberoute", "lease_name")).orElse("kuberoute");
    String leaseNamespace =
        Optional.ofNullable(config.get("kuberoute", "lease_namespace"))
            .orElse(d.getMetadata().getNamespace());
    Role role = DeployFiles.one(objects, Role.class, "kuberoute-leader-election");
    assertThat(role.getMetadata().getNamespace()).isEqualTo(leaseNamespace);
    assertThat(role.getRules())
        .anySatisfy(r -> assertThat(r.getResourceNames()).contains(leaseName));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void noConfigMapHoldsASecret(String overlay) throws IOException {
    Pattern secretKey =
        Pattern.compile("(?im)^\\s*[a-z_]*(secret|password|token)[a-z_]*\\s*[=:]\\s*\\S");
    for (ConfigMap cm : DeployFiles.all(DeployFiles.overlay(overlay), ConfigMap.class)) {
      for (var e : cm.getData().entrySet()) {
        assertThat(secretKey.matcher(e.getValue()).find())
            .as("ConfigMap %s key %s sets a secret", cm.getMetadata().getName(), e.getKey())
            .isFalse();
      }
    }
  }

  // ---- what each backend's overlay adds ----

  @Test
  void fakednsWatchesEveryNamespaceAndBringsADemoServiceItPublishes() throws IOException {
    List<HasMetadata> objects = DeployFiles.overlay("fakedns");
    Ini config = config("fakedns", objects);
    Service demo = DeployFiles.one(objects, Service.class, "kuberoute-demo");
    Map<String, String> podLabels =
        deployment(objects).getSpec().getTemplate().getMetadata().getLabels();

    assertThat(config.get("kuberoute", "dns_backend")).isEqualTo("fakedns");
    assertThat(config.get("kuberoute", "namespaces")).isEqualTo("*");
    assertThat(demo.getSpec().getType()).isEqualTo("NodePort");
    assertThat(demo.getMetadata().getLabels())
        .containsEntry("kuberoute_domain", "example.com")
        .containsEntry("kuberoute_name", "demo")
        .containsKey("kuberoute_failover");
    assertThat(podLabels).containsAllEntriesOf(demo.getSpec().getSelector());
    assertThat(demo.getSpec().getPorts())
        .allSatisfy(p -> assertThat(p.getTargetPort().getIntVal()).isEqualTo(9));
  }

  @Test
  void route53TakesItsCredentialsFromIamRolesForServiceAccountsNotFromTheConfig()
      throws IOException {
    List<HasMetadata> objects = DeployFiles.overlay("route53");
    Ini config = config("route53", objects);
    ServiceAccount account = DeployFiles.one(objects, ServiceAccount.class, "kuberoute");

    assertThat(config.get("kuberoute", "dns_backend")).isEqualTo("route53");
    assertThat(config.get("route53")).isNotNull();
    assertThat(config.get("route53").keySet())
        .doesNotContain("aws_access_key_id", "aws_secret_access_key");
    assertThat(account.getMetadata().getAnnotations().get("eks.amazonaws.com/role-arn"))
        .matches("arn:aws:iam::\\d{12}:role/[\\w+=,.@/-]+");
  }

  @Test
  void skydnsAndTheCorefileExampleNameTheSameEtcdAndPrefix() throws IOException {
    Ini config = config("skydns", DeployFiles.overlay("skydns"));
    Section skydns = config.get("skydns");
    String corefile = Files.readString(DeployFiles.OVERLAYS.resolve("skydns/Corefile.example"));

    assertThat(config.get("kuberoute", "dns_backend")).isEqualTo("skydns");
    assertThat(directive(corefile, "path")).isEqualTo(skydns.get("prefix"));
    assertThat(directive(corefile, "endpoint")).isEqualTo(skydns.get("endpoints"));
  }

  @Test
  void rfc2136ReadsTheWholeConfigurationFromASecretItDoesNotShip() throws IOException {
    List<HasMetadata> objects = DeployFiles.overlay("rfc2136");
    PodSpec pod = deployment(objects).getSpec().getTemplate().getSpec();
    Volume configVolume = volume(pod, CONFIG_VOLUME);
    Ini example = config("rfc2136", objects);

    assertThat(configVolume.getConfigMap()).isNull();
    assertThat(configVolume.getSecret().getSecretName()).isEqualTo("kuberoute-config");
    // readable by the pod's group (fsGroup), as the files of a Secret belong to root
    assertThat(configVolume.getSecret().getDefaultMode()).isEqualTo(0440);
    assertThat(pod.getSecurityContext().getFsGroup())
        .isEqualTo(pod.getSecurityContext().getRunAsUser());
    assertThat(DeployFiles.all(objects, ConfigMap.class)).isEmpty();
    assertThat(objects).noneMatch(o -> o.getKind().equals("Secret"));
    assertThat(example.get("kuberoute", "dns_backend")).isEqualTo("rfc2136");
    assertThat(example.get("rfc2136").keySet())
        .contains("server", "zones", "tsig_key_name", "tsig_secret", "tsig_algorithm");
  }

  @Test
  void webhookRunsTheProviderAsASidecarOnLocalhost8888() throws IOException {
    List<HasMetadata> objects = DeployFiles.overlay("webhook");
    PodSpec pod = deployment(objects).getSpec().getTemplate().getSpec();
    Ini config = config("webhook", objects);

    assertThat(config.get("kuberoute", "dns_backend")).isEqualTo("webhook");
    assertThat(config.get("webhook", "url")).isEqualTo("http://localhost:8888");
    assertThat(pod.getContainers())
        .extracting(Container::getName)
        .containsExactlyInAnyOrder("kuberoute", "webhook-provider");
    Container provider =
        pod.getContainers().stream()
            .filter(c -> c.getName().equals("webhook-provider"))
            .findFirst()
            .orElseThrow();
    assertThat(provider.getImage()).isNotEqualTo(IMAGE);
    // the webhook API stays inside the pod: 8888 is not a declared port
    assertThat(provider.getPorts()).noneMatch(p -> p.getContainerPort() == 8888);
    assertThat(provider.getEnvFrom())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getSecretRef().getName()).isEqualTo("kuberoute-webhook-provider");
              assertThat(e.getSecretRef().getOptional()).isTrue();
            });
  }

  // ---- helpers ----

  static Deployment deployment(List<HasMetadata> objects) {
    return DeployFiles.one(objects, Deployment.class, "kuberoute");
  }

  static Container kuberoute(PodSpec pod) {
    return pod.getContainers().stream()
        .filter(c -> c.getName().equals("kuberoute"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no container kuberoute"));
  }

  /**
   * The overlay's configuration file: the ConfigMap's, or, when the file comes from a Secret the
   * operator creates, the overlay's {@code config.ini.example}.
   */
  static Ini config(String overlay, List<HasMetadata> objects) throws IOException {
    Volume v = volume(deployment(objects).getSpec().getTemplate().getSpec(), CONFIG_VOLUME);
    String text;
    if (v.getConfigMap() != null) {
      text =
          DeployFiles.one(objects, ConfigMap.class, v.getConfigMap().getName())
              .getData()
              .get("config");
    } else {
      text = Files.readString(DeployFiles.OVERLAYS.resolve(overlay).resolve("config.ini.example"));
    }
    return new Ini(new StringReader(text));
  }

  private static boolean isTrue(String value) {
    return value != null
        && List.of("true", "yes", "on").contains(value.toLowerCase(java.util.Locale.ROOT));
  }

  private static VolumeMount mount(Container c, String name) {
    return c.getVolumeMounts().stream()
        .filter(m -> m.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no volume mount " + name));
  }

  private static Volume volume(PodSpec pod, String name) {
    return pod.getVolumes().stream()
        .filter(v -> v.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no volume " + name));
  }

  private static void assertHttpGet(Probe probe, String path) {
    assertThat(probe).as("probe on %s", path).isNotNull();
    assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
    assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
  }

  /** The argument of {@code name} in a Corefile (the first line starting with it). */
  private static String directive(String corefile, String name) {
    Matcher m = Pattern.compile("(?m)^\\s*" + name + "\\s+(\\S+)\\s*$").matcher(corefile);
    if (!m.find()) {
      throw new AssertionError("no " + name + " in the Corefile example");
    }
    return m.group(1);
  }
}
