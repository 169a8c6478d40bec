package io.kuberoute.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kuberoute.core.ConfigurationException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigSectionTest {

  private static ConfigSection section(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return new ConfigSection("kuberoute", m);
  }

  @Test
  void keysAreCaseInsensitiveAndValuesStripped() {
    ConfigSection s = section("Port", " 8081 ");
    assertThat(s.requiredInt("port", 1, 65535)).isEqualTo(8081);
  }

  @Test
  void aMissingRequiredKeyNamesSectionAndKey() {
    assertThatThrownBy(() -> section().required("dns_backend"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "missing required key kuberoute.dns_backend (add 'dns_backend = ...' to the [kuberoute] section)");
  }

  @Test
  void badNumbersNameTheKeyTheValueAndTheRange() {
    assertThatThrownBy(() -> section("port", "80a").requiredInt("port", 1, 65535))
        .hasMessage(
            "invalid value for kuberoute.port: '80a' (allowed: a whole number from 1 to 65535)");
    assertThatThrownBy(() -> section("port", "8081 # comment").requiredInt("port", 1, 65535))
        .hasMessage(
            "invalid value for kuberoute.port: '8081 # comment' (allowed: a whole number from 1 to 65535)");
    assertThatThrownBy(() -> section("port", "70000").requiredInt("port", 1, 65535))
        .hasMessage(
            "invalid value for kuberoute.port: '70000' (allowed: a whole number from 1 to 65535)");
    assertThat(section("interval", "30").seconds("interval", Duration.ofSeconds(60), 1, 86400))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(section().seconds("interval", Duration.ofSeconds(60), 1, 86400))
        .isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void numbersAreAsciiDigitsOnly() {
    assertThatThrownBy(
            () -> section("port", "\u0668\u0660\u0668\u0661").requiredInt("port", 1, 65535))
        .hasMessage(
            "invalid value for kuberoute.port: '\u0668\u0660\u0668\u0661' (allowed: a whole number from 1 to 65535)");
    assertThatThrownBy(() -> section("port", "+8081").requiredInt("port", 1, 65535))
        .hasMessage(
            "invalid value for kuberoute.port: '+8081' (allowed: a whole number from 1 to 65535)");
    assertThatThrownBy(() -> section("port", "99999999999").requiredInt("port", 1, 65535))
        .hasMessage(
            "invalid value for kuberoute.port: '99999999999' (allowed: a whole number from 1 to 65535)");
    assertThat(section("port", "08081").requiredInt("port", 1, 65535)).isEqualTo(8081);
  }

  @Test
  void aPathThatIsNoPathIsAConfigurationError() {
    assertThatThrownBy(() -> section("filename", "/etc/a\u0000b").path("filename"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "invalid value for kuberoute.filename: '/etc/a\\u0000b' (allowed: a file path (Nul character not allowed))");
  }

  @Test
  void booleansAcceptTheUsualWords() {
    assertThat(section("verify", "Yes").bool("verify", false)).isTrue();
    assertThat(section("verify", "off").bool("verify", true)).isFalse();
    assertThat(section().bool("verify", true)).isTrue();
    assertThatThrownBy(() -> section("verify", "1").bool("verify", true))
        .hasMessage(
            "invalid value for kuberoute.verify: '1' (allowed: true, yes, on, false, no or off)");
  }

  @Test
  void choicesListsAndUrls() {
    assertThat(section("log_format", "JSON").optionalChoice("log_format", List.of("text", "json")))
        .contains("json");
    assertThatThrownBy(
            () ->
                section("log_format", "xml").optionalChoice("log_format", List.of("text", "json")))
        .hasMessage("invalid value for kuberoute.log_format: 'xml' (allowed: text, json)");
    assertThat(section("namespaces", " default, web ,,kube-system").list("namespaces"))
        .containsExactly("default", "web", "kube-system");
    assertThat(section("url", "https://127.0.0.1:6443").url("url"))
        .contains(URI.create("https://127.0.0.1:6443"));
    assertThatThrownBy(() -> section("url", "127.0.0.1:6443").url("url"))
        .hasMessage(
            "invalid value for kuberoute.url: '127.0.0.1:6443' (allowed: an absolute http:// or https:// URL with a host)");
  }

  @Test
  void anEmptyEntryIsAnErrorNamingItsPosition() {
    assertThat(section("namespaces", " default, web , kube-system").entries("namespaces"))
        .containsExactly("default", "web", "kube-system");
    assertThatThrownBy(() -> section("namespaces", "default,,web").entries("namespaces"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "invalid value for kuberoute.namespaces: 'default,,web' (allowed: entries separated by commas, none of them empty; entry 2 of 3 is empty)");
    assertThatThrownBy(() -> section("namespaces", "default, web,").entries("namespaces"))
        .hasMessage(
            "invalid value for kuberoute.namespaces: 'default, web,' (allowed: entries separated by commas, none of them empty; entry 3 of 3 is empty)");
    assertThatThrownBy(() -> section("namespaces", " , web").entries("namespaces"))
        .hasMessageEndingWith("entry 1 of 2 is empty)");
  }

  @Test
  void entriesWithoutAnyEntryAreEmptyForTheCallerToJudge() {
    assertThat(section("namespaces", ",").entries("namespaces")).isEmpty();
    assertThat(section("namespaces", " , ,").entries("namespaces")).isEmpty();
    assertThat(section("namespaces", "").entries("namespaces")).isEmpty();
    assertThat(section().entries("namespaces")).isEmpty();
  }

  @Test
  void anEchoedValueIsCutAndHidesUrlCredentials() {
    String huge = "x".repeat(5_000_000);
    assertThat(section().invalid("port", huge, "a number").getMessage())
        .isEqualTo(
            "invalid value for kuberoute.port: '" + "x".repeat(80) + "…' (allowed: a number)");
    assertThat(section().invalid("url", "https://admin:s3cret@api:6443/x", "an URL").getMessage())
        .isEqualTo(
            "invalid value for kuberoute.url: 'https://<hidden>@api:6443/x' (allowed: an URL)");
    assertThat(section().invalid("x", "ok", "not '" + huge + "'").getMessage())
        .hasSizeLessThan(600);
  }

  @Test
  void pathsExpandTheHomeDirectory() {
    assertThat(section("filename", "~/.kube/config").path("filename"))
        .contains(Path.of(System.getProperty("user.home"), ".kube", "config"));
    assertThat(section("filename", "/etc/k").path("filename")).contains(Path.of("/etc/k"));
  }

  @Test
  void keysNeverReadAreReportedAsUnknown() {
    ConfigSection s = section("port", "1", "typo_key", "x", "legacy", "y");
    s.requiredInt("port", 1, 2);
    s.ignore("legacy");
    assertThat(s.unreadKeys()).containsExactly("typo_key");
  }

  @Test
  void secretsNeverShowTheirValue() {
    Secret secret = section("password", "hunter2").secret("password").orElseThrow();
    assertThat(secret.toString()).isEqualTo("<hidden>");
    assertThat(secret.reveal()).isEqualTo("hunter2");
    assertThat(section().invalidSecret("password", "non-empty").getMessage())
        .isEqualTo("invalid value for kuberoute.password (value hidden; allowed: non-empty)")
        .doesNotContain("hunter2");
    record Holder(String user, Secret password) {}
    assertThat(new Holder("root", secret).toString()).doesNotContain("hunter2");
  }
}
