package io.kuberoute.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.kuberoute.core.config.ConfigSection;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ini4j.Ini;
import org.junit.jupiter.api.Test;

/** The files under deploy/ parse as Kubernetes objects and fit together. */
class DeployManifestsTest {

  private static final Subject SERVICE_ACCOUNT =
      new Subject(null, "ServiceAccount", "kuberoute", "kuberoute");

  @Test
  void everyFileParsesAndHoldsTheExpectedObjects() throws Exception {
    List<String> found = new java.util.ArrayList<>();
    for (Path file : DeployFiles.files()) {
      for (HasMetadata o : DeployFiles.read(file)) {
        found.add(
            DeployFiles.DIR.relativize(file) + " " + o.getKind() + " "
                + Optional.ofNullable(o.getMetadata().getNamespace()).map(n -> n + "/").orElse("")
                + o.getMetadata().getName());
      }
    }

    assertThat(found)
        .containsExactly(
            "clusterrole.yaml ClusterRole kuberoute",
            "clusterrolebinding.yaml ClusterRoleBinding kuberoute",
            "configmap.yaml ConfigMap kuberoute/kuberoute",
            "deployment.yaml Deployment kuberoute/kuberoute",
            "leader-election/role.yaml Role kuberoute/kuberoute-leader-election",
            "leader-election/rolebinding.yaml RoleBinding kuberoute/kuberoute-leader-election",
            "namespace.yaml Namespace kuberoute",
            "serviceaccount.yaml ServiceAccount kuberoute/kuberoute");
    assertThat(DeployFiles.one(Namespace.class, "kuberoute")).isNotNull();
    assertThat(DeployFiles.one(ServiceAccount.class, "kuberoute").getMetadata().getNamespace()).isEqualTo("kuberoute");
  }

  @Test
  void theClusterRoleOnlyReadsServicesPodsAndNodesAndRecordsEvents() throws Exception {
    ClusterRole role = DeployFiles.one(ClusterRole.class, "kuberoute");

    assertThat(role.getRules())
        .extracting(PolicyRule::getApiGroups, PolicyRule::getResources, PolicyRule::getVerbs, PolicyRule::getResourceNames)
        .containsExactly(
            tuple(List.of(""), List.of("services", "pods", "nodes"), List.of("get", "list", "watch"), List.of()),
            tuple(List.of(""), List.of("events"), List.of("create"), List.of()));
    ClusterRoleBinding binding = DeployFiles.one(ClusterRoleBinding.class, "kuberoute");
    assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
    assertThat(binding.getRoleRef().getName()).isEqualTo("kuberoute");
    assertThat(binding.getSubjects()).containsExactly(SERVICE_ACCOUNT);
  }

  @Test
  void leasesAreASeparateRoleLimitedToTheLeaseInKuberoutesNamespace() throws Exception {
    Role role = DeployFiles.one(Role.class, "kuberoute-leader-election");

    assertThat(role.getMetadata().getNamespace()).isEqualTo("kuberoute");
    assertThat(role.getRules())
        .extracting(PolicyRule::getApiGroups, PolicyRule::getResources, PolicyRule::getVerbs, PolicyRule::getResourceNames)
        .containsExactly(
            tuple(List.of("coordination.k8s.io"), List.of("leases"), List.of("create"), List.of()),
            tuple(List.of("coordination.k8s.io"), List.of("leases"), List.of("get", "update", "patch"), List.of("kuberoute")));
    RoleBinding binding = DeployFiles.one(RoleBinding.class, "kuberoute-leader-election");
    assertThat(binding.getMetadata().getNamespace()).isEqualTo("kuberoute");
    assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
    assertThat(binding.getRoleRef().getName()).isEqualTo("kuberoute-leader-election");
    assertThat(binding.getSubjects()).containsExactly(SERVICE_ACCOUNT);
  }

  @Test
  void theConfigMapIsAnOriginalConfigurationUsingTheServiceAccount() throws Exception {
    String text = DeployFiles.one(ConfigMap.class, "kuberoute").getData().get("config");
    Ini ini = new Ini(new StringReader(text));
    Map<String, String> kuberoute = new LinkedHashMap<>(ini.get("kuberoute"));

    assertThat(kuberoute)
        .containsOnly(
            Map.entry("kubeconfig_kind", "serviceaccount"),
            Map.entry("dns_backend", "fakedns"),
            Map.entry("namespaces", "default"),
            Map.entry("domain_label", "kuberoute_domain"),
            Map.entry("name_label", "kuberoute_name"),
            Map.entry("failover_label", "kuberoute_failover"),
            Map.entry("quota_label", "kuberoute_quota"),
            Map.entry("port", "8081"));
    assertThat(ini.keySet()).containsExactly("kuberoute", "fakedns");
    assertThat(KubernetesAuth.fromConfig(kuberoute.get("kubeconfig_kind"), Optional.empty()))
        .isEqualTo(new KubernetesAuth.ServiceAccount());
    assertThat(Namespaces.parse(new ConfigSection("kuberoute", kuberoute).list("namespaces")))
        .isEqualTo(Namespaces.of("default"));
    // the commented-out leader election keys name the Lease the Role grants
    Role role = DeployFiles.one(Role.class, "kuberoute-leader-election");
    assertThat(commented(text, "lease_name")).isEqualTo(role.getRules().get(1).getResourceNames().get(0));
    assertThat(commented(text, "lease_namespace")).isEqualTo(role.getMetadata().getNamespace());
    assertThat(commented(text, "leader_election")).isEqualTo("true");
  }

  @Test
  void theDeploymentRunsTheJarWithTheConfigMapAndProbesTheConfiguredPort() throws Exception {
    Deployment d = DeployFiles.one(Deployment.class, "kuberoute");
    var pod = d.getSpec().getTemplate().getSpec();
    Container c = pod.getContainers().get(0);
    String ini = DeployFiles.one(ConfigMap.class, "kuberoute").getData().get("config");
    String port = new Ini(new StringReader(ini)).get("kuberoute", "port");

    assertThat(d.getSpec().getReplicas()).isEqualTo(1);
    assertThat(d.getSpec().getStrategy().getType()).isEqualTo("Recreate");
    assertThat(pod.getServiceAccountName()).isEqualTo("kuberoute");
    assertThat(pod.getContainers()).hasSize(1);
    assertThat(c.getCommand()).containsExactly("java", "-jar", "/app/kuberoute-cli.jar", "--config", "/etc/kuberoute/config");
    assertThat(c.getPorts()).singleElement().satisfies(p -> {
      assertThat(p.getName()).isEqualTo("http");
      assertThat(p.getContainerPort()).isEqualTo(Integer.parseInt(port));
    });
    assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(c.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
    assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(c.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
    assertThat(c.getVolumeMounts())
        .extracting(m -> m.getName() + " " + m.getMountPath() + " " + m.getReadOnly())
        .containsExactly("config /etc/kuberoute true", "tmp /tmp null");
    Volume config = pod.getVolumes().stream().filter(v -> v.getName().equals("config")).findFirst().orElseThrow();
    assertThat(config.getConfigMap().getName()).isEqualTo("kuberoute");
    assertThat(d.getSpec().getSelector().getMatchLabels()).isEqualTo(d.getSpec().getTemplate().getMetadata().getLabels());
    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
  }

  private static String commented(String ini, String key) {
    Matcher m = Pattern.compile("(?m)^#\\s*" + key + "\\s*=\\s*(\\S+)\\s*$").matcher(ini);
    if (!m.find()) {
      throw new AssertionError("no commented " + key + " in the ConfigMap");
    }
    return m.group(1);
  }
}
