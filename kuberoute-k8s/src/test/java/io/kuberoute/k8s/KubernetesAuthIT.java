package io.kuberoute.k8s;

import static io.kuberoute.k8s.K8sObjects.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.kuberoute.core.ConfigurationException;
import io.kuberoute.testkit.k8s.MockApiServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each authentication mode builds a client that works against fabric8's mock API server (over https
 * with its self-signed certificate where TLS matters), and each way of getting it wrong is a
 * start-up error naming what to fix. No test reads the developer's ~/.kube.
 */
class KubernetesAuthIT {

  private static final String TOKEN = "s3cr3t-token-value";

  @TempDir Path dir;
  private MockApiServer server;
  private KubernetesClient client;

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /** Lists the nodes through {@code c} and returns the request the server received for it. */
  private RecordedRequest listNodesThrough(KubernetesClient c) throws InterruptedException {
    server.client().resource(node("n1", "10.0.0.1", null, false, true)).create();
    server.requests();
    assertThat(c.nodes().list().getItems())
        .extracting(Node::getMetadata)
        .extracting("name")
        .containsExactly("n1");
    return server.takeRequest();
  }

  private Path kubeconfig(String contents) throws Exception {
    Path file = dir.resolve("kubeconfig");
    Files.writeString(file, contents);
    return file;
  }

  // ---- kubeconfig

  @Test
  void aKubeconfigFileUsesItsCurrentContextAndItsCredentials() throws Exception {
    server = MockApiServer.start(true);
    Path file =
        kubeconfig(
            """
            apiVersion: v1
            kind: Config
            current-context: mock
            clusters:
            - name: elsewhere
              cluster: {server: "https://127.0.0.1:1"}
            - name: mock
              cluster:
                server: "%s"
                certificate-authority: "%s"
            contexts:
            - name: other
              context: {cluster: elsewhere, user: nobody}
            - name: mock
              context: {cluster: mock, user: robot}
            users:
            - name: nobody
              user: {token: wrong}
            - name: robot
              user: {token: %s}
            """
                .formatted(server.url(), server.certificatePath(), TOKEN));

    client = Fabric8ClientFactory.create(new KubernetesAuth.Kubeconfig(file));

    RecordedRequest request = listNodesThrough(client);
    assertThat(request.getPath()).isEqualTo("/api/v1/nodes");
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
  }

