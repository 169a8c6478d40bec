package io.kuberoute.report.s3;

import static io.kuberoute.report.s3.S3TestSupport.section;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kuberoute.core.ConfigurationException;
import io.kuberoute.core.config.ConfigSection;
import io.kuberoute.core.config.Secret;
import io.kuberoute.report.s3.S3ReportSettings.StaticCredentials;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;

class S3ReportSettingsTest {

  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

  @Test
  void readsEveryKeyOfAFullSection() {
    ConfigSection s =
        section(
            "s3report",
            "bucket_name",
            "kuberoute-state",
            "key",
            "clusters/_TEMPLATE_START_cluster_id_TEMPLATE_END_/state.json",
            "aws_access_key_id",
            "AKIAIOSFODNN7EXAMPLE",
            "aws_secret_access_key",
            SECRET,
            "region_name",
            "eu-west-3",
            "acl",
            "bucket-owner-full-control",
            "content_type",
            "application/json; charset=utf-8",
            "endpoint",
            "https://minio.example.com:9000");

    S3ReportSettings settings = S3ReportSettings.fromConfig(s, Map.of("cluster_id", "prod-eu"));

    assertThat(settings)
        .isEqualTo(
            new S3ReportSettings(
                "kuberoute-state",
                "clusters/prod-eu/state.json",
                Optional.of(new StaticCredentials("AKIAIOSFODNN7EXAMPLE", Secret.of(SECRET))),
                Optional.of("eu-west-3"),
                Optional.of(ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL),
                "application/json; charset=utf-8",
                Optional.of(URI.create("https://minio.example.com:9000"))));
    assertThat(s.unreadKeys()).isEmpty();
  }

  @Test
  void aMinimalSectionGetsTheDefaults() {
    S3ReportSettings settings =
        S3ReportSettings.fromConfig(
            section("s3report", "bucket_name", "kuberoute-state", "key", "kuberoute.json"),
            Map.of());

    assertThat(settings)
        .isEqualTo(
            new S3ReportSettings(
                "kuberoute-state",
                "kuberoute.json",
                Optional.empty(),
                Optional.empty(),
                Optional.of(ObjectCannedACL.PRIVATE),
                "application/json",
                Optional.empty()));
  }

  @Test
  void theReadmeSpellingOfTheSectionReadsTheSame() {
    String[] keys = {
      "bucket_name", "kuberoute-state", "key",
          "_TEMPLATE_START_cluster_id_TEMPLATE_END_/kuberoute.json",
      "region_name", "eu-central-1", "acl", "public-read"
    };
    Map<String, String> replacements = Map.of("cluster_id", "get-schwifty");

    S3ReportSettings readme = S3ReportSettings.fromConfig(section("s3_report", keys), replacements);

    assertThat(readme)
        .isEqualTo(S3ReportSettings.fromConfig(section("s3report", keys), replacements));
    assertThat(readme.key()).isEqualTo("get-schwifty/kuberoute.json");
    assertThat(readme.location()).isEqualTo("s3://kuberoute-state/get-schwifty/kuberoute.json");
  }

  @Test
  void aclNoneSendsNoAclAndAclValuesAreCaseInsensitive() {
    assertThat(settingsWith("acl", "none").acl()).isEmpty();
    assertThat(settingsWith("acl", "PUBLIC-READ").acl()).contains(ObjectCannedACL.PUBLIC_READ);
    assertThat(settingsWith("acl", "").acl()).contains(ObjectCannedACL.PRIVATE);
  }

  @ParameterizedTest(name = "key {0} -> {1}")
  @CsvSource({
    "kuberoute.json, application/json",
    "state/KUBEROUTE.JSON, application/json",
    "status.txt, text/plain",
    "kuberoute, application/json",
    "v1.2/kuberoute, application/json",
    "kuberoute.unknownext, application/json"
  })
  void theContentTypeIsGuessedFromTheKeysExtension(String key, String contentType) {
    S3ReportSettings settings =
        S3ReportSettings.fromConfig(
            section("s3report", "bucket_name", "b-1", "key", key), Map.of());

    assertThat(settings.contentType()).isEqualTo(contentType);
  }

