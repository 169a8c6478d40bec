package io.kuberoute.dns.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kuberoute.core.ConfigurationException;
import io.kuberoute.core.config.ConfigSection;
import io.kuberoute.core.config.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookSettingsTest {

  private static ConfigSection section(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return new ConfigSection("webhook", m);
  }

  @Test
  void onlyTheUrlIsNeeded() {
    ConfigSection s = section("url", "http://localhost:8888");

    WebhookSettings settings = WebhookSettings.fromConfig(s);

    assertThat(settings).isEqualTo(WebhookSettings.defaults());
    assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.maxRetries()).isEqualTo(3);
    assertThat(settings.userInfo()).isEmpty();
    assertThat(s.unreadKeys()).isEmpty();
  }

  @Test
  void everyKeyIsRead() {
    ConfigSection s =
        section(
            "url", "HTTPS://DNS.Example.org:9443/webhook/", "timeout", "25", "max_retries", "0");

    WebhookSettings settings = WebhookSettings.fromConfig(s);

    assertThat(settings)
        .isEqualTo(
            new WebhookSettings(
                URI.create("https://dns.example.org:9443/webhook"),
                Optional.empty(),
                Duration.ofSeconds(25),
                0));
    assertThat(s.unreadKeys()).isEmpty();
  }

  @Test
  void theBuilderStartsFromTheDefaults() {
    assertThat(WebhookSettings.builder().build()).isEqualTo(WebhookSettings.defaults());
    assertThat(
            WebhookSettings.builder()
                .url("http://127.0.0.1:9999")
                .maxRetries(5)
                .timeout(Duration.ofMillis(300))
                .build())
        .isEqualTo(
            new WebhookSettings(
                URI.create("http://127.0.0.1:9999"), Optional.empty(), Duration.ofMillis(300), 5));
    assertThat(WebhookSettings.defaults().toBuilder().maxRetries(1).build().maxRetries())
        .isEqualTo(1);
  }

  @Test
  void aMissingUrlIsOneErrorNamingTheKey() {
    assertThatThrownBy(() -> WebhookSettings.fromConfig(section("timeout", "5")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("missing required key webhook.url (add 'url = ...' to the [webhook] section)");
  }

  @Test
  void aUrlThatIsNotHttpIsRefused() {
    assertThatThrownBy(() -> WebhookSettings.fromConfig(section("url", "ftp://localhost:8888")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "invalid value for webhook.url: 'ftp://localhost:8888' (allowed: an http:// or https:// URL with a host "
                + "and no query or fragment, such as http://localhost:8888)");
  }

  @Test
  void aUrlWithoutAHostIsRefused() {
    assertThatThrownBy(() -> WebhookSettings.fromConfig(section("url", "localhost:8888")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "invalid value for webhook.url: 'localhost:8888' (allowed: an http:// or https:// URL with a host "
                + "and no query or fragment, such as http://localhost:8888)");
  }

  @Test
  void aUrlWithAQueryIsRefused() {
    assertThatThrownBy(
            () -> WebhookSettings.fromConfig(section("url", "http://localhost:8888/?token=x")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "invalid value for webhook.url: 'http://localhost:8888/?token=x' (allowed: an http:// or https:// URL "
                + "with a host and no query or fragment, such as http://localhost:8888)");
  }

  @Test
  void aBadUrlIsEchoedWithoutItsUserinfo() {
    assertThatThrownBy(
            () -> WebhookSettings.fromConfig(section("url", "ftp://admin:s3cr3t@localhost:8888")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "invalid value for webhook.url: 'ftp://localhost:8888' (allowed: an http:// or https:// URL with a host "
                + "and no query or fragment, such as http://localhost:8888)")
        .message()
        .doesNotContain("s3cr3t")
        .doesNotContain("admin");
  }

  @Test
  void anUnparsableUrlIsEchoedWithoutItsUserinfo() {
    assertThatThrownBy(
            () ->
                WebhookSettings.fromConfig(
                    section("url", "http://admin:p@ss w/rd@local host:8888")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "invalid value for webhook.url: 'http://local host:8888' (allowed: an http:// or https:// URL with a host "
                + "and no query or fragment, such as http://localhost:8888)");
  }

  @Test
  void userinfoBecomesASecretAndNeverShows() {
    WebhookSettings settings =
        WebhookSettings.fromConfig(section("url", "http://admin:s3cr3t@localhost:8888"));

    assertThat(settings.url()).isEqualTo(URI.create("http://localhost:8888"));
    assertThat(settings.userInfo()).contains(Secret.of("admin:s3cr3t"));
    assertThat(settings.displayUrl()).isEqualTo("http://localhost:8888");
    assertThat(settings.toString())
        .isEqualTo(
            "WebhookSettings[url=http://localhost:8888, authentication=basic, timeout=10000ms, maxRetries=3]");
    assertThat(new WebhookProvider.Spec(settings).describe())
        .isEqualTo(
            "external-dns webhook provider at http://localhost:8888 (timeout 10 s, 3 retries)");
  }

  @Test
  void aTimeoutThatIsNotAWholeNumberOfSecondsIsRefused() {
    assertThatThrownBy(
            () ->
                WebhookSettings.fromConfig(
                    section("url", "http://localhost:8888", "timeout", "1.5")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "invalid value for webhook.timeout: '1.5' (allowed: a whole number from 1 to 600)");
  }

  @Test
  void aTimeoutOfZeroIsRefused() {
    assertThatThrownBy(
            () ->
                WebhookSettings.fromConfig(section("url", "http://localhost:8888", "timeout", "0")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "invalid value for webhook.timeout: '0' (allowed: a whole number from 1 to 600)");
  }

  @Test
  void negativeRetriesAreRefused() {
    assertThatThrownBy(
            () ->
                WebhookSettings.fromConfig(
                    section("url", "http://localhost:8888", "max_retries", "-1")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "invalid value for webhook.max_retries: '-1' (allowed: a whole number from 0 to 10)");
  }

  @Test
  void tooManyRetriesAreRefused() {
    assertThatThrownBy(
            () ->
                WebhookSettings.fromConfig(
                    section("url", "http://localhost:8888", "max_retries", "many")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "invalid value for webhook.max_retries: 'many' (allowed: a whole number from 0 to 10)");
  }

  @Test
  void unknownKeysAreLeftForTheWarning() {
    ConfigSection s = section("url", "http://localhost:8888", "read_timeout", "5");

    WebhookSettings.fromConfig(s);

    assertThat(s.unreadKeys()).containsExactly("read_timeout");
  }

  @Test
  void theRecordChecksItsValues() {
    assertThatThrownBy(
            () ->
                new WebhookSettings(
                    URI.create("http://localhost:8888"), Optional.empty(), Duration.ZERO, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be more than 0 and at most 600 seconds but was PT0S");
    assertThatThrownBy(
            () ->
                new WebhookSettings(
                    URI.create("http://u:pw@localhost:8888"),
                    Optional.empty(),
                    Duration.ofSeconds(1),
                    3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the URL carries no userinfo: pass it as userInfo");
    assertThatThrownBy(
            () ->
                new WebhookSettings(
                    URI.create("unix:/tmp/x"), Optional.empty(), Duration.ofSeconds(1), 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("webhook URL unix:/tmp/x: the scheme must be http or https");
  }
}
