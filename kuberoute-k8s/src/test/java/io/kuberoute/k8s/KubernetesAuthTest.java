package io.kuberoute.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kuberoute.core.ConfigurationException;
import io.kuberoute.core.config.ConfigSection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing the three auth sections from the configuration (no network). */
class KubernetesAuthTest {

  @TempDir Path dir;

  private static Optional<ConfigSection> section(String name, Map<String, String> values) {
    return Optional.of(new ConfigSection(name, values));
  }

  @Test
  void serviceaccountNeedsNoSectionAndIgnoresOne() {
    ConfigSection s = new ConfigSection("serviceaccount", Map.of("anything", "x"));

    assertThat(KubernetesAuth.fromConfig("serviceaccount", Optional.empty()))
        .isEqualTo(new KubernetesAuth.ServiceAccount());
    assertThat(KubernetesAuth.fromConfig("serviceaccount", Optional.of(s)))
        .isEqualTo(new KubernetesAuth.ServiceAccount());
    assertThat(s.unreadKeys()).isEmpty();
  }

  @Test
  void kubeconfigNeedsAnExistingFile() throws Exception {
    Path file = Files.writeString(dir.resolve("config"), "current-context: x\n");

    assertThat(
            KubernetesAuth.fromConfig(
                "kubeconfig", section("kubeconfig", Map.of("filename", file.toString()))))
        .isEqualTo(new KubernetesAuth.Kubeconfig(file));
    assertThatThrownBy(() -> KubernetesAuth.fromConfig("kubeconfig", Optional.empty()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "kubeconfig_kind = kubeconfig needs a [kubeconfig] section (e.g. 'filename = ~/.kube/config')");
    assertThatThrownBy(
            () -> KubernetesAuth.fromConfig("kubeconfig", section("kubeconfig", Map.of())))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "missing required key kubeconfig.filename (add 'filename = ...' to the [kubeconfig] section)");
    Path missing = dir.resolve("nope");
    assertThatThrownBy(
            () ->
                KubernetesAuth.fromConfig(
                    "kubeconfig", section("kubeconfig", Map.of("filename", missing.toString()))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "invalid value for kubeconfig.filename: '%s' (allowed: an existing kubeconfig file; this file does not exist)",
            missing);
  }

  @Test
  void kubernetesUrlVerifiesByDefault() throws Exception {
    Path ca = Files.writeString(dir.resolve("ca.crt"), "pem");

    assertThat(
            KubernetesAuth.fromConfig(
                "kubernetes_url",
                section("kubernetes_url", Map.of("url", "https://10.0.0.1:6443"))))
        .isEqualTo(
            new KubernetesAuth.Url(URI.create("https://10.0.0.1:6443"), true, Optional.empty()));
    assertThat(
            KubernetesAuth.fromConfig(
                "kubernetes_url",
                section(
                    "kubernetes_url",
                    Map.of(
                        "url",
                        "https://k8s:6443",
                        "verify",
                        "false",
                        "certificate_authority",
                        ca.toString()))))
        .isEqualTo(new KubernetesAuth.Url(URI.create("https://k8s:6443"), false, Optional.of(ca)));
  }

  @Test
  void kubernetesUrlErrorsNameTheKey() {
    assertThatThrownBy(() -> KubernetesAuth.fromConfig("kubernetes_url", Optional.empty()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "kubeconfig_kind = kubernetes_url needs a [kubernetes_url] section (e.g. 'url = https://127.0.0.1:6443')");
    assertThatThrownBy(
            () -> KubernetesAuth.fromConfig("kubernetes_url", section("kubernetes_url", Map.of())))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "missing required key kubernetes_url.url (add 'url = ...' to the [kubernetes_url] section)");
    assertThatThrownBy(
            () ->
                KubernetesAuth.fromConfig(
                    "kubernetes_url", section("kubernetes_url", Map.of("url", "10.0.0.1:6443"))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "invalid value for kubernetes_url.url: '10.0.0.1:6443' (allowed: an absolute http:// or https:// URL with a host)");
    Path missing = dir.resolve("ca.crt");
    assertThatThrownBy(
            () ->
                KubernetesAuth.fromConfig(
                    "kubernetes_url",
                    section(
                        "kubernetes_url",
                        Map.of("url", "https://k8s", "certificate_authority", missing.toString()))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "invalid value for kubernetes_url.certificate_authority: '%s' (allowed: an existing CA certificate file; this"
                + " file does not exist)",
            missing);
  }

  @Test
  void aUrlWithCredentialsIsRefusedWithoutShowingThem() {
    assertThatThrownBy(
            () ->
                KubernetesAuth.fromConfig(
                    "kubernetes_url",
                    section("kubernetes_url", Map.of("url", "https://admin:hunter2@k8s:6443"))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "invalid value for kubernetes_url.url (value hidden; allowed: a URL without credentials; this mode is for API"
                + " servers without authentication)")
        .message()
        .doesNotContain("hunter2");
  }

  @Test
  void anUnknownKindIsAnError() {
    assertThatThrownBy(() -> KubernetesAuth.fromConfig("incluster", Optional.empty()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "invalid value for kuberoute.kubeconfig_kind: 'incluster' (allowed: serviceaccount, kubeconfig, kubernetes_url,"
                + " manifests)");
  }
}
