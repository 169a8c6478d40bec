package io.kuberoute.report.s3;

import static io.kuberoute.report.s3.S3TestSupport.ACCESS_KEY_ID;
import static io.kuberoute.report.s3.S3TestSupport.BUCKET;
import static io.kuberoute.report.s3.S3TestSupport.SECRET_ACCESS_KEY;
import static io.kuberoute.report.s3.S3TestSupport.golden;
import static io.kuberoute.report.s3.S3TestSupport.knownReport;
import static io.kuberoute.report.s3.S3TestSupport.section;
import static io.kuberoute.report.s3.S3TestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.kuberoute.core.KuberouteException;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.report.NodeStatus;
import io.kuberoute.core.report.ServiceStatus;
import io.kuberoute.core.report.StatusReport;
import io.kuberoute.testkit.net.TcpProxy;
import io.kuberoute.testkit.s3.S3Server;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.model.GetObjectAclResponse;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The sink against S3Mock in-process. Requests go through a {@link TcpProxy}, so the tests also see
 * the request heads the SDK sent (the region it signed for, the ACL header).
 */
class S3StatusSinkIT {

  @RegisterExtension static final S3Server S3 = S3Server.withBucket(BUCKET);

  private TcpProxy s3;

  @BeforeEach
  void startProxy() {
    s3 = TcpProxy.to(S3.httpPort());
  }

  @AfterEach
  void stopProxy() {
    s3.close();
  }

  @Test
  void theObjectHoldsExactlyTheBytesPythonsJsonDumpsWritesForTheKnownCluster() {
    try (S3StatusSink sink = S3StatusSink.create(settings(s3.httpUrl(), "golden/state.json"))) {
      sink.publish(knownReport());
    }

    assertThat(object("golden/state.json")).isEqualTo(golden("known-cluster.json"));
  }

  @Test
  void escapingNonAsciiEmptyContainersAndAMissingLastSyncMatchPython() {
    StatusReport report =
        new StatusReport(
            true,
            new TreeMap<String, NodeStatus>(),
            new TreeMap<>(
                Map.of(
                    "x.example.com",
                    new ServiceStatus(
                        100, List.of(), true, 100, "café/日本", false, List.<RecordSet>of()))),
            Optional.empty(),
            List.of(
                "quote \" backslash \\ slash / tab \t newline \n return \r",
                "backspace \b formfeed \f nul \u0000 unit separator \u001f delete \u007f tilde ~",
                "café üß 日本 € \uD83D\uDE00 \uFEFF"));

    try (S3StatusSink sink = S3StatusSink.create(settings(s3.httpUrl(), "golden/escaping.json"))) {
      sink.publish(report);
    }

    assertThat(object("golden/escaping.json")).isEqualTo(golden("escaping.json"));
  }

