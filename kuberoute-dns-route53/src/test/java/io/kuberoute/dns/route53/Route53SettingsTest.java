package io.kuberoute.dns.route53;

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

class Route53SettingsTest {

  private static final String SECRET = "abcdefghijk12334677246";

  private static ConfigSection section(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return new ConfigSection("route53", m);
  }

  @Test
  void anEmptySectionGivesTheDefaults() {
    Route53Settings s = Route53Settings.fromConfig(section());

    assertThat(s).isEqualTo(Route53Settings.defaults());
    assertThat(s.hasStaticCredentials()).isFalse();
    assertThat(s.effectiveRegion()).isEqualTo("us-east-1");
    assertThat(s.batchSize()).isEqualTo(1000);
    assertThat(s.maxRetries()).isEqualTo(3);
    assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.endpoint()).isEmpty();
    assertThat(s.hostedZoneId()).isEmpty();
  }

  @Test
  void theOriginalsSectionReadsUnchanged() {
    ConfigSection original =
        section("aws_access_key_id", "123456ABCDEF", "aws_secret_access_key", SECRET);

    Route53Settings s = Route53Settings.fromConfig(original);

    assertThat(s.accessKeyId()).contains("123456ABCDEF");
    assertThat(s.secretAccessKey()).contains(Secret.of(SECRET));
    assertThat(original.unreadKeys()).isEmpty();
  }

  @Test
  void everyKeyIsRead() {
    ConfigSection full =
        section(
            "aws_access_key_id", "AKIDEXAMPLE",
            "aws_secret_access_key", SECRET,
            "region", "CN-North-1",
            "endpoint", "http://127.0.0.1:4566",
            "hosted_zone_id", "/hostedzone/Z0123456789ABC",
            "batch_size", "250",
            "max_retries", "7",
            "timeout", "12");

    Route53Settings s = Route53Settings.fromConfig(full);

    assertThat(s)
        .isEqualTo(
            new Route53Settings(
                Optional.of("AKIDEXAMPLE"),
                Optional.of(Secret.of(SECRET)),
                Optional.of("cn-north-1"),
                Optional.of(URI.create("http://127.0.0.1:4566")),
                Optional.of("Z0123456789ABC"),
                250,
                7,
                Duration.ofSeconds(12)));
    assertThat(full.unreadKeys()).isEmpty();
  }

  @Test
  void unknownKeysAreLeftForTheWarning() {
    ConfigSection s = section("batchsize", "10");

    Route53Settings.fromConfig(s);

    assertThat(s.unreadKeys()).containsExactly("batchsize");
  }

  @Test
  void aKeyIdWithoutItsSecretIsAnError() {
    assertThatThrownBy(
            () -> Route53Settings.fromConfig(section("aws_access_key_id", "AKIDEXAMPLE")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "route53.aws_access_key_id is set but route53.aws_secret_access_key is not: set both for a static key "
                + "pair, or neither to use the AWS default credential chain (environment, ~/.aws, instance or pod role)");
  }

  @Test
  void aSecretWithoutItsKeyIdIsAnErrorThatDoesNotShowTheSecret() {
    assertThatThrownBy(() -> Route53Settings.fromConfig(section("aws_secret_access_key", SECRET)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "route53.aws_secret_access_key is set but route53.aws_access_key_id is not: set both for a static key "
                + "pair, or neither to use the AWS default credential chain (environment, ~/.aws, instance or pod role)")
        .message()
        .doesNotContain(SECRET);
  }

  @Test
  void aBatchSizeOutsideRoute53sLimitsIsAnError() {
    assertThatThrownBy(() -> Route53Settings.fromConfig(section("batch_size", "1001")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "invalid value for route53.batch_size: '1001' (allowed: a whole number from 1 to 1000)");
    assertThatThrownBy(() -> Route53Settings.fromConfig(section("batch_size", "0")))
        .hasMessage(
            "invalid value for route53.batch_size: '0' (allowed: a whole number from 1 to 1000)");
    assertThatThrownBy(() -> Route53Settings.fromConfig(section("batch_size", "many")))
        .hasMessage(
            "invalid value for route53.batch_size: 'many' (allowed: a whole number from 1 to 1000)");
  }

  @Test
  void maxRetriesAndTimeoutAreBounded() {
    assertThatThrownBy(() -> Route53Settings.fromConfig(section("max_retries", "21")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "invalid value for route53.max_retries: '21' (allowed: a whole number from 0 to 20)");
    assertThatThrownBy(() -> Route53Settings.fromConfig(section("max_retries", "-1")))
        .hasMessage(
            "invalid value for route53.max_retries: '-1' (allowed: a whole number from 0 to 20)");
    assertThatThrownBy(() -> Route53Settings.fromConfig(section("timeout", "0")))
        .hasMessage(
            "invalid value for route53.timeout: '0' (allowed: a whole number from 1 to 600)");
    assertThat(Route53Settings.fromConfig(section("max_retries", "0")).maxRetries()).isZero();
  }

  @Test
  void aRegionThatIsNoRegionNameIsAnError() {
    assertThatThrownBy(() -> Route53Settings.fromConfig(section("region", "us east 1")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "invalid value for route53.region: 'us east 1' (allowed: an AWS region name such as us-east-1, aws-global or cn-north-1)");
  }

  @Test
  void anEndpointMustBeAnHttpUrl() {
    assertThatThrownBy(() -> Route53Settings.fromConfig(section("endpoint", "localhost:4566")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "invalid value for route53.endpoint: 'localhost:4566' (allowed: an absolute http:// or https:// URL with a host)");
  }

  @Test
  void aHostedZoneIdIsTakenWithOrWithoutItsPrefixAndOtherwiseRefused() {
    assertThat(
            Route53Settings.fromConfig(section("hosted_zone_id", "Z3M3LMPEXAMPLE")).hostedZoneId())
        .contains("Z3M3LMPEXAMPLE");
    assertThat(
            Route53Settings.fromConfig(section("hosted_zone_id", "/hostedzone/Z3M3LMPEXAMPLE"))
                .hostedZoneId())
        .contains("Z3M3LMPEXAMPLE");
    assertThatThrownBy(() -> Route53Settings.fromConfig(section("hosted_zone_id", "example.com")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "invalid value for route53.hosted_zone_id: 'example.com' (allowed: a hosted zone id such as "
                + "Z0123456789ABCDEFGHIJ (upper-case letters and digits))");
  }

  @Test
  void theDescriptionHidesTheKeyIdAndTheSecret() {
    Route53Settings s =
        Route53Settings.fromConfig(
            section("aws_access_key_id", "AKIDEXAMPLE", "aws_secret_access_key", SECRET));

    assertThat(s.toString())
        .isEqualTo(
            "Route53Settings[credentials=static key pair, region=us-east-1, endpoint=default, hostedZoneId=any, "
                + "batchSize=1000, maxRetries=3, timeout=30s]");
  }

  @Test
  void theRecordRefusesHalfAKeyPairAndOutOfRangeNumbers() {
    assertThatThrownBy(
            () ->
                new Route53Settings(
                    Optional.of("AKID"),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    1000,
                    3,
                    Duration.ofSeconds(30)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an access key id and its secret go together: set both or neither");
    assertThatThrownBy(
            () ->
                new Route53Settings(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    1001,
                    3,
                    Duration.ofSeconds(30)))
        .hasMessage("batch size must be 1..1000 but was 1001");
  }

  @Test
  void theBuilderNamesEveryPartAndGivesWhatTheSectionGives() {
    Route53Settings built =
        Route53Settings.builder()
            .staticCredentials("AKIDEXAMPLE", Secret.of(SECRET))
            .region("cn-north-1")
            .endpoint(URI.create("http://127.0.0.1:4566"))
            .hostedZoneId("/hostedzone/Z0123456789ABC")
            .batchSize(250)
            .maxRetries(7)
            .timeout(Duration.ofSeconds(12))
            .build();

    assertThat(built)
        .isEqualTo(
            Route53Settings.fromConfig(
                section(
                    "aws_access_key_id", "AKIDEXAMPLE",
                    "aws_secret_access_key", SECRET,
                    "region", "cn-north-1",
                    "endpoint", "http://127.0.0.1:4566",
                    "hosted_zone_id", "Z0123456789ABC",
                    "batch_size", "250",
                    "max_retries", "7",
                    "timeout", "12")));
    assertThat(built.hostedZoneId()).contains("Z0123456789ABC");
    assertThat(built.toBuilder().build()).isEqualTo(built);
    assertThat(built.toBuilder().defaultCredentials().build().hasStaticCredentials()).isFalse();
  }

  @Test
  void anEmptyBuilderGivesTheDefaults() {
    assertThat(Route53Settings.builder().build()).isEqualTo(Route53Settings.defaults());
    assertThat(Route53Settings.defaults())
        .isEqualTo(
            new Route53Settings(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                1000,
                3,
                Duration.ofSeconds(30)));
  }

  /** The builder takes the key pair in one call: half a pair cannot be written down. */
  @Test
  void theBuilderTakesTheKeyPairWhole() throws NoSuchMethodException {
    assertThat(
            Route53Settings.Builder.class.getMethod(
                "staticCredentials", String.class, Secret.class))
        .isNotNull();
    assertThat(Route53Settings.Builder.class.getMethods())
        .extracting(java.lang.reflect.Method::getName)
        .doesNotContain("accessKeyId", "secretAccessKey");
  }

  @Test
  void theBuilderRefusesWhatTheSectionRefusesWithTheRecordsMessage() {
    assertThatThrownBy(() -> Route53Settings.builder().region("us east 1").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'us east 1' is not an AWS region name");
    assertThatThrownBy(() -> Route53Settings.builder().hostedZoneId("example.com").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'example.com' is not a hosted zone id");
    assertThatThrownBy(() -> Route53Settings.builder().batchSize(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("batch size must be 1..1000 but was 0");
    assertThatThrownBy(() -> Route53Settings.builder().maxRetries(21).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("max retries must be 0..20 but was 21");
    assertThatThrownBy(() -> Route53Settings.builder().timeout(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be 1..600 seconds but was PT0S");
    assertThatThrownBy(() -> Route53Settings.builder().staticCredentials("AKID", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("secretAccessKey");
  }

  @Test
  void aZoneIdWithItsPrefixIsRefusedShowingWhatWasGiven() {
    assertThatThrownBy(
            () -> Route53Settings.fromConfig(section("hosted_zone_id", "/hostedzone/bad id")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "invalid value for route53.hosted_zone_id: '/hostedzone/bad id' (allowed: a hosted zone id such as "
                + "Z0123456789ABCDEFGHIJ (upper-case letters and digits))");
  }
}
