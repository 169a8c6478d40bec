package io.kuberoute.dns.rfc2136;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kuberoute.core.ConfigurationException;
import io.kuberoute.core.config.ConfigSection;
import io.kuberoute.core.config.Secret;
import io.kuberoute.core.model.DnsName;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Rfc2136SettingsTest {

  static final String SECRET = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA==";

  private static ConfigSection section(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return new ConfigSection("rfc2136", m);
  }

  @Test
  void onlyTheServerIsRequiredAndEverythingElseHasItsDefault() {
    Rfc2136Settings s = Rfc2136Settings.fromConfig(section("server", "192.0.2.53"));

    assertThat(s).isEqualTo(Rfc2136Settings.defaults("192.0.2.53"));
    assertThat(s.port()).isEqualTo(53);
    assertThat(s.zones()).isEmpty();
    assertThat(s.tsig()).isEmpty();
    assertThat(s.tcp()).isTrue();
    assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void everyKeyIsRead() {
    ConfigSection section =
        section(
            "server", "NS1.Example.COM.",
            "port", "5353",
            "zones", "example.org, example.com,,example.com",
            "tsig_key_name", "kuberoute-key.",
            "tsig_secret", SECRET,
            "tsig_algorithm", "HMAC-SHA512",
            "tcp", "no",
            "timeout", "3");

    Rfc2136Settings s = Rfc2136Settings.fromConfig(section);

    assertThat(s)
        .isEqualTo(
            Rfc2136Settings.defaults("ns1.example.com")
                .withPort(5353)
                .withZones("example.com", "example.org")
                .withTsig(
                    new TsigKey(
                        DnsName.of("kuberoute-key"), TsigAlgorithm.HMAC_SHA512, Secret.of(SECRET)))
                .withTransport(Rfc2136Settings.Transport.UDP)
                .withTimeout(Duration.ofSeconds(3)));
    assertThat(section.unreadKeys()).isEmpty();
  }

  @Test
  void everyAlgorithmOfTheIssueIsAccepted() {
    for (String name :
        List.of(
            "hmac-sha256", "hmac-sha512", "hmac-sha384", "hmac-sha224", "hmac-sha1", "hmac-md5")) {
      Rfc2136Settings s =
          Rfc2136Settings.fromConfig(
              section(
                  "server",
                  "ns1",
                  "tsig_key_name",
                  "k",
                  "tsig_secret",
                  SECRET,
                  "tsig_algorithm",
                  name));
      assertThat(s.tsig().orElseThrow().algorithm().configName()).isEqualTo(name);
      assertThat(TsigSetup.signer(s.tsig().orElseThrow())).isNotNull();
    }
  }

  @Test
  void ipv6ServersMayBeBracketedAndPrintBracketed() {
    Rfc2136Settings s =
        Rfc2136Settings.fromConfig(section("server", "[2001:db8::53]", "port", "5300"));

    assertThat(s.server()).isEqualTo("2001:db8::53");
    assertThat(s.endpoint()).isEqualTo("[2001:db8::53]:5300");
  }

  static Stream<Arguments> badSections() {
    return Stream.of(
        Arguments.of(
            section("port", "53"),
            "missing required key rfc2136.server (add 'server = ...' to the [rfc2136] section)"),
        Arguments.of(
            section("server", "ns 1"),
            "invalid value for rfc2136.server: 'ns 1' (allowed: a host name or an IP address of the primary server)"),
        Arguments.of(
            section("server", "ns1", "port", "0"),
            "invalid value for rfc2136.port: '0' (allowed: a whole number from 1 to 65535)"),
        Arguments.of(
            section("server", "ns1", "port", "65536"),
            "invalid value for rfc2136.port: '65536' (allowed: a whole number from 1 to 65535)"),
        Arguments.of(
            section("server", "ns1", "port", "dns"),
            "invalid value for rfc2136.port: 'dns' (allowed: a whole number from 1 to 65535)"),
        Arguments.of(
            section("server", "ns1", "zones", "example.com, exa mple.org"),
            "invalid value for rfc2136.zones: 'exa mple.org' (allowed: comma-separated zone names such as"
                + " example.com, example.org)"),
        Arguments.of(
            section("server", "ns1", "tsig_key_name", "my key", "tsig_secret", SECRET),
            "invalid value for rfc2136.tsig_key_name: 'my key' (allowed: a key name such as kuberoute-key"
                + " (labels of letters, digits, '-' and '_'))"),
        Arguments.of(
            section("server", "ns1", "tsig_key_name", "k", "tsig_secret", "not base64!"),
            "invalid value for rfc2136.tsig_secret (value hidden; allowed: base64 text, as tsig-keygen or keymgr"
                + " print it)"),
        Arguments.of(
            section("server", "ns1", "tsig_key_name", "k"),
            "rfc2136.tsig_key_name is set but rfc2136.tsig_secret is not: set both to sign updates and zone"
                + " transfers with TSIG, or neither to send them unsigned"),
        Arguments.of(
            section("server", "ns1", "tsig_secret", SECRET),
            "rfc2136.tsig_secret is set but rfc2136.tsig_key_name is not: set both to sign updates and zone"
                + " transfers with TSIG, or neither to send them unsigned"),
        Arguments.of(
            section(
                "server",
                "ns1",
                "tsig_key_name",
                "k",
                "tsig_secret",
                SECRET,
                "tsig_algorithm",
                "hmac-sha3"),
            "invalid value for rfc2136.tsig_algorithm: 'hmac-sha3' (allowed: hmac-sha256, hmac-sha512, hmac-sha384,"
                + " hmac-sha224, hmac-sha1, hmac-md5)"),
        Arguments.of(
            section("server", "ns1", "tsig_algorithm", "hmac-sha512"),
            "rfc2136.tsig_algorithm is set but rfc2136.tsig_key_name is not: the algorithm belongs to a TSIG key;"
                + " set rfc2136.tsig_key_name and rfc2136.tsig_secret too, or remove it"),
        Arguments.of(
            section("server", "ns1", "tcp", "maybe"),
            "invalid value for rfc2136.tcp: 'maybe' (allowed: true, yes, on, false, no or off)"),
        Arguments.of(
            section("server", "ns1", "timeout", "0"),
            "invalid value for rfc2136.timeout: '0' (allowed: a whole number from 1 to 300)"),
        Arguments.of(
            section("server", "ns1", "timeout", "301"),
            "invalid value for rfc2136.timeout: '301' (allowed: a whole number from 1 to 300)"));
  }

  @ParameterizedTest
  @MethodSource("badSections")
  void aBadValueIsOneErrorNamingTheKey(ConfigSection section, String message) {
    assertThatThrownBy(() -> Rfc2136Settings.fromConfig(section))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(message);
  }

  @Test
  void aSecretThatIsAlmostBase64IsNeverShown() {
    String secret = SECRET.substring(1);
    assertThatThrownBy(
            () ->
                Rfc2136Settings.fromConfig(
                    section("server", "ns1", "tsig_key_name", "k", "tsig_secret", secret)))
        .isInstanceOf(ConfigurationException.class)
        .message()
        .doesNotContain(secret)
        .doesNotContain(SECRET.substring(4, 20));
  }

  @Test
  void theSecretAppearsInNoDescriptionOfTheSettings() {
    Rfc2136Settings s =
        Rfc2136Settings.fromConfig(
            section(
                "server",
                "192.0.2.53",
                "zones",
                "example.com",
                "tsig_key_name",
                "kuberoute-key",
                "tsig_secret",
                SECRET));

    assertThat(s.describe())
        .isEqualTo(
            "server 192.0.2.53:53, zones example.com, TSIG key kuberoute-key (hmac-sha256), UPDATE over TCP,"
                + " timeout 10 s");
    assertThat(s.toString()).doesNotContain(SECRET);
    assertThat(s.tsig().orElseThrow().toString()).doesNotContain(SECRET);
    assertThat(Rfc2136Settings.defaults("ns1").describe())
        .isEqualTo(
            "server ns1:53, zones found by SOA queries, unsigned, UPDATE over TCP, timeout 10 s");
  }

  @Test
  void invalidSettingsCannotBeBuilt() {
    Rfc2136Settings d = Rfc2136Settings.defaults("ns1");
    assertThatThrownBy(() -> d.withPort(0)).hasMessage("port must be 1..65535 but was 0");
    assertThatThrownBy(() -> d.withTimeout(Duration.ZERO))
        .hasMessage("timeout must be 1..300 seconds but was PT0S");
    assertThatThrownBy(() -> Rfc2136Settings.defaults("not a host"))
        .hasMessage("'not a host' is not a host name or an IP address");
    assertThatThrownBy(() -> TsigKey.of("k", "%%%"))
        .hasMessage("the secret of TSIG key k is not base64 text (value hidden)");
    assertThat(d.withTsig(TsigKey.of("k", SECRET)).withoutTsig().tsig())
        .isEqualTo(Optional.empty());
  }

  @Test
  void theBuilderRequiresTheServerAndNamesEveryOtherPart() {
    Rfc2136Settings built =
        Rfc2136Settings.builder("NS1.Example.COM.")
            .port(5353)
            .zones("example.org", "example.com")
            .tsig(
                new TsigKey(
                    DnsName.of("kuberoute-key"), TsigAlgorithm.HMAC_SHA512, Secret.of(SECRET)))
            .transport(Rfc2136Settings.Transport.UDP)
            .timeout(Duration.ofSeconds(3))
            .build();

    assertThat(built)
        .isEqualTo(
            Rfc2136Settings.fromConfig(
                section(
                    "server", "ns1.example.com",
                    "port", "5353",
                    "zones", "example.com, example.org",
                    "tsig_key_name", "kuberoute-key",
                    "tsig_secret", SECRET,
                    "tsig_algorithm", "hmac-sha512",
                    "tcp", "false",
                    "timeout", "3")));
    assertThat(built.transport()).isEqualTo(Rfc2136Settings.Transport.UDP);
    assertThat(built.tcp()).isFalse();
    assertThat(built.describe()).contains(", UPDATE over UDP, ");
    assertThat(built.toBuilder().build()).isEqualTo(built);
    assertThat(Rfc2136Settings.builder("192.0.2.53").build())
        .isEqualTo(Rfc2136Settings.defaults("192.0.2.53"));
    assertThat(Rfc2136Settings.defaults("192.0.2.53").transport())
        .isEqualTo(Rfc2136Settings.Transport.TCP);
  }

  @Test
  void withoutAServerTheBuilderSaysItIsRequired() {
    assertThatThrownBy(() -> Rfc2136Settings.builder(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("server is required: the host name or IP address of the primary server");
    assertThatThrownBy(() -> Rfc2136Settings.builder("not a host!").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'not a host!' is not a host name or an IP address");
    assertThatThrownBy(() -> Rfc2136Settings.builder("ns1").port(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port must be 1..65535 but was 0");
  }

  /**
   * The transport was a boolean beside the others; it is a named type now, and no part is a
   * boolean.
   */
  @Test
  void noPartOfTheSettingsIsABoolean() {
    assertThat(
            java.util.Arrays.stream(Rfc2136Settings.class.getRecordComponents())
                .<Class<?>>map(c -> c.getType())
                .toList())
        .doesNotContain(boolean.class, Boolean.class)
        .contains(Rfc2136Settings.Transport.class);
  }
}
