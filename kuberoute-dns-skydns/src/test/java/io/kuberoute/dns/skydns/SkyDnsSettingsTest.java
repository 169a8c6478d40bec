package io.kuberoute.dns.skydns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kuberoute.core.ConfigurationException;
import io.kuberoute.core.config.ConfigSection;
import io.kuberoute.core.config.Secret;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SkyDnsSettingsTest {

  @TempDir Path dir;

  private static ConfigSection section(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return new ConfigSection("skydns", m);
  }

  private static SkyDnsSettings parse(String... kv) {
    return SkyDnsSettings.fromConfig(section(kv));
  }

  private static void assertError(String message, String... kv) {
    assertThatThrownBy(() -> parse(kv))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(message);
  }

  private Path file(String name) throws Exception {
    return Files.writeString(dir.resolve(name), "pem");
  }

  @Test
  void anEmptySectionGivesTheOriginalsDefaults() {
    SkyDnsSettings s = parse();

    assertThat(s.endpoints()).containsExactly(URI.create("https://127.0.0.1:2379"));
    assertThat(s.prefix()).isEqualTo("/skydns");
    assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.caFile()).isEmpty();
    assertThat(s.certFile()).isEmpty();
    assertThat(s.keyFile()).isEmpty();
    assertThat(s.username()).isEmpty();
    assertThat(s.password()).isEmpty();
    assertThat(s.tls()).isTrue();
  }

  @Test
  void hostPortAndProtocolMakeTheEndpointAsInTheOriginal() {
    assertThat(parse("host", "etcd.internal", "port", "4001", "protocol", "HTTP").endpoints())
        .containsExactly(URI.create("http://etcd.internal:4001"));
    assertThat(parse("host", "10.1.2.3", "protocol", "http").endpoints())
        .containsExactly(URI.create("http://10.1.2.3:2379"));
  }

  @Test
  void endpointsOverrideHostPortAndProtocolAndDefaultThePort() {
    SkyDnsSettings s =
        parse(
            "host",
            "ignored",
            "port",
            "1",
            "protocol",
            "http",
            "endpoints",
            "https://10.0.0.1:2379, https://etcd-2.internal ,https://etcd-3.internal:4001");

    assertThat(s.endpoints())
        .containsExactly(
            URI.create("https://10.0.0.1:2379"),
            URI.create("https://etcd-2.internal:2379"),
            URI.create("https://etcd-3.internal:4001"));
    assertThat(s.endpointsText())
        .isEqualTo(
            "https://10.0.0.1:2379, https://etcd-2.internal:2379, https://etcd-3.internal:4001");
  }

  @Test
  void everyKeyOfTheSectionIsKnown() throws Exception {
    ConfigSection section =
        section(
            "host",
            "h",
            "port",
            "2",
            "protocol",
            "https",
            "endpoints",
            "https://e:1",
            "prefix",
            "/p",
            "ca_file",
            file("ca.pem").toString(),
            "cert_file",
            file("c.pem").toString(),
            "key_file",
            file("k.pem").toString(),
            "username",
            "u",
            "password",
            "pw",
            "timeout",
            "3",
            "bogus",
            "x");

    SkyDnsSettings s = SkyDnsSettings.fromConfig(section);

    assertThat(section.unreadKeys()).containsExactly("bogus");
    assertThat(s.caFile()).contains(dir.resolve("ca.pem"));
    assertThat(s.certFile()).contains(dir.resolve("c.pem"));
    assertThat(s.keyFile()).contains(dir.resolve("k.pem"));
    assertThat(s.username()).contains("u");
    assertThat(s.password()).contains(Secret.of("pw"));
    assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(s.prefix()).isEqualTo("/p");
  }

  @Test
  void thePasswordAppearsInNoTextOfTheSettings() {
    SkyDnsSettings s = parse("protocol", "http", "username", "root", "password", "s3cr3t-pw");

    assertThat(s.toString()).doesNotContain("s3cr3t-pw").contains("root");
  }

  @Test
  void aTrailingSlashOfThePrefixIsDropped() {
    assertThat(parse("prefix", "/coredns/records/").prefix()).isEqualTo("/coredns/records");
  }

  @Test
  void invalidPrefixesAreRefused() {
    String allowed =
        "(allowed: an etcd key path such as /skydns: '/' followed by segments of letters, digits,"
            + " '.', '_' and '-')";
    assertError("invalid value for skydns.prefix: 'skydns' " + allowed, "prefix", "skydns");
    assertError("invalid value for skydns.prefix: '/' " + allowed, "prefix", "/");
    assertError("invalid value for skydns.prefix: '/a//b' " + allowed, "prefix", "/a//b");
    assertError("invalid value for skydns.prefix: '/sky dns' " + allowed, "prefix", "/sky dns");
  }

  @Test
  void invalidHostPortProtocolAndTimeoutAreRefused() {
    assertError(
        "invalid value for skydns.host: 'http://etcd' (allowed: a host name or IP address, without scheme or port)",
        "host",
        "http://etcd");
    assertError(
        "invalid value for skydns.host: 'etcd:2379' (allowed: a host name or IP address, without scheme or port)",
        "host",
        "etcd:2379");
    assertError(
        "invalid value for skydns.port: 'abc' (allowed: a whole number from 1 to 65535)",
        "port",
        "abc");
    assertError(
        "invalid value for skydns.port: '70000' (allowed: a whole number from 1 to 65535)",
        "port",
        "70000");
    assertError(
        "invalid value for skydns.protocol: 'ftp' (allowed: http, https)", "protocol", "ftp");
    assertError(
        "invalid value for skydns.timeout: '0' (allowed: a whole number from 1 to 300)",
        "timeout",
        "0");
    assertError(
        "invalid value for skydns.timeout: '2.5' (allowed: a whole number from 1 to 300)",
        "timeout",
        "2.5");
  }

  @Test
  void invalidEndpointsAreRefusedOneByOne() {
    String allowed =
        "(allowed: comma-separated etcd client URLs such as https://10.0.0.1:2379, all http:// or all"
            + " https://, without path)";
    assertError(
        "invalid value for skydns.endpoints: 'etcd:2379' " + allowed,
        "endpoints",
        "http://a:1,etcd:2379");
    assertError(
        "invalid value for skydns.endpoints: 'ftp://etcd' " + allowed, "endpoints", "ftp://etcd");
    assertError(
        "invalid value for skydns.endpoints: 'http://etcd:2379/v2/keys' " + allowed,
        "endpoints",
        "http://etcd:2379/v2/keys");
    assertError(
        "invalid value for skydns.endpoints: 'http://<hidden>@etcd:2379' "
            + allowed.replace(")", "; no user:password@ in a URL (set username and password))"),
        "endpoints",
        "http://user:pw@etcd:2379");
    assertError(
        "invalid value for skydns.endpoints: 'http://a:2379,https://b:2379' " + allowed,
        "endpoints",
        "http://a:2379,https://b:2379");
  }

  @Test
  void portsOutOfRangeAndIpv6LiteralsAreOneClearErrorNotAnExceptionOfTheClient() {
    String allowed =
        "(allowed: comma-separated etcd client URLs such as https://10.0.0.1:2379, all http:// or all"
            + " https://, without path";
    assertError(
        "invalid value for skydns.endpoints: 'http://etcd:99999' "
            + allowed
            + "; the port must be from 1 to 65535)",
        "endpoints",
        "http://etcd:99999");
    assertError(
        "invalid value for skydns.endpoints: 'https://etcd:0' "
            + allowed
            + "; the port must be from 1 to 65535)",
        "endpoints",
        "https://a:1, https://etcd:0");
    String noIpv6 =
        "the etcd client cannot use an IPv6 address literal: give a host name that resolves to it";
    assertError(
        "invalid value for skydns.endpoints: 'http://[::1]' " + allowed + "; " + noIpv6 + ")",
        "endpoints",
        "http://[::1]");
    assertError(
        "invalid value for skydns.host: '::1' (allowed: a host name or IPv4 address; "
            + noIpv6
            + ")",
        "host",
        "::1");
    assertError(
        "invalid value for skydns.port: '0' (allowed: a whole number from 1 to 65535)",
        "port",
        "0");
  }

  @Test
  void emptyEndpointEntriesAreRefusedNotDropped() {
    String allowed =
        "(allowed: comma-separated etcd client URLs such as https://10.0.0.1:2379, all http:// or all"
            + " https://, without path)";
    assertError("invalid value for skydns.endpoints: ',' " + allowed, "endpoints", ",");
    assertError(
        "invalid value for skydns.endpoints: 'http://a:1,,http://b:2' (allowed: entries separated by"
            + " commas, none of them empty; entry 2 of 3 is empty)",
        "endpoints",
        "http://a:1,,http://b:2");
    assertError(
        "invalid value for skydns.endpoints: 'http://a:1,' (allowed: entries separated by commas, none"
            + " of them empty; entry 2 of 2 is empty)",
        "endpoints",
        "http://a:1,");
  }

  @Test
  void credentialsInAnEndpointNeverAppearInTheError() {
    for (String entry :
        List.of(
            "http://root:hunter2@etcd:2379",
            "http://root:hun/ter2@etcd:2379",
            "https://root:hunter2@etcd:99999",
            "http://root:hunter2@[::1]:2379",
            "http://root:hunter2@under_score:1",
            "ftp://root:hunter2@etcd")) {
      assertThatThrownBy(() -> parse("endpoints", "https://ok:1, " + entry))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageStartingWith("invalid value for skydns.endpoints: '")
          .hasMessageContaining("<hidden>@")
          .message()
          .doesNotContain("hunter2")
          .doesNotContain("hun/ter2");
    }
  }

  @Test
  void tlsFilesMustBeReadableAndNeedHttps() throws Exception {
    Path missing = dir.resolve("missing.pem");
    assertError(
        "invalid value for skydns.ca_file: '" + missing + "' (allowed: a readable PEM file)",
        "ca_file",
        missing.toString());
    assertError(
        "invalid value for skydns.cert_file: '" + dir + "' (allowed: a readable PEM file)",
        "cert_file",
        dir.toString(),
        "key_file",
        file("k.pem").toString());
    String ca = file("ca.pem").toString();
    assertError(
        "skydns.ca_file is set but etcd is reached over http:// (http://127.0.0.1:2379); TLS files"
            + " need https://: set protocol = https or use https:// endpoints",
        "protocol",
        "http",
        "ca_file",
        ca);
    assertError(
        "skydns.ca_file is set but etcd is reached over http:// (http://a:1, http://b:2379); TLS files"
            + " need https://: set protocol = https or use https:// endpoints",
        "endpoints",
        "http://a:1,http://b",
        "ca_file",
        ca);
  }

  @Test
  void aClientCertificateNeedsItsKeyAndTheOtherWayRound() throws Exception {
    String cert = file("c.pem").toString();
    String key = file("k.pem").toString();
    assertError(
        "skydns.cert_file is set but skydns.key_file is not (a client certificate needs its private"
            + " key: add 'key_file = ...' to the [skydns] section)",
        "cert_file",
        cert);
    assertError(
        "skydns.key_file is set but skydns.cert_file is not (add 'cert_file = ...' to the [skydns]"
            + " section)",
        "key_file",
        key);
  }

  @Test
  void usernameAndPasswordComeTogether() {
    assertError(
        "missing required key skydns.password (skydns.username is set; add 'password = ...' to the"
            + " [skydns] section)",
        "username",
        "root");
    assertError(
        "missing required key skydns.username (skydns.password is set; add 'username = ...' to the"
            + " [skydns] section)",
        "password",
        "pw");
  }

  @Test
  void theRecordRefusesInconsistentValuesWhenBuiltDirectly() {
    assertThatThrownBy(
            () ->
                new SkyDnsSettings(
                    List.of(),
                    "/skydns",
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Duration.ofSeconds(5)))
        .hasMessage("at least one etcd endpoint is required");
    assertThatThrownBy(
            () ->
                new SkyDnsSettings(
                    List.of(URI.create("http://a:1")),
                    "/skydns",
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of("u"),
                    Optional.empty(),
                    Duration.ofSeconds(5)))
        .hasMessage("etcd authentication needs both username and password");
  }

  @Test
  void theDefaultsAreWhatAnEmptySectionGives() {
    SkyDnsSettings defaults = SkyDnsSettings.defaults();

    assertThat(defaults)
        .isEqualTo(SkyDnsSettings.fromConfig(new ConfigSection("skydns", Map.of())));
    assertThat(defaults.endpoints()).containsExactly(URI.create("https://127.0.0.1:2379"));
    assertThat(defaults.prefix()).isEqualTo("/skydns");
    assertThat(defaults.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(defaults.tls()).isTrue();
    assertThat(defaults.username()).isEmpty();
    assertThat(defaults.certFile()).isEmpty();
  }

  @Test
  void theBuilderNamesEveryPartAndGivesTogetherWhatGoesTogether() {
    SkyDnsSettings built =
        SkyDnsSettings.builder()
            .endpoints("https://etcd-0:2379", "https://etcd-1:2379")
            .prefix("/coredns/")
            .caFile(Path.of("/etc/etcd/ca.pem"))
            .clientCertificate(Path.of("/etc/etcd/client.pem"), Path.of("/etc/etcd/client-key.pem"))
            .credentials("kuberoute", Secret.of("pw"))
            .timeout(Duration.ofSeconds(9))
            .build();

    assertThat(built)
        .isEqualTo(
            new SkyDnsSettings(
                List.of(URI.create("https://etcd-0:2379"), URI.create("https://etcd-1:2379")),
                "/coredns",
                Optional.of(Path.of("/etc/etcd/ca.pem")),
                Optional.of(Path.of("/etc/etcd/client.pem")),
                Optional.of(Path.of("/etc/etcd/client-key.pem")),
                Optional.of("kuberoute"),
                Optional.of(Secret.of("pw")),
                Duration.ofSeconds(9)));
    assertThat(built.toBuilder().build()).isEqualTo(built);
    assertThat(built.toBuilder().timeout(Duration.ofSeconds(1)).build().timeout())
        .isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void theBuilderRefusesBadValuesWithTheRecordsMessage() {
    assertThatThrownBy(() -> SkyDnsSettings.builder().endpoints(List.of()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("at least one etcd endpoint is required");
    assertThatThrownBy(
            () -> SkyDnsSettings.builder().endpoints("http://a:2379", "https://b:2379").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "etcd endpoints must be all http:// or all https://: http://a:2379, https://b:2379");
    assertThatThrownBy(() -> SkyDnsSettings.builder().endpoints("etcd:2379").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("etcd endpoint 'etcd:2379' is not an http:// or https:// URL with a host");
    assertThatThrownBy(
            () -> SkyDnsSettings.builder().endpoints("https://root:hunter2@etcd:2379").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "an etcd endpoint carries no user:password@ (give username and password instead)")
        .message()
        .doesNotContain("hunter2");
    assertThatThrownBy(() -> SkyDnsSettings.builder().prefix("skydns").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid key prefix 'skydns': ");
    assertThatThrownBy(() -> SkyDnsSettings.builder().timeout(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be positive");
  }
}
