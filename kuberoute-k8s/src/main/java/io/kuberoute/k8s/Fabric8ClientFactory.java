package io.kuberoute.k8s;

import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.OAuthTokenProvider;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.utils.Utils;
import io.kuberoute.core.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the fabric8 {@link KubernetesClient} for one of the three {@link KubernetesAuth} modes.
 * Every {@link Config} is built explicitly from an empty one (fabric8's auto-configuration, which
 * reads {@code ~/.kube/config} and many environment variables, is never used), with a connect and a
 * request timeout of 10 seconds, and one retry of a failed request (after 100 ms). Nothing here
 * contacts the API server.
 */
final class Fabric8ClientFactory {

  private static final Logger log = LoggerFactory.getLogger(Fabric8ClientFactory.class);

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  /** How often fabric8 retries a failed request itself (after 100 ms). */
  static final int REQUEST_RETRIES = 1;

  /** Where Kubernetes mounts a pod's service account token and CA. */
  static final String SERVICE_ACCOUNT_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";

  /**
   * fabric8's override for the token file (system property, or env
   * KUBERNETES_AUTH_SERVICEACCOUNT_TOKEN).
   */
  static final String TOKEN_FILE_PROPERTY =
      Config.KUBERNETES_AUTH_SERVICEACCOUNT_TOKEN_FILE_SYSTEM_PROPERTY;

  /** fabric8's override for the CA file (system property, or env KUBERNETES_CERTS_CA_FILE). */
  static final String CA_FILE_PROPERTY = Config.KUBERNETES_CA_CERTIFICATE_FILE_SYSTEM_PROPERTY;

  private Fabric8ClientFactory() {}

  /**
   * The client for {@code auth}, with the service account settings read the way fabric8 reads them
   * (a system property, else the environment variable).
   *
   * @throws ConfigurationException naming the key (or the environment variable) that is wrong
   */
  static KubernetesClient create(KubernetesAuth auth) {
    return create(auth, ApiCallListener.NONE);
  }

  /**
   * As {@link #create(KubernetesAuth)}, telling {@code listener} about every request to the API
   * server.
   */
  static KubernetesClient create(KubernetesAuth auth, ApiCallListener listener) {
    return create(auth, Utils::getSystemPropertyOrEnvVar, listener);
  }

  /**
   * As {@link #create(KubernetesAuth)}, looking up service account settings with {@code lookup}.
   */
  static KubernetesClient create(KubernetesAuth auth, UnaryOperator<String> lookup) {
    return create(auth, lookup, ApiCallListener.NONE);
  }

  private static KubernetesClient create(
      KubernetesAuth auth, UnaryOperator<String> lookup, ApiCallListener listener) {
    Objects.requireNonNull(listener, "listener");
    Config config = config(auth, lookup);
    try {
      return new KubernetesClientBuilder()
          .withConfig(config)
          .withKubernetesSerialization(new SlimSerialization())
          .withHttpClientBuilderConsumer(b -> ApiCallInterceptor.install(b, listener))
          .build();
    } catch (RuntimeException e) {
      throw new ConfigurationException(
          "cannot set up the Kubernetes client for %s: %s"
              .formatted(describe(auth, lookup), errorMessage(e)),
          e);
    }
  }

  /** The fabric8 configuration for {@code auth}; see the README for what each mode reads. */
  static Config config(KubernetesAuth auth, UnaryOperator<String> lookup) {
    Objects.requireNonNull(auth, "auth");
    Config config;
    if (auth instanceof KubernetesAuth.ServiceAccount) {
      config = serviceAccount(lookup);
    } else if (auth instanceof KubernetesAuth.Kubeconfig k) {
      config = kubeconfig(k.filename());
    } else if (auth instanceof KubernetesAuth.Url u) {
      config = url(u);
    } else {
      throw new IllegalArgumentException("unknown auth " + auth);
    }
    config.setConnectionTimeout((int) CONNECT_TIMEOUT.toMillis());
    config.setRequestTimeout((int) REQUEST_TIMEOUT.toMillis());
    // fabric8 would retry a failed request 10 times, over about 13 s, before anyone heard of it;
    // the informers, the lease and --once retry on their own terms
    config.setRequestRetryBackoffLimit(REQUEST_RETRIES);
    return config;
  }

