package io.kuberoute.dns.skydns;

import static io.kuberoute.dns.skydns.SyncFixtures.published;
import static io.kuberoute.dns.skydns.SyncFixtures.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kuberoute.core.ConfigurationException;
import io.kuberoute.core.app.SyncError;
import io.kuberoute.core.app.SyncResult;
import io.kuberoute.core.app.SyncTrigger;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.testkit.etcd.EtcdKeys;
import io.kuberoute.testkit.etcd.EtcdServer;
import io.kuberoute.testkit.etcd.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** etcd over https with client certificates ({@code --client-cert-auth}). */
class SkyDnsTlsIT {

  private static TestCertificates pki;
  private static EtcdServer etcd;

  private final SyncFixtures fx = new SyncFixtures();
  private DnsBackend backend;

  @BeforeAll
  static void startEtcdWithTls() {
    pki = TestCertificates.create("kuberoute-test-ca");
    etcd = EtcdServer.startTls(pki);
  }

  @AfterAll
  static void stopEtcd() {
    if (etcd != null) {
      etcd.close();
    }
    if (pki != null) {
      pki.delete();
    }
  }

  @AfterEach
  void closeBackend() {
    if (backend != null) {
      backend.close();
    }
  }

  private SyncResult syncWith(String... kv) {
    backend = SkyDnsDnsBackend.create(SyncFixtures.settings(etcd, kv), "kuberoute");
    fx.set(List.of(service("shop", "shop", "example.com")), Map.of("shop", List.of("10.0.0.1")));
    return fx.service(backend).sync(SyncTrigger.FULL);
  }

  private static List<String> messages(SyncResult r) {
    return r.errors().stream().map(SyncError::message).toList();
  }

  @Test
  void writesOverTlsWithTheCaAndAClientCertificate() {
    SyncResult r =
        syncWith(
            "ca_file", pki.caCert().toString(),
            "cert_file", pki.clientCert().toString(),
            "key_file", pki.clientKey().toString());

    assertThat(r.errors()).isEmpty();
    try (EtcdKeys keys = new EtcdKeys(etcd)) {
      assertThat(keys.all("/skydns/")).isEqualTo(published("shop.example.com", "10.0.0.1"));
    }
  }

  @Test
  void withoutTheClientCertificateEtcdRefusesTheConnection() {
    SyncResult r = syncWith("ca_file", pki.caCert().toString());

    assertThat(messages(r))
        .containsExactly(
            "reading DNS failed: TLS connection to etcd at "
                + etcd.endpoint()
                + " failed: Received fatal alert: bad_certificate (check skydns.ca_file, cert_file and key_file)");
  }

  @Test
  void aServerCertificateNotSignedByTheConfiguredCaIsNotTrusted() {
    // the client certificate is no CA: nothing etcd presents chains up to it
    SyncResult r =
        syncWith(
            "ca_file", pki.clientCert().toString(),
            "cert_file", pki.clientCert().toString(),
            "key_file", pki.clientKey().toString());

    assertThat(messages(r)).hasSize(1);
    assertThat(messages(r).get(0))
        .startsWith(
            "reading DNS failed: TLS connection to etcd at " + etcd.endpoint() + " failed: ")
        .contains("PKIX path building failed")
        .endsWith("(check skydns.ca_file, cert_file and key_file)");
  }

  @Test
  void theServerCertificateMustNameTheEndpointsHost() {
    SyncResult r =
        syncWith(
            "endpoints", etcd.endpoint().replace("127.0.0.1", "localhost"),
            "ca_file", pki.caCert().toString(),
            "cert_file", pki.clientCert().toString(),
            "key_file", pki.clientKey().toString());

    assertThat(messages(r))
        .containsExactly(
            "reading DNS failed: TLS connection to etcd at "
                + etcd.endpoint().replace("127.0.0.1", "localhost")
                + " failed: No name matching localhost found (check skydns.ca_file, cert_file and key_file)");
  }

  @Test
  void unusableTlsFilesAreConfigurationErrorsWhenTheBackendIsCreated() throws Exception {
    Path notPem = Files.writeString(pki.dir().resolve("not.pem"), "hello\n");

    assertThatThrownBy(
            () ->
                SkyDnsDnsBackend.create(
                    SyncFixtures.settings(etcd, "ca_file", notPem.toString()), "kuberoute"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "invalid value for skydns.ca_file: '" + notPem + "' (allowed: PEM CA certificates)");
    assertThatThrownBy(
            () ->
                SkyDnsDnsBackend.create(
                    SyncFixtures.settings(
                        etcd,
                        "cert_file",
                        pki.clientCert().toString(),
                        "key_file",
                        notPem.toString()),
                    "kuberoute"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "invalid value for skydns.key_file: '"
                + notPem
                + "' (allowed: an unencrypted PEM private key in PKCS#8 form (BEGIN PRIVATE KEY); convert one"
                + " with openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pkcs8)");
    assertThatThrownBy(
            () ->
                SkyDnsDnsBackend.create(
                    SyncFixtures.settings(
                        etcd,
                        "cert_file",
                        notPem.toString(),
                        "key_file",
                        pki.clientKey().toString()),
                    "kuberoute"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "invalid value for skydns.cert_file: '" + notPem + "' (allowed: a PEM certificate)");
  }
}