  @Test
  void anEmptyContentTypeIsGuessedAndAGivenOneIsKept() {
    assertThat(settingsWith("content_type", "").contentType()).isEqualTo("application/json");
    assertThat(settingsWith("content_type", "text/plain").contentType()).isEqualTo("text/plain");
  }

  @Test
  void noMessageOrStringShowsTheCredentials() {
    S3ReportSettings settings =
        S3ReportSettings.fromConfig(
            section(
                "s3report",
                "bucket_name",
                "kuberoute-state",
                "key",
                "kuberoute.json",
                "aws_access_key_id",
                "AKIAIOSFODNN7EXAMPLE",
                "aws_secret_access_key",
                SECRET),
            Map.of());

    assertThat(settings.toString())
        .doesNotContain("AKIAIOSFODNN7EXAMPLE")
        .doesNotContain(SECRET)
        .contains("credentials=Optional[StaticCredentials[<hidden>]]");
  }

  @Test
  void unknownKeysAreLeftForTheUnknownKeyWarning() {
    ConfigSection s =
        section(
            "s3report",
            "bucket_name",
            "kuberoute-state",
            "key",
            "k.json",
            "regoin_name",
            "eu-west-1");

    S3ReportSettings.fromConfig(s, Map.of());

    assertThat(s.unreadKeys()).containsExactly("regoin_name");
  }