  private static Config serviceAccount(UnaryOperator<String> lookup) {
    String host = lookup.apply(Config.KUBERNETES_SERVICE_HOST_PROPERTY);
    String port = lookup.apply(Config.KUBERNETES_SERVICE_PORT_PROPERTY);
    if (isBlank(host) || isBlank(port)) {
      throw new ConfigurationException(
          "kubeconfig_kind = serviceaccount needs the environment variables KUBERNETES_SERVICE_HOST and"
              + " KUBERNETES_SERVICE_PORT, which Kubernetes sets in every pod; outside a pod use kubeconfig_kind ="
              + " kubeconfig or kubernetes_url");
    }
    Path token =
        Path.of(orDefault(lookup.apply(TOKEN_FILE_PROPERTY), SERVICE_ACCOUNT_DIR + "/token"));
    Path ca = Path.of(orDefault(lookup.apply(CA_FILE_PROPERTY), SERVICE_ACCOUNT_DIR + "/ca.crt"));
    if (!Files.isRegularFile(token)) {
      throw new ConfigurationException(
          ("kubeconfig_kind = serviceaccount: there is no service account token at %s (is automountServiceAccountToken"
                  + " false for the pod?)")
              .formatted(token));
    }
    if (!Files.isRegularFile(ca)) {
      throw new ConfigurationException(
          "kubeconfig_kind = serviceaccount: there is no service account CA certificate at %s"
              .formatted(ca));
    }
    checkCertificates(
        ca, "kubeconfig_kind = serviceaccount: the service account CA certificate at " + ca);
    ServiceAccountToken provider = new ServiceAccountToken(token, ServiceAccountToken.REREAD_AFTER);
    provider.getToken(); // fails now, naming the file, if it cannot be read
    String h = host.strip();
    String hostPort =
        (h.contains(":") ? "[" + h + "]" : h) + ":" + port.strip(); // IPv6 in brackets
    return new ConfigBuilder(Config.empty())
        .withAutoConfigure(false)
        .withMasterUrl("https://" + hostPort)
        .withCaCertFile(ca.toString())
        .withOauthTokenProvider(provider)
        .build();
  }

  private static Config kubeconfig(Path file) {
    io.fabric8.kubernetes.api.model.Config parsed;
    try (InputStream in = Files.newInputStream(file)) {
      parsed =
          new KubernetesSerialization().unmarshal(in, io.fabric8.kubernetes.api.model.Config.class);
    } catch (IOException e) {
      throw invalidKubeconfig(file, "it cannot be read: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw invalidKubeconfig(
          file, "it is not a kubeconfig file (YAML with clusters, contexts and users)", e);
    }
    if (parsed == null) {
      throw invalidKubeconfig(file, "it is empty", null);
    }
    String current = parsed.getCurrentContext();
    if (isBlank(current)) {
      throw invalidKubeconfig(
          file, "it has no current-context (set one with 'kubectl config use-context NAME')", null);
    }
    NamedContext context = find(parsed.getContexts(), c -> current.equals(c.getName()));
    if (context == null || context.getContext() == null) {
      throw invalidKubeconfig(
          file, "its current-context '%s' is not among its contexts".formatted(current), null);
    }
    String clusterName = context.getContext().getCluster();
    NamedCluster cluster =
        find(parsed.getClusters(), c -> Objects.equals(clusterName, c.getName()));
    if (cluster == null
        || cluster.getCluster() == null
        || isBlank(cluster.getCluster().getServer())) {
      throw invalidKubeconfig(
          file,
          "the cluster '%s' of its current-context '%s' has no server"
              .formatted(clusterName, current),
          null);
    }
    try {
      Config config = Config.fromKubeconfig(null, file.toFile());
      config.setAutoConfigure(false);
      return config;
    } catch (RuntimeException e) {
      throw invalidKubeconfig(file, "fabric8 cannot use it: " + errorMessage(e), e);
    }
  }

  private static Config url(KubernetesAuth.Url auth) {
    ConfigBuilder b =
        new ConfigBuilder(Config.empty())
            .withAutoConfigure(false)
            .withMasterUrl(auth.url().toString());
    if (auth.certificateAuthority().isPresent()) {
      // as in the original: a CA file takes precedence over verify
      Path ca = auth.certificateAuthority().get();
      checkCertificates(ca, "invalid value for kubernetes_url.certificate_authority: '" + ca + "'");
      b.withCaCertFile(ca.toString());
    } else if (!auth.verify()) {
      log.warn("kubernetes_url.verify = false: the API server's TLS certificate is not verified");
      b.withTrustCerts(true).withDisableHostnameVerification(true);
    }
    return b.build();
  }