  @Test
  void theDefaultsSetContentTypeApplicationJsonAndThePrivateCannedAcl() {
    try (S3StatusSink sink = S3StatusSink.create(settings(s3.httpUrl(), "defaults/state.json"))) {
      sink.publish(knownReport());
    }

    assertThat(
            S3.reader().headObject(b -> b.bucket(BUCKET).key("defaults/state.json")).contentType())
        .isEqualTo("application/json");
    assertThat(requestHead()).contains("\r\nx-amz-acl: private\r\n");
    assertThat(signedHeaders()).contains("x-amz-acl", "content-type", "content-md5");
    GetObjectAclResponse acl =
        S3.reader().getObjectAcl(b -> b.bucket(BUCKET).key("defaults/state.json"));
    assertThat(acl.grants())
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.permission()).isEqualTo(Permission.FULL_CONTROL);
              assertThat(g.grantee().id()).isEqualTo(acl.owner().id());
            });
  }

  @Test
  void aConfiguredCannedAclIsSentSignedWithTheWrite() {
    try (S3StatusSink sink =
        S3StatusSink.create(settings(s3.httpUrl(), "acl/public.json", "acl", "public-read"))) {
      sink.publish(knownReport());
    }

    // S3Mock 5.2 stores an ACL only through PutObjectAcl and ignores x-amz-acl on PutObject, so
    // what S3 would apply is checked on the wire: the header, covered by the signature.
    assertThat(requestHead()).contains("\r\nx-amz-acl: public-read\r\n");
    assertThat(signedHeaders()).contains("x-amz-acl");
    assertThat(object("acl/public.json")).isEqualTo(golden("known-cluster.json"));
  }

  @Test
  void aclNoneSendsNoAclHeader() {
    try (S3StatusSink sink =
        S3StatusSink.create(settings(s3.httpUrl(), "acl/none.json", "acl", "none"))) {
      sink.publish(knownReport());
    }

    assertThat(requestHead().toLowerCase(Locale.ROOT)).doesNotContain("x-amz-acl");
    assertThat(object("acl/none.json")).isEqualTo(golden("known-cluster.json"));
  }

  @Test
  void aConfiguredContentTypeIsKept() {
    try (S3StatusSink sink =
        S3StatusSink.create(
            settings(
                s3.httpUrl(),
                "type/state.json",
                "content_type",
                "application/vnd.kuberoute+json"))) {
      sink.publish(knownReport());
    }

    assertThat(S3.reader().headObject(b -> b.bucket(BUCKET).key("type/state.json")).contentType())
        .isEqualTo("application/vnd.kuberoute+json");
    assertThat(requestHead()).contains("\r\nContent-Type: application/vnd.kuberoute+json\r\n");
  }

  @Test
  void aStoreThatNeverAnswersFailsAtTheCallDeadlineInsteadOfHanging() throws IOException {
    // a bound socket that never accepts: connections complete in the kernel's backlog, no answer
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        S3StatusSink sink =
            S3StatusSink.create(
                settings("http://127.0.0.1:" + silent.getLocalPort(), "silent/state.json"),
                () -> Region.US_EAST_1,
                new S3StatusSink.Timeouts(
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(30),
                    Duration.ofSeconds(30),
                    Duration.ofSeconds(1)))) {
      assertThatThrownBy(() -> sink.publish(knownReport()))
          .isExactlyInstanceOf(KuberouteException.class)
          .hasMessage(
              "s3://kuberoute-state/silent/state.json: Client execution did not complete before the"
                  + " specified timeout configuration: 1000 millis");
    }
  }

  @Test
  void theObjectIsWrittenAtTheTemplatedKey() {
    S3ReportSettings settings =
        S3ReportSettings.fromConfig(
            section(
                "s3_report",
                "bucket_name",
                BUCKET,
                "key",
                "clusters/_TEMPLATE_START_cluster_id_TEMPLATE_END_/kuberoute.json",
                "aws_access_key_id",
                ACCESS_KEY_ID,
                "aws_secret_access_key",
                SECRET_ACCESS_KEY,
                "endpoint",
                s3.httpUrl()),
            Map.of("cluster_id", "get-schwifty"));

    try (S3StatusSink sink = S3StatusSink.create(settings)) {
      sink.publish(knownReport());
    }

    assertThat(S3.reader().listObjectsV2(b -> b.bucket(BUCKET).prefix("clusters/")).contents())
        .extracting(S3Object::key)
        .containsExactly("clusters/get-schwifty/kuberoute.json");
    assertThat(requestHead())
        .startsWith("PUT /kuberoute-state/clusters/get-schwifty/kuberoute.json HTTP/1.1\r\n");
    assertThat(
            S3.reader()
                .headObject(b -> b.bucket(BUCKET).key("clusters/get-schwifty/kuberoute.json"))
                .contentType())
        .isEqualTo("application/json");
  }

  @Test
  void theConfiguredRegionIsTheClientsRegionAndTheRequestIsSignedForIt() {
    try (S3StatusSink sink =
        S3StatusSink.create(
            settings(s3.httpUrl(), "region/state.json", "region_name", "eu-west-3"))) {
      assertThat(sink.client().serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_3);
      assertThat(sink.client().serviceClientConfiguration().crossRegionAccessEnabled()).isFalse();

      sink.publish(knownReport());
    }

    assertThat(credentialScope()).isEqualTo(ACCESS_KEY_ID + "/<date>/eu-west-3/s3/aws4_request");
    assertThat(object("region/state.json")).isEqualTo(golden("known-cluster.json"));
  }

  @Test
  void withoutRegionNameTheLocalRegionSettingIsUsedAndTheBucketsRegionFollowed() {
    try (S3StatusSink sink =
        S3StatusSink.create(
            settings(s3.httpUrl(), "region/local.json"), () -> Region.AP_SOUTHEAST_2)) {
      assertThat(sink.client().serviceClientConfiguration().region())
          .isEqualTo(Region.AP_SOUTHEAST_2);
      assertThat(sink.client().serviceClientConfiguration().crossRegionAccessEnabled()).isTrue();

      sink.publish(knownReport());
    }

    assertThat(credentialScope())
        .isEqualTo(ACCESS_KEY_ID + "/<date>/ap-southeast-2/s3/aws4_request");
  }

  @Test
  void withoutAnyRegionSettingUsEast1IsUsed() {
    try (S3StatusSink sink =
        S3StatusSink.create(
            settings(s3.httpUrl(), "region/fallback.json"),
            () -> {
              throw new IllegalStateException("no region configured anywhere");
            })) {
      assertThat(sink.client().serviceClientConfiguration().region()).isEqualTo(Region.US_EAST_1);

      sink.publish(knownReport());
    }

    assertThat(credentialScope()).isEqualTo(ACCESS_KEY_ID + "/<date>/us-east-1/s3/aws4_request");
  }

  @Test
  void withoutAKeyPairTheDefaultCredentialChainSigns() {
    S3ReportSettings settings =
        S3ReportSettings.fromConfig(
            section(
                "s3report",
                "bucket_name",
                BUCKET,
                "key",
                "chain/state.json",
                "endpoint",
                s3.httpUrl()),
            Map.of());
    System.setProperty("aws.accessKeyId", "AKIAFROMTHECHAIN0001");
    System.setProperty("aws.secretAccessKey", "chain-secret");
    try (S3StatusSink sink = S3StatusSink.create(settings)) {
      sink.publish(knownReport());
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }

    assertThat(credentialScope()).startsWith("AKIAFROMTHECHAIN0001/<date>/");
    assertThat(object("chain/state.json")).isEqualTo(golden("known-cluster.json"));
  }

  @Test
  void withoutAKeyPairAWebIdentityTokenIsExchangedAtStsAsWithEksIrsa(@TempDir Path dir)
      throws IOException {
    HttpServer sts =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    AtomicReference<String> stsRequest = new AtomicReference<>();
    sts.createContext(
        "/",
        exchange -> {
          stsRequest.set(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          byte[] body = ASSUME_ROLE_WITH_WEB_IDENTITY_RESPONSE.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/xml");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    sts.start();
    Path token = Files.writeString(dir.resolve("token"), "kubernetes-projected-token");
    Map<String, String> irsa =
        Map.of(
            "aws.webIdentityTokenFile", token.toString(),
            "aws.roleArn", "arn:aws:iam::123456789012:role/kuberoute",
            "aws.roleSessionName", "kuberoute",
            "aws.region", "eu-west-1",
            "aws.endpointUrlSts", "http://127.0.0.1:" + sts.getAddress().getPort());
    irsa.forEach(System::setProperty);
    S3ReportSettings settings =
        S3ReportSettings.fromConfig(
            section(
                "s3report",
                "bucket_name",
                BUCKET,
                "key",
                "irsa/state.json",
                "endpoint",
                s3.httpUrl()),
            Map.of());
    try (S3StatusSink sink = S3StatusSink.create(settings)) {
      sink.publish(knownReport());
    } finally {
      irsa.keySet().forEach(System::clearProperty);
      sts.stop(0);
    }

    assertThat(stsRequest.get())
        .contains("Action=AssumeRoleWithWebIdentity")
        .contains("RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fkuberoute")
        .contains("WebIdentityToken=kubernetes-projected-token");
    assertThat(credentialScope())
        .isEqualTo("ASIAFROMSTS000000001/<date>/eu-west-1/s3/aws4_request");
    assertThat(requestHead()).contains("\r\nX-Amz-Security-Token: sts-session-token\r\n");
    assertThat(object("irsa/state.json")).isEqualTo(golden("known-cluster.json"));
  }

  private static final String ASSUME_ROLE_WITH_WEB_IDENTITY_RESPONSE =
      """
      <AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
        <AssumeRoleWithWebIdentityResult>
          <Credentials>
            <AccessKeyId>ASIAFROMSTS000000001</AccessKeyId>
            <SecretAccessKey>sts-secret-access-key</SecretAccessKey>
            <SessionToken>sts-session-token</SessionToken>
            <Expiration>2099-01-01T00:00:00Z</Expiration>
          </Credentials>
          <AssumedRoleUser>
            <Arn>arn:aws:sts::123456789012:assumed-role/kuberoute/kuberoute</Arn>
            <AssumedRoleId>AROAEXAMPLE:kuberoute</AssumedRoleId>
          </AssumedRoleUser>
        </AssumeRoleWithWebIdentityResult>
        <ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000001</RequestId></ResponseMetadata>
      </AssumeRoleWithWebIdentityResponse>
      """;

  @Test
  void creatingTheSinkContactsNothingUntilTheFirstReport() {
    try (S3StatusSink sink = S3StatusSink.create(settings(s3.httpUrl(), "lazy/state.json"))) {
      assertThat(s3.accepted()).isZero();

      sink.publish(knownReport());

      assertThat(s3.accepted()).isEqualTo(1);
    }
  }

  @Test
  void eachReportReplacesTheObject() {
    StatusReport later = knownReport().unavailable(List.of("kubernetes API server unreachable"));
    try (S3StatusSink sink = S3StatusSink.create(settings(s3.httpUrl(), "overwrite/state.json"))) {
      sink.publish(knownReport());
      sink.publish(later);
    }

    assertThat(new String(object("overwrite/state.json"), StandardCharsets.UTF_8))
        .isEqualTo(later.toJson())
        .startsWith(
            """
            {
                "apiserver_available": false,
                "deletions_held": [],
                "errors": [
                    "kubernetes API server unreachable"
                ],
            """);
  }

  @Test
  void aMissingBucketFailsWithTheObjectAndS3sErrorAndNoCredential() {
    try (LogCapture logs = new LogCapture();
        S3StatusSink sink =
            S3StatusSink.create(
                settings(s3.httpUrl(), "state.json", "bucket_name", "no-such-bucket"))) {
      assertThatThrownBy(() -> sink.publish(knownReport()))
          .isExactlyInstanceOf(KuberouteException.class)
          .hasMessage(
              "s3://no-such-bucket/state.json: NoSuchBucket: The specified bucket does not exist. (HTTP 404)");

      assertThat(logs.lines())
          .noneMatch(l -> l.contains(ACCESS_KEY_ID) || l.contains(SECRET_ACCESS_KEY));
    }
  }

  @Test
  void anUnreachableStoreFailsWithinTheDeadlineNamingTheObjectAndNoCredential() {
    s3.kill();
    try (LogCapture logs = new LogCapture();
        S3StatusSink sink = S3StatusSink.create(settings(s3.httpUrl(), "down/state.json"))) {
      assertThatThrownBy(() -> sink.publish(knownReport()))
          .isExactlyInstanceOf(KuberouteException.class)
          .hasMessageStartingWith(
              "s3://kuberoute-state/down/state.json: Unable to execute HTTP request: ")
          .hasMessageContaining("Connection refused")
          .message()
          .doesNotContain(ACCESS_KEY_ID)
          .doesNotContain(SECRET_ACCESS_KEY);

      assertThat(logs.lines())
          .noneMatch(l -> l.contains(ACCESS_KEY_ID) || l.contains(SECRET_ACCESS_KEY));
    }
  }

  @Test
  void theSinkAndItsSettingsPrintNoCredential() {
    try (S3StatusSink sink = S3StatusSink.create(settings(s3.httpUrl(), "state.json"))) {
      assertThat(sink.toString()).isEqualTo("S3StatusSink[s3://kuberoute-state/state.json]");
      assertThat(sink.settings().toString())
          .doesNotContain(ACCESS_KEY_ID)
          .doesNotContain(SECRET_ACCESS_KEY);
      assertThat(sink.scrub("echo " + ACCESS_KEY_ID + " and " + SECRET_ACCESS_KEY))
          .isEqualTo("echo <hidden> and <hidden>");
      assertThat(sink.name()).isEqualTo("s3");
    }
  }

  private static byte[] object(String key) {
    return S3.reader().getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
  }

  /** The head of the last request the proxy saw. */
  private String requestHead() {
    String sent = s3.sent();
    int start = sent.lastIndexOf("PUT /");
    int end = sent.indexOf("\r\n\r\n", start);
    return sent.substring(start, end + 2);
  }

  private String credentialScope() {
    Matcher m = Pattern.compile("Credential=([^/]+)/(\\d{8})/([^,]+),").matcher(requestHead());
    assertThat(m.find()).as("an AWS4 Authorization header").isTrue();
    return m.group(1) + "/<date>/" + m.group(3);
  }

  private List<String> signedHeaders() {
    Matcher m = Pattern.compile("SignedHeaders=([^,]+),").matcher(requestHead());
    assertThat(m.find()).as("an AWS4 Authorization header").isTrue();
    return List.of(m.group(1).split(";"));
  }
}