  @Test
  void aFileThatIsNotYamlIsAnErrorNamingTheKey() throws Exception {
    Path file = kubeconfig("clusters: [unclosed\n  token: " + TOKEN + "\n");

    assertThatThrownBy(() -> Fabric8ClientFactory.create(new KubernetesAuth.Kubeconfig(file)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "invalid value for kubeconfig.filename: '%s' (allowed: a kubeconfig file with a current-context; it is not"
                + " a kubeconfig file (YAML with clusters, contexts and users))",
            file)
        .message()
        .doesNotContain(TOKEN);
  }

  @Test
  void aKubeconfigWithoutCurrentContextIsAnErrorNamingTheKey() throws Exception {
    Path file = kubeconfig("apiVersion: v1\nkind: Config\nclusters: []\n");

    assertThatThrownBy(() -> Fabric8ClientFactory.create(new KubernetesAuth.Kubeconfig(file)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "invalid value for kubeconfig.filename: '%s' (allowed: a kubeconfig file with a current-context; it has no"
                + " current-context (set one with 'kubectl config use-context NAME'))",
            file);
  }

  @Test
  void aCurrentContextThatDoesNotExistIsAnError() throws Exception {
    Path file = kubeconfig("apiVersion: v1\nkind: Config\ncurrent-context: prod\ncontexts: []\n");

    assertThatThrownBy(() -> Fabric8ClientFactory.create(new KubernetesAuth.Kubeconfig(file)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "invalid value for kubeconfig.filename: '%s' (allowed: a kubeconfig file with a current-context; its"
                + " current-context 'prod' is not among its contexts)",
            file);
  }

  @Test
  void aContextWhoseClusterHasNoServerIsAnError() throws Exception {
    Path file =
        kubeconfig(
            """
            current-context: prod
            contexts:
            - name: prod
              context: {cluster: missing}
            """);

    assertThatThrownBy(() -> Fabric8ClientFactory.create(new KubernetesAuth.Kubeconfig(file)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "invalid value for kubeconfig.filename: '%s' (allowed: a kubeconfig file with a current-context; the"
                + " cluster 'missing' of its current-context 'prod' has no server)",
            file);
  }

  @Test
  void anEmptyKubeconfigIsAnError() throws Exception {
    Path file = kubeconfig("");

    assertThatThrownBy(() -> Fabric8ClientFactory.create(new KubernetesAuth.Kubeconfig(file)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "invalid value for kubeconfig.filename: '%s' (allowed: a kubeconfig file with a current-context; it is empty)",
            file);
  }

  // ---- kubernetes_url

  @Test
  void aPlainHttpUrlNeedsNoCredentials() throws Exception {
    server = MockApiServer.start(false);

    client =
        Fabric8ClientFactory.create(
            new KubernetesAuth.Url(URI.create(server.url()), true, Optional.empty()));

    RecordedRequest request = listNodesThrough(client);
    assertThat(request.getHeader("Authorization")).isNull();
  }

  @Test
  void anHttpsUrlIsVerifiedAgainstTheCertificateAuthority() throws Exception {
    server = MockApiServer.start(true);
    KubernetesAuth.Url auth =
        new KubernetesAuth.Url(
            URI.create(server.url()), true, Optional.of(Path.of(server.certificatePath())));

    client = Fabric8ClientFactory.create(auth);

    assertThat(listNodesThrough(client).getPath()).isEqualTo("/api/v1/nodes");
  }

  @Test
  void verifyIsOnByDefaultSoAnUnknownCertificateIsRefused() {
    server = MockApiServer.start(true);

    client =
        Fabric8ClientFactory.create(
            new KubernetesAuth.Url(URI.create(server.url()), true, Optional.empty()));

    assertThatThrownBy(() -> client.nodes().list())
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(
            e ->
                assertThat(Fabric8ClientFactory.errorMessage(e))
                    .containsIgnoringCase("certification path"));
  }

  @Test
  void verifyFalseAcceptsAnyCertificate() throws Exception {
    server = MockApiServer.start(true);

    client =
        Fabric8ClientFactory.create(
            new KubernetesAuth.Url(URI.create(server.url()), false, Optional.empty()));

    assertThat(listNodesThrough(client).getPath()).isEqualTo("/api/v1/nodes");
  }

  @Test
  void aCertificateAuthorityFileThatIsNoCertificateIsAnErrorNamingTheKey() throws Exception {
    Path ca = dir.resolve("ca.crt");
    Files.writeString(ca, "not a certificate\n");
    KubernetesAuth.Url auth =
        new KubernetesAuth.Url(URI.create("https://127.0.0.1:6443"), true, Optional.of(ca));

    assertThatThrownBy(() -> Fabric8ClientFactory.create(auth))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "invalid value for kubernetes_url.certificate_authority: '%s' is not a PEM CA certificate file: No"
                + " certificate data found",
            ca);
  }

  // ---- serviceaccount

  private Map<String, String> inPod(Path token, Path ca) {
    Map<String, String> env = new HashMap<>();
    env.put("KUBERNETES_SERVICE_HOST", "localhost");
    env.put("KUBERNETES_SERVICE_PORT", String.valueOf(server.port()));
    env.put(Fabric8ClientFactory.TOKEN_FILE_PROPERTY, token.toString());
    env.put(Fabric8ClientFactory.CA_FILE_PROPERTY, ca.toString());
    return env;
  }

  @Test
  void theServiceAccountModeUsesTheMountedTokenAndCaAndTheServiceAddress() throws Exception {
    server = MockApiServer.start(true);
    Path token = Files.writeString(dir.resolve("token"), TOKEN + "\n");
    Map<String, String> env = inPod(token, Path.of(server.certificatePath()));

    client = Fabric8ClientFactory.create(new KubernetesAuth.ServiceAccount(), env::get);

    assertThat(client.getMasterUrl().toString())
        .isEqualTo("https://localhost:" + server.port() + "/");
    RecordedRequest request = listNodesThrough(client);
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
  }

  @Test
  void theServiceAccountSettingsAreReadFromSystemPropertiesAsFabric8Does() throws Exception {
    server = MockApiServer.start(true);
    Path token = Files.writeString(dir.resolve("token"), TOKEN);
    Map<String, String> props = inPod(token, Path.of(server.certificatePath()));
    Map<String, String> saved = new HashMap<>();
    props.keySet().forEach(k -> saved.put(k, System.getProperty(k)));
    try {
      props.forEach(System::setProperty);

      client = Fabric8ClientFactory.create(new KubernetesAuth.ServiceAccount());

      assertThat(listNodesThrough(client).getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
    } finally {
      saved.forEach(
          (k, v) -> {
            if (v == null) {
              System.clearProperty(k);
            } else {
              System.setProperty(k, v);
            }
          });
    }
  }

  @Test
  void theServiceAccountModeOutsideAPodIsAnError() {
    assertThatThrownBy(
            () -> Fabric8ClientFactory.create(new KubernetesAuth.ServiceAccount(), k -> null))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "kubeconfig_kind = serviceaccount needs the environment variables KUBERNETES_SERVICE_HOST and"
                + " KUBERNETES_SERVICE_PORT, which Kubernetes sets in every pod; outside a pod use kubeconfig_kind ="
                + " kubeconfig or kubernetes_url");
  }

  @Test
  void aMissingServiceAccountTokenIsAnError() throws Exception {
    server = MockApiServer.start(true);
    Path token = dir.resolve("token");
    Map<String, String> env = inPod(token, Path.of(server.certificatePath()));

    assertThatThrownBy(
            () -> Fabric8ClientFactory.create(new KubernetesAuth.ServiceAccount(), env::get))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "kubeconfig_kind = serviceaccount: there is no service account token at %s (is"
                + " automountServiceAccountToken false for the pod?)",
            token);
  }

  @Test
  void aMissingServiceAccountCaIsAnError() throws Exception {
    server = MockApiServer.start(true);
    Path token = Files.writeString(dir.resolve("token"), TOKEN);
    Path ca = dir.resolve("ca.crt");
    Map<String, String> env = inPod(token, ca);

    assertThatThrownBy(
            () -> Fabric8ClientFactory.create(new KubernetesAuth.ServiceAccount(), env::get))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "kubeconfig_kind = serviceaccount: there is no service account CA certificate at %s",
            ca);
  }

  @Test
  void anEmptyServiceAccountTokenIsAnErrorThatDoesNotShowTheFile() throws Exception {
    server = MockApiServer.start(true);
    Path token = Files.writeString(dir.resolve("token"), "  \n");
    Map<String, String> env = inPod(token, Path.of(server.certificatePath()));

    assertThatThrownBy(
            () -> Fabric8ClientFactory.create(new KubernetesAuth.ServiceAccount(), env::get))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "kubeconfig_kind = serviceaccount: the service account token at %s cannot be read: the file is empty",
            token);
  }

  @Test
  void aRotatedTokenIsReadAgain() throws Exception {
    Path token = Files.writeString(dir.resolve("token"), "first");
    Fabric8ClientFactory.ServiceAccountToken provider =
        new Fabric8ClientFactory.ServiceAccountToken(token, java.time.Duration.ZERO);
    assertThat(provider.getToken()).isEqualTo("first");

    Files.writeString(token, "second\n");
    assertThat(provider.getToken()).isEqualTo("second");

    Files.delete(token);
    // a file that disappears for a moment keeps the last token
    assertThat(provider.getToken()).isEqualTo("second");
  }

  @Test
  void errorMessagesLookThroughWrappers() {
    Exception wrapped =
        new java.util.concurrent.CompletionException(
            new KubernetesClientException(
                "An error has occurred.",
                new java.io.IOException("Connection refused: /10.0.0.1:6443")));

    assertThat(Fabric8ClientFactory.errorMessage(wrapped))
        .isEqualTo("Connection refused: /10.0.0.1:6443");
    Exception ssl =
        new KubernetesClientException(
            "Operation: [list]  for kind: [Node]  with name: [null]  in namespace: [null]  failed.",
            new RuntimeException(
                "Failed to create SSL connection",
                new javax.net.ssl.SSLHandshakeException("PKIX path building failed")));
    assertThat(Fabric8ClientFactory.errorMessage(ssl))
        .isEqualTo("Failed to create SSL connection: PKIX path building failed");
    assertThat(Fabric8ClientFactory.errorMessage(new IllegalStateException()))
        .isEqualTo("IllegalStateException");
    assertThat(
            List.of(Fabric8ClientFactory.errorMessage(new KubernetesClientException("Forbidden"))))
        .containsExactly("Forbidden");
  }
}