  static Stream<Arguments> badSections() {
    String tooLong = "k".repeat(1025);
    return Stream.of(
        Arguments.of(
            section("s3report", "key", "kuberoute.json"),
            Map.of(),
            "missing required key s3report.bucket_name (add 'bucket_name = ...' to the [s3report] section)"),
        Arguments.of(
            section("s3report", "bucket_name", "  ", "key", "kuberoute.json"),
            Map.of(),
            "missing required key s3report.bucket_name (add 'bucket_name = ...' to the [s3report] section)"),
        Arguments.of(
            section("s3_report", "bucket_name", "kuberoute-state"),
            Map.of(),
            "missing required key s3_report.key (add 'key = ...' to the [s3_report] section)"),
        Arguments.of(
            section("s3report", "bucket_name", "s3://kuberoute-state", "key", "k.json"),
            Map.of(),
            "invalid value for s3report.bucket_name: 's3://kuberoute-state' (allowed: a bucket name: 3 to"
                + " 255 letters, digits, dots, hyphens or underscores, without s3:// or a path)"),
        Arguments.of(
            section("s3report", "bucket_name", "kuberoute-state/reports", "key", "k.json"),
            Map.of(),
            "invalid value for s3report.bucket_name: 'kuberoute-state/reports' (allowed: a bucket name: 3"
                + " to 255 letters, digits, dots, hyphens or underscores, without s3:// or a path)"),
        Arguments.of(
            section(
                "s3report",
                "bucket_name",
                "kuberoute-state",
                "key",
                "_TEMPLATE_START_cluster_id_TEMPLATE_END_/kuberoute.json"),
            Map.of("stage", "prod"),
            "invalid value for s3report.key: unknown template key 'cluster_id' in"
                + " '_TEMPLATE_START_cluster_id_TEMPLATE_END_/kuberoute.json' (defined in [replacements]: stage)"),
        Arguments.of(
            section(
                "s3_report",
                "bucket_name",
                "kuberoute-state",
                "key",
                "_TEMPLATE_START_cluster_id_TEMPLATE_END_/kuberoute.json"),
            Map.of(),
            "invalid value for s3_report.key: unknown template key 'cluster_id' in"
                + " '_TEMPLATE_START_cluster_id_TEMPLATE_END_/kuberoute.json' (defined in [replacements]: none)"),
        Arguments.of(
            // the original README's example, which crashed the original at start-up
            section(
                "s3_report",
                "bucket_name",
                "kuberoute-state",
                "key",
                "_TEMPLATE_END_cluster_id_TEMPLATE_END_/kuberoute.json"),
            Map.of("cluster_id", "signus-5-expanse"),
            "invalid value for s3_report.key: malformed template"
                + " '_TEMPLATE_END_cluster_id_TEMPLATE_END_/kuberoute.json': _TEMPLATE_END_ at position 0 has"
                + " no _TEMPLATE_START_ before it"),
        Arguments.of(
            section(
                "s3report",
                "bucket_name",
                "kuberoute-state",
                "key",
                "_TEMPLATE_START_prefix_TEMPLATE_END_"),
            Map.of("prefix", ""),
            "invalid value for s3report.key: '_TEMPLATE_START_prefix_TEMPLATE_END_' is empty after templating"),
        Arguments.of(
            section("s3report", "bucket_name", "kuberoute-state", "key", tooLong),
            Map.of(),
            "invalid value for s3report.key: '"
                + tooLong
                + "' is 1025 bytes long after templating"
                + " (allowed: at most 1024 bytes of UTF-8)"),
        Arguments.of(
            section(
                "s3report",
                "bucket_name",
                "kuberoute-state",
                "key",
                "k.json",
                "aws_access_key_id",
                "AKIAIOSFODNN7EXAMPLE"),
            Map.of(),
            "s3report.aws_access_key_id is set but s3report.aws_secret_access_key is not (set both, or"
                + " neither to use the default AWS credential chain)"),
        Arguments.of(
            section(
                "s3_report",
                "bucket_name",
                "kuberoute-state",
                "key",
                "k.json",
                "aws_secret_access_key",
                SECRET),
            Map.of(),
            "s3_report.aws_secret_access_key is set but s3_report.aws_access_key_id is not (set both, or"
                + " neither to use the default AWS credential chain)"),
        Arguments.of(
            section(
                "s3report",
                "bucket_name",
                "kuberoute-state",
                "key",
                "k.json",
                "region_name",
                "eu central 1"),
            Map.of(),
            "invalid value for s3report.region_name: 'eu central 1' (allowed: a region name such as"
                + " eu-central-1: lower-case letters, digits and single hyphens)"),
        Arguments.of(
            section(
                "s3report",
                "bucket_name",
                "kuberoute-state",
                "key",
                "k.json",
                "region_name",
                "EU-WEST-1"),
            Map.of(),
            "invalid value for s3report.region_name: 'EU-WEST-1' (allowed: a region name such as"
                + " eu-central-1: lower-case letters, digits and single hyphens)"),
        Arguments.of(
            section("s3report", "bucket_name", "kuberoute-state", "key", "k.json", "acl", "public"),
            Map.of(),
            "invalid value for s3report.acl: 'public' (allowed: private, public-read, public-read-write,"
                + " authenticated-read, aws-exec-read, bucket-owner-read, bucket-owner-full-control, none)"),
        Arguments.of(
            section(
                "s3report",
                "bucket_name",
                "kuberoute-state",
                "key",
                "k.json",
                "content_type",
                "json"),
            Map.of(),
            "invalid value for s3report.content_type: 'json' (allowed: a media type such as"
                + " application/json or application/json; charset=utf-8)"),
        Arguments.of(
            section(
                "s3report",
                "bucket_name",
                "kuberoute-state",
                "key",
                "k.json",
                "endpoint",
                "minio:9000"),
            Map.of(),
            "invalid value for s3report.endpoint: 'minio:9000' (allowed: an absolute http:// or https://"
                + " URL with a host)"),
        Arguments.of(
            section(
                "s3report",
                "bucket_name",
                "kuberoute-state",
                "key",
                "k.json",
                "endpoint",
                "ftp://minio"),
            Map.of(),
            "invalid value for s3report.endpoint: 'ftp://minio' (allowed: an absolute http:// or https://"
                + " URL with a host)"));
  }