  /** Fails, starting the message with {@code what}, unless {@code file} holds PEM certificates. */
  private static void checkCertificates(Path file, String what) {
    try (InputStream in = Files.newInputStream(file)) {
      if (CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
        throw new CertificateException("no certificate in the file");
      }
    } catch (IOException | CertificateException e) {
      throw new ConfigurationException(
          what + " is not a PEM CA certificate file: " + errorMessage(e), e);
    }
  }

  private static String describe(KubernetesAuth auth, UnaryOperator<String> lookup) {
    if (auth instanceof KubernetesAuth.Kubeconfig k) {
      return "kubeconfig.filename '" + k.filename() + "'";
    } else if (auth instanceof KubernetesAuth.Url u) {
      return u.certificateAuthority()
          .map(ca -> "kubernetes_url.certificate_authority '" + ca + "'")
          .orElse("kubernetes_url.url '" + u.url() + "'");
    }
    return "kubeconfig_kind = serviceaccount (CA "
        + orDefault(lookup.apply(CA_FILE_PROPERTY), SERVICE_ACCOUNT_DIR + "/ca.crt")
        + ")";
  }

  private static ConfigurationException invalidKubeconfig(Path file, String why, Throwable cause) {
    String message =
        "invalid value for kubeconfig.filename: '%s' (allowed: a kubeconfig file with a current-context; %s)"
            .formatted(file, why);
    return cause == null
        ? new ConfigurationException(message)
        : new ConfigurationException(message, cause);
  }

  private static <T> T find(List<T> items, java.util.function.Predicate<T> test) {
    return Fabric8Mapping.firstMatch(items, test).orElse(null);
  }

  /**
   * What went wrong, for a log line or an error message: the first message in the chain of {@code
   * t} that says something (wrappers such as CompletionException and fabric8's "An error has
   * occurred." are looked through), followed by the innermost cause when it adds to it.
   */
  static String errorMessage(Throwable t) {
    Throwable e = t;
    while (e.getCause() != null && e.getCause() != e && isWrapper(e)) {
      e = e.getCause();
    }
    String message =
        e.getMessage() == null || e.getMessage().isBlank()
            ? e.getClass().getSimpleName()
            : e.getMessage();
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String rootMessage = root.getMessage();
    if (root != e
        && rootMessage != null
        && !rootMessage.isBlank()
        && !message.contains(rootMessage)) {
      return message + ": " + rootMessage;
    }
    return message;
  }

  private static boolean isWrapper(Throwable e) {
    String m = e.getMessage();
    return e instanceof java.util.concurrent.CompletionException
        || e instanceof java.util.concurrent.ExecutionException
        || m == null
        || m.isBlank()
        || m.equals("An error has occurred.")
        || (m.startsWith("Operation: [") && m.endsWith("failed."));
  }

  private static String orDefault(String value, String fallback) {
    return isBlank(value) ? fallback : value.strip();
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  /**
   * The service account token, re-read from its file at most once a minute: the kubelet rotates
   * projected tokens, so a token read once at start-up would expire. The token never appears in a
   * log line or message.
   */
  static final class ServiceAccountToken implements OAuthTokenProvider {
    static final Duration REREAD_AFTER = Duration.ofMinutes(1);

    private final Path file;
    private final Duration rereadAfter;
    private String token;
    private long readAtNanos;

    ServiceAccountToken(Path file, Duration rereadAfter) {
      this.file = file;
      this.rereadAfter = rereadAfter;
    }

    @Override
    public synchronized String getToken() {
      long now = System.nanoTime();
      if (token == null || now - readAtNanos >= rereadAfter.toNanos()) {
        try {
          String read = Files.readString(file, StandardCharsets.UTF_8).strip();
          if (read.isEmpty()) {
            throw new IOException("the file is empty");
          }
          token = read;
          readAtNanos = now;
        } catch (IOException e) {
          if (token == null) {
            throw new ConfigurationException(
                "kubeconfig_kind = serviceaccount: the service account token at %s cannot be read: %s"
                    .formatted(file, e.getMessage()),
                e);
          }
          log.warn(
              "cannot re-read the service account token at {} (keeping the previous one): {}",
              file,
              e.getMessage());
          readAtNanos = now;
        }
      }
      return token;
    }
  }
}
