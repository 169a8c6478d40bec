package io.kuberoute.testkit.route53;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * The test server answers the real AWS SDK as Route53 does and enforces Route53's rules (so the
 * backend's tests against it mean something). Retries are off: every refusal is seen as sent.
 */
class Route53TestServerIT {

  private static Route53TestServer server;
  private static Route53Client client;
  private String zone;

  @BeforeAll
  static void start() {
    server = Route53TestServer.start();
    client =
        Route53Client.builder()
            .endpointOverride(server.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build();
  }

  @AfterAll
  static void stop() {
    client.close();
    server.close();
  }

  @BeforeEach
  void freshZone() {
    server.reset();
    zone = server.createZone("example.com");
  }

  private static Change change(
      ChangeAction action, String name, String type, long ttl, String... values) {
    return Change.builder()
        .action(action)
        .resourceRecordSet(
            ResourceRecordSet.builder()
                .name(name)
                .type(type)
                .ttl(ttl)
                .resourceRecords(
                    List.of(values).stream()
                        .map(v -> ResourceRecord.builder().value(v).build())
                        .toList())
                .build())
        .build();
  }

  private void send(Change... changes) {
    client.changeResourceRecordSets(r -> r.hostedZoneId(zone).changeBatch(b -> b.changes(changes)));
  }

  private static String refusal(Runnable r) {
    try {
      r.run();
    } catch (AwsServiceException e) {
      return e.statusCode()
          + " "
          + e.awsErrorDetails().errorCode()
          + ": "
          + e.awsErrorDetails().errorMessage();
    }
    throw new AssertionError("not refused");
  }

  @Test
  void aNewZoneHoldsItsApexSoaAndNs() {
    assertThat(server.recordSets(zone))
        .extracting(s -> s.name() + " " + s.type())
        .containsExactly("example.com. NS", "example.com. SOA");
    assertThat(server.userRecordSets(zone)).isEmpty();
  }

  @Test
  void creatingAnExistingSetIsRefused() {
    send(change(ChangeAction.CREATE, "a.example.com", "A", 60, "10.0.0.1"));

    assertThat(
            refusal(() -> send(change(ChangeAction.CREATE, "a.example.com", "A", 60, "10.0.0.2"))))
        .isEqualTo(
            "400 InvalidChangeBatch: [Tried to create resource record set [name='a.example.com.', type='A'] but it already exists]");
  }

  @Test
  void aDeleteMustRepeatTheValuesAndTtlExactly() {
    send(change(ChangeAction.CREATE, "a.example.com", "A", 60, "10.0.0.1", "10.0.0.2"));

    assertThat(
            refusal(
                () ->
                    send(
                        change(
                            ChangeAction.DELETE,
                            "a.example.com",
                            "A",
                            300,
                            "10.0.0.1",
                            "10.0.0.2"))))
        .isEqualTo(
            "400 InvalidChangeBatch: [Tried to delete resource record set [name='a.example.com.', type='A'] but the "
                + "values provided do not match the current values]");
    assertThat(
            refusal(() -> send(change(ChangeAction.DELETE, "a.example.com", "A", 60, "10.0.0.1"))))
        .contains("do not match the current values");
    assertThat(
            refusal(() -> send(change(ChangeAction.DELETE, "b.example.com", "A", 60, "10.0.0.1"))))
        .isEqualTo(
            "400 InvalidChangeBatch: [Tried to delete resource record set [name='b.example.com.', type='A'] but it was not found]");

    send(change(ChangeAction.DELETE, "a.example.com", "A", 60, "10.0.0.2", "10.0.0.1"));
    assertThat(server.userRecordSets(zone)).isEmpty();
  }

  @Test
  void aCnameSharesItsNameWithNothing() {
    send(change(ChangeAction.CREATE, "a.example.com", "TXT", 60, "\"x\""));
    send(change(ChangeAction.CREATE, "c.example.com", "CNAME", 60, "t.example.org."));

    assertThat(
            refusal(
                () ->
                    send(
                        change(
                            ChangeAction.CREATE, "a.example.com", "CNAME", 60, "t.example.org."))))
        .isEqualTo(
            "400 InvalidChangeBatch: [RRSet of type CNAME with DNS name a.example.com. is not permitted as it "
                + "conflicts with other records with the same DNS name in zone example.com.]");
    assertThat(
            refusal(() -> send(change(ChangeAction.CREATE, "c.example.com", "A", 60, "10.0.0.1"))))
        .isEqualTo(
            "400 InvalidChangeBatch: [RRSet of type A with DNS name c.example.com. is not permitted because a "
                + "conflicting RRSet of type CNAME with the same DNS name already exists in zone example.com.]");
    // replacing the CNAME within one batch is fine
    send(
        change(ChangeAction.DELETE, "c.example.com", "CNAME", 60, "t.example.org."),
        change(ChangeAction.CREATE, "c.example.com", "A", 60, "10.0.0.1"));
    assertThat(server.get(zone, "c.example.com", "A")).isPresent();
  }

  @Test
  void aBatchIsAtomicAndReportsEveryProblem() {
    assertThat(
            refusal(
                () ->
                    send(
                        change(ChangeAction.CREATE, "ok.example.com", "A", 60, "10.0.0.1"),
                        change(ChangeAction.DELETE, "gone.example.com", "A", 60, "10.0.0.2"),
                        change(ChangeAction.CREATE, "bad.example.com", "A", 60, "not-an-ip"),
                        change(ChangeAction.CREATE, "x.other.org", "A", 60, "10.0.0.3"))))
        .isEqualTo(
            "400 InvalidChangeBatch: [Tried to delete resource record set [name='gone.example.com.', type='A'] "
                + "but it was not found, Invalid Resource Record: 'FATAL problem: ARRDATAIllegalIPv4Address (Value is not "
                + "a valid IPv4 address) encountered with 'not-an-ip'', RRSet with DNS name x.other.org. is not permitted "
                + "in zone example.com.]");
    assertThat(server.userRecordSets(zone)).isEmpty();
    assertThat(server.changeBatchSizes()).containsExactly(4);
    assertThat(server.acceptedBatchSizes()).isEmpty();
  }

  @Test
  void moreThanAThousandRecordsOrThirtyTwoThousandCharactersAreRefused() {
    Change[] many =
        IntStream.range(0, 1001)
            .mapToObj(
                i -> change(ChangeAction.CREATE, "h" + i + ".example.com", "A", 60, "10.0.0.1"))
            .toArray(Change[]::new);
    Change[] longText =
        IntStream.range(0, 130)
            .mapToObj(
                i ->
                    change(
                        ChangeAction.CREATE,
                        "t" + i + ".example.com",
                        "TXT",
                        60,
                        "\"" + "v".repeat(250) + "\""))
            .toArray(Change[]::new);

    assertThat(refusal(() -> send(many)))
        .isEqualTo("400 InvalidChangeBatch: Number of records limit of 1000 exceeded.");
    assertThat(refusal(() -> send(longText)))
        .isEqualTo("400 InvalidChangeBatch: Number of characters limit of 32000 exceeded.");
    assertThat(server.userRecordSets(zone)).isEmpty();
    send(java.util.Arrays.copyOf(many, 1000));
    assertThat(server.userRecordSets(zone)).hasSize(1000);
  }

  @Test
  void listingPagesAtThreeHundredInRoute53sOrder() {
    List<Change> changes = new ArrayList<>();
    for (int i = 0; i < 650; i++) {
      changes.add(
          change(ChangeAction.CREATE, "h%03d.example.com".formatted(i), "A", 60, "10.0.0.1"));
    }
    changes.add(change(ChangeAction.CREATE, "h000.example.com", "TXT", 60, "\"t\""));
    client.changeResourceRecordSets(r -> r.hostedZoneId(zone).changeBatch(b -> b.changes(changes)));
    server.resetCounts();

    ListResourceRecordSetsResponse first =
        client.listResourceRecordSets(r -> r.hostedZoneId(zone).maxItems("1000"));
    List<ResourceRecordSet> all = new ArrayList<>();
    client
        .listResourceRecordSetsPaginator(r -> r.hostedZoneId(zone))
        .resourceRecordSets()
        .forEach(all::add);

    assertThat(first.resourceRecordSets()).hasSize(300);
    assertThat(first.isTruncated()).isTrue();
    // apex first, then names by reversed labels, types in order
    assertThat(first.resourceRecordSets().subList(0, 4))
        .extracting(s -> s.name() + " " + s.typeAsString())
        .containsExactly(
            "example.com. NS", "example.com. SOA", "h000.example.com. A", "h000.example.com. TXT");
    assertThat(first.nextRecordName()).isEqualTo("h297.example.com.");
    assertThat(first.nextRecordTypeAsString()).isEqualTo("A");
    assertThat(all).hasSize(653);
    assertThat(server.calls(Route53TestServer.Operation.LIST_RESOURCE_RECORD_SETS))
        .isEqualTo(1 + 3);
  }

  @Test
  void faultsComeAsRoute53SendsThem() {
    server.throttle(Route53TestServer.Operation.LIST_HOSTED_ZONES, 1);
    server.failWithServerError(Route53TestServer.Operation.LIST_HOSTED_ZONES, 1, 503);

    assertThat(refusal(() -> client.listHostedZones())).isEqualTo("400 Throttling: Rate exceeded");
    assertThat(refusal(() -> client.listHostedZones()))
        .isEqualTo("503 ServiceUnavailable: The service is unavailable. Please try again later.");
    assertThat(client.listHostedZones().hostedZones()).hasSize(1);
    assertThat(refusal(() -> client.listResourceRecordSets(r -> r.hostedZoneId("ZNOPE"))))
        .isEqualTo("404 NoSuchHostedZone: No hosted zone found with ID: ZNOPE");
  }

  @Test
  void anUnsignedRequestIsRefused() throws Exception {
    HttpURLConnection c =
        (HttpURLConnection)
            server.endpoint().resolve("/2013-04-01/hostedzone").toURL().openConnection();
    try {
      assertThat(c.getResponseCode()).isEqualTo(403);
    } finally {
      c.disconnect();
    }
  }
}