  @ParameterizedTest
  @MethodSource("badSections")
  void aBadSectionIsAStartUpErrorNamingTheKey(
      ConfigSection section, Map<String, String> replacements, String message) {
    assertThatThrownBy(() -> S3ReportSettings.fromConfig(section, replacements))
        .isExactlyInstanceOf(ConfigurationException.class)
        .hasMessage(message)
        .message()
        .doesNotContain(SECRET);
  }

  @Test
  void theRecordRejectsValuesFromConfigWouldReject() {
    assertThatThrownBy(
            () ->
                new S3ReportSettings(
                    "a/b",
                    "k",
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    "application/json",
                    Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("bucketName 'a/b' is not a bucket name");
    assertThatThrownBy(
            () ->
                new S3ReportSettings(
                    "bucket",
                    "",
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    "application/json",
                    Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("key '': is empty after templating");
    assertThatThrownBy(
            () ->
                new S3ReportSettings(
                    "bucket",
                    "k",
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(ObjectCannedACL.UNKNOWN_TO_SDK_VERSION),
                    "application/json",
                    Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("acl must be a canned ACL");
    assertThatThrownBy(() -> new StaticCredentials("", Secret.of(SECRET)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("both parts of the key pair must be non-empty");
  }

  private static S3ReportSettings settingsWith(String key, String value) {
    return S3ReportSettings.fromConfig(
        section("s3report", "bucket_name", "kuberoute-state", "key", "kuberoute.json", key, value),
        Map.of());
  }

  @Test
  void theBuilderRequiresBucketAndKeyAndNamesEveryOtherPart() {
    S3ReportSettings built =
        S3ReportSettings.builder("kuberoute-state", "clusters/prod-eu/state.json")
            .staticCredentials("AKIAIOSFODNN7EXAMPLE", Secret.of(SECRET))
            .region("eu-west-3")
            .acl(ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL)
            .contentType("application/json; charset=utf-8")
            .endpoint(URI.create("https://minio.example.com:9000"))
            .build();

    assertThat(built)
        .isEqualTo(
            new S3ReportSettings(
                "kuberoute-state",
                "clusters/prod-eu/state.json",
                Optional.of(new StaticCredentials("AKIAIOSFODNN7EXAMPLE", Secret.of(SECRET))),
                Optional.of("eu-west-3"),
                Optional.of(ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL),
                "application/json; charset=utf-8",
                Optional.of(URI.create("https://minio.example.com:9000"))));
    assertThat(built.toBuilder().build()).isEqualTo(built);
    assertThat(built.toBuilder().noAcl().build().acl()).isEmpty();
  }

  @Test
  void theDefaultsAreWhatAMinimalSectionGives() {
    assertThat(S3ReportSettings.defaults("kuberoute-state", "kuberoute.json"))
        .isEqualTo(
            S3ReportSettings.fromConfig(
                section("s3report", "bucket_name", "kuberoute-state", "key", "kuberoute.json"),
                Map.of()));
    assertThat(S3ReportSettings.defaults("kuberoute-state", "notes/state.txt").contentType())
        .isEqualTo("text/plain");
  }

  @Test
  void withoutBucketOrKeyTheBuilderSaysWhatIsRequired() {
    assertThatThrownBy(() -> S3ReportSettings.builder(null, "kuberoute.json"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage(
            "bucketName is required: the report has no default bucket (S3ReportSettings.builder(bucketName, key))");
    assertThatThrownBy(() -> S3ReportSettings.builder("kuberoute-state", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage(
            "key is required: the report has no default object key (S3ReportSettings.builder(bucketName, key))");
    assertThatThrownBy(() -> S3ReportSettings.builder("s3://kuberoute-state", "k").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "bucketName 's3://kuberoute-state' is not a bucket name: 3 to 255 letters, digits, dots, hyphens or"
                + " underscores, without s3:// or a path");
    assertThatThrownBy(
            () ->
                S3ReportSettings.builder("kuberoute-state", "k")
                    .staticCredentials("AKID", Secret.of("")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("both parts of the key pair must be non-empty");
  }
}
