package io.kuberoute.testkit.etcd;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away PKI for TLS tests, made with the JDK's own {@code keytool}: a CA, a server
 * certificate for 127.0.0.1 (only: not for localhost) and a client certificate, both signed by the
 * CA, written as PEM files (keys in PKCS#8, as etcd and netty read them).
 */
public record TestCertificates(
    Path dir, Path caCert, Path serverCert, Path serverKey, Path clientCert, Path clientKey) {

  private static final String PASSWORD = "changeit";

  /** Creates a CA, a server and a client certificate in a new temporary directory. */
  public static TestCertificates create(String caName) {
    try {
      Path dir = Files.createTempDirectory("kuberoute-pki-");
      Path ca = dir.resolve("ca.p12");
      keytool(
          "-genkeypair",
          "-alias",
          "ca",
          "-keyalg",
          "EC",
          "-groupname",
          "secp256r1",
          "-dname",
          "CN=" + caName,
          "-ext",
          "bc:c",
          "-validity",
          "2",
          "-keystore",
          ca.toString(),
          "-storetype",
          "PKCS12",
          "-storepass",
          PASSWORD);
      Path caPem = dir.resolve("ca.pem");
      keytool(
          "-exportcert",
          "-rfc",
          "-alias",
          "ca",
          "-keystore",
          ca.toString(),
          "-storepass",
          PASSWORD,
          "-file",
          caPem.toString());
      Path[] server = signed(dir, ca, "server", "san=ip:127.0.0.1", "eku=serverAuth,clientAuth");
      Path[] client = signed(dir, ca, "client", "san=dns:kuberoute-client", "eku=clientAuth");
      return new TestCertificates(dir, caPem, server[0], server[1], client[0], client[1]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path[] signed(Path dir, Path ca, String name, String san, String eku)
      throws IOException {
    Path store = dir.resolve(name + ".p12");
    keytool(
        "-genkeypair",
        "-alias",
        name,
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=" + name,
        "-validity",
        "2",
        "-keystore",
        store.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        PASSWORD);
    Path csr = dir.resolve(name + ".csr");
    keytool(
        "-certreq",
        "-alias",
        name,
        "-keystore",
        store.toString(),
        "-storepass",
        PASSWORD,
        "-file",
        csr.toString());
    Path cert = dir.resolve(name + ".pem");
    keytool(
        "-gencert",
        "-rfc",
        "-alias",
        "ca",
        "-keystore",
        ca.toString(),
        "-storepass",
        PASSWORD,
        "-infile",
        csr.toString(),
        "-outfile",
        cert.toString(),
        "-validity",
        "2",
        "-ext",
        san,
        "-ext",
        eku);
    Path key = dir.resolve(name + "-key.pem");
    Files.writeString(key, pkcs8Pem(store, name), StandardCharsets.US_ASCII);
    return new Path[] {cert, key};
  }

  private static String pkcs8Pem(Path store, String alias) throws IOException {
    try (InputStream in = Files.newInputStream(store)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, PASSWORD.toCharArray());
      Key key = ks.getKey(alias, PASSWORD.toCharArray());
      String base64 =
          Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(key.getEncoded());
      return "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n";
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read the key of " + alias + ": " + e.getMessage(), e);
    }
  }

  private static void keytool(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("keytool " + String.join(" ", args) + " failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** Deletes the files. */
  public void delete() {
    EtcdServer.deleteRecursively(dir);
  }
}
