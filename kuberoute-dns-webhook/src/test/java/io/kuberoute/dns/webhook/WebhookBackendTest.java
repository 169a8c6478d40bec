package io.kuberoute.dns.webhook;

import static io.kuberoute.dns.webhook.WebhookFixtures.drain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kuberoute.core.DnsBackendException;
import io.kuberoute.core.model.CurrentRecord;
import io.kuberoute.core.model.DesiredRecord;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.DomainFilter;
import io.kuberoute.core.model.Ownership;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import io.kuberoute.core.plan.ChangeSet;
import io.kuberoute.core.plan.RecordUpdate;
import io.kuberoute.core.port.ApplyResult;
import io.kuberoute.core.port.CachingDnsBackend;
import io.kuberoute.core.port.DnsBackend;
import io.kuberoute.core.port.ReadScope;
import io.kuberoute.core.port.ZoneState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The backend against the in-test provider: the protocol, ownership marks, the provider's filter.
 */
class WebhookBackendTest {

  private static final String OWNER = "kuberoute";
  private static final String SHOP_RESOURCE = "service/default/shop";
  private static final DnsName DOMAIN = DnsName.of("example.com");

  private WebhookTestProvider provider;
  private WebhookDnsBackend backend;

  @BeforeEach
  void start() {
    provider = WebhookTestProvider.running();
    backend = WebhookFixtures.backend(provider, OWNER);
  }

  @AfterEach
  void stop() {
    backend.close();
    provider.close();
  }

  private static RecordSet a(String name, String... ips) {
    return RecordSet.of(name, RecordType.A, 60, ips);
  }

  private static ChangeSet creates(String resource, RecordSet... records) {
    return new ChangeSet(
        java.util.Arrays.stream(records).map(r -> new DesiredRecord(r, resource)).toList(),
        List.of(),
        List.of());
  }

  private ZoneState read() {
    return backend.read(ReadScope.of(List.of(DOMAIN), Set.of(OWNER), DomainFilter.ALL), true);
  }

  private static Endpoint mark(String name, String owner, String resource) {
    return RecordMapping.markEndpoint(DnsName.of("_kuberoute." + name), owner, resource);
  }

  @Test
  void nothingIsAskedBeforeTheFirstReadWhichNegotiatesFirst() {
    assertThat(provider.requests()).isEmpty();

    read();
    assertThat(drain(provider)).containsExactly("GET /", "GET /records");

    read();
    assertThat(drain(provider)).containsExactly("GET /records");

    backend.read(List.of(DOMAIN), false);
    assertThat(drain(provider))
        .as("the backend itself lists at every read")
        .containsExactly("GET /records");

    DnsBackend cached = CachingDnsBackend.wrap(backend, OWNER);
    cached.read(List.of(DOMAIN), true);
    assertThat(drain(provider)).containsExactly("GET /records");
    cached.read(List.of(DOMAIN), false);
    assertThat(drain(provider)).as("the caching wrapper answers a read without refresh").isEmpty();
  }

  @Test
  void anEmptyChangeSetSendsNoRequestAtAll() {
    ApplyResult result = backend.apply(ChangeSet.EMPTY);

    assertThat(result.isComplete()).isTrue();
    assertThat(provider.requests()).isEmpty();
  }

  @Test
  void theProviderInsistsOnTheMediaTypeAndTheBackendSendsIt() throws Exception {
    HttpClient plain = HttpClient.newHttpClient();
    HttpResponse<String> noAccept =
        plain.send(
            HttpRequest.newBuilder(URI.create(provider.url() + "/records")).build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> noContentType =
        plain.send(
            HttpRequest.newBuilder(URI.create(provider.url() + "/records"))
                .header("Accept", WebhookHttp.MEDIA_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(noAccept.statusCode()).isEqualTo(406);
    assertThat(noContentType.statusCode()).isEqualTo(415);
    drain(provider);

    ApplyResult result = backend.apply(creates(SHOP_RESOURCE, a("shop.example.com", "10.0.0.1")));

    assertThat(result.failedNames()).isEmpty();
    assertThat(drain(provider))
        .containsExactly("GET /", "GET /records", "POST /adjustendpoints", "POST /records");
  }

  @Test
  void aNamesRecordsAndItsMarkGoInOnePostAndReadBackOwned() {
    RecordSet shopV4 = a("shop.example.com", "10.0.0.2", "10.0.0.1");
    RecordSet shopV6 = RecordSet.of("shop.example.com", RecordType.AAAA, 60, "2001:db8::1");
    RecordSet www = RecordSet.of("www.example.com", RecordType.CNAME, 300, "shop.example.com");
    read();
    drain(provider);

    ApplyResult result =
        backend.apply(
            new ChangeSet(
                List.of(
                    new DesiredRecord(shopV4, SHOP_RESOURCE),
                    new DesiredRecord(shopV6, SHOP_RESOURCE),
                    new DesiredRecord(www, "service/default/www")),
                List.of(),
                List.of()));

    assertThat(result.failedNames()).isEmpty();
    assertThat(drain(provider))
        .containsExactly("POST /adjustendpoints", "POST /records", "POST /records");
    assertThat(provider.all())
        .containsExactly(
            mark("shop.example.com", OWNER, SHOP_RESOURCE),
            mark("www.example.com", OWNER, "service/default/www"),
            Endpoint.of("shop.example.com", "A", 60, List.of("10.0.0.1", "10.0.0.2")),
            Endpoint.of("shop.example.com", "AAAA", 60, List.of("2001:db8::1")),
            Endpoint.of("www.example.com", "CNAME", 300, List.of("shop.example.com")));
    assertThat(provider.all().get(0).targets())
        .containsExactly("\"heritage=kuberoute,owner=kuberoute,resource=service/default/shop\"");
    assertThat(read().records())
        .containsExactlyInAnyOrder(
            new CurrentRecord(shopV4, Ownership.ownedBy(OWNER, SHOP_RESOURCE)),
            new CurrentRecord(shopV6, Ownership.ownedBy(OWNER, SHOP_RESOURCE)),
            new CurrentRecord(www, Ownership.ownedBy(OWNER, "service/default/www")));
  }

  @Test
  void theMarkFollowsTheResourceAndGoesWithTheLastRecord() {
    RecordSet shop = a("shop.example.com", "10.0.0.1");
    backend.apply(creates(SHOP_RESOURCE, shop));
    RecordSet moved = a("shop.example.com", "10.0.0.9");

    backend.apply(
        new ChangeSet(
            List.of(), List.of(new RecordUpdate(shop, moved, "service/other/shop")), List.of()));
    assertThat(provider.all())
        .containsExactly(
            mark("shop.example.com", OWNER, "service/other/shop"), RecordMapping.toEndpoint(moved));

    drain(provider);
    ApplyResult gone = backend.apply(new ChangeSet(List.of(), List.of(), List.of(moved)));
    assertThat(gone.failedNames()).isEmpty();
    assertThat(drain(provider)).containsExactly("POST /records");
    assertThat(provider.all()).isEmpty();
  }

  @Test
  void aTxtAtTheMarksNameThatKuberouteDidNotWriteMakesTheNameUntouchable() {
    provider.put(Endpoint.of("shop.example.com", "A", 60, List.of("192.0.2.1")));
    provider.put(
        Endpoint.of("_kuberoute.shop.example.com", "TXT", 300, List.of("\"someone's notes\"")));
    RecordSet held = a("shop.example.com", "192.0.2.1");
    assertThat(read().records()).containsExactly(new CurrentRecord(held, Ownership.unowned()));
    drain(provider);

    ApplyResult result =
        backend.apply(
            new ChangeSet(
                List.of(), List.of(new RecordUpdate(held, held, SHOP_RESOURCE)), List.of()));

    assertThat(result.failedNames())
        .containsExactly(
            Map.entry(
                DnsName.of("shop.example.com"),
                "_kuberoute.shop.example.com holds a TXT record kuberoute did not write; shop.example.com is not "
                    + "changed (remove that TXT record to let kuberoute manage the name)"));
    assertThat(provider.requests()).isEmpty();
  }

  @Test
  void takingOverAnUnownedRecordOnlyAddsTheMark() {
    provider.put(Endpoint.of("manual.example.com", "A", 60, List.of("192.0.2.2")));
    RecordSet manual = a("manual.example.com", "192.0.2.2");
    read();

    backend.apply(
        new ChangeSet(
            List.of(), List.of(new RecordUpdate(manual, manual, SHOP_RESOURCE)), List.of()));

    assertThat(provider.all())
        .containsExactly(
            mark("manual.example.com", OWNER, SHOP_RESOURCE), RecordMapping.toEndpoint(manual));
  }

  @Test
  void aMarkWithoutRecordsIsALoneMarkAndIsReusedWhenTheNameIsPublished() {
    provider.put(mark("old.example.com", OWNER, "service/default/old"));
    provider.put(mark("theirs.example.com", "someone-else", "service/x/y"));

    ZoneState state = read();

    assertThat(state.records()).isEmpty();
    assertThat(state.loneMarks())
        .isEqualTo(
            Map.of(
                DnsName.of("old.example.com"), Ownership.ownedBy(OWNER, "service/default/old"),
                DnsName.of("theirs.example.com"),
                    Ownership.ownedBy("someone-else", "service/x/y")));

    ApplyResult result = backend.apply(creates(SHOP_RESOURCE, a("old.example.com", "10.0.0.1")));
    assertThat(result.failedNames()).isEmpty();
    assertThat(provider.all())
        .contains(mark("old.example.com", OWNER, SHOP_RESOURCE))
        .doesNotContain(mark("old.example.com", OWNER, "service/default/old"));
  }

  @Test
  void recordsOtherToolsKeepThereAreNeverTouched() {
    provider.put(
        new Endpoint("w.example.com", List.of("10.1.1.1"), "A", "eu", 60, Map.of(), List.of()));
    provider.put(Endpoint.of("*.example.com", "A", 60, List.of("10.1.1.2")));
    provider.put(Endpoint.of("mail.example.com", "MX", 60, List.of("10 mx.example.com")));

    assertThat(read().records()).isEmpty();
    assertThat(read().loneMarks()).isEmpty();
  }

  @Test
  void namesOutsideTheProvidersFilterAreDroppedWhenReadAndFailedWhenWritten() {
    provider.filter(new EndpointJson.FilterText(List.of("example.com"), List.of(), "", ""));
    provider.put(Endpoint.of("shop.example.org", "A", 60, List.of("10.0.0.7")));
    provider.put(mark("shop.example.org", OWNER, SHOP_RESOURCE));

    ZoneState state =
        backend.read(
            ReadScope.of(
                List.of(DOMAIN, DnsName.of("example.org")), Set.of(OWNER), DomainFilter.ALL),
            true);
    assertThat(state.records()).isEmpty();
    assertThat(state.loneMarks()).isEmpty();
    drain(provider);

    ApplyResult result =
        backend.apply(
            creates(
                SHOP_RESOURCE,
                a("shop.example.org", "10.0.0.1"),
                a("shop.example.com", "10.0.0.1")));

    assertThat(result.failedNames())
        .containsExactly(
            Map.entry(
                DnsName.of("shop.example.org"),
                "shop.example.org is outside the provider's domain filter (include example.com); not sent"));
    assertThat(drain(provider)).containsExactly("POST /adjustendpoints", "POST /records");
    assertThat(provider.all())
        .contains(Endpoint.of("shop.example.com", "A", 60, List.of("10.0.0.1")));
  }

  @Test
  void aNameWhoseMarkIsOutsideTheFilterIsNotSent() {
    provider.filter(new EndpointJson.FilterText(List.of(), List.of(), "", "^_"));

    ApplyResult result = backend.apply(creates(SHOP_RESOURCE, a("shop.example.com", "10.0.0.1")));

    assertThat(result.failedNames())
        .containsExactly(
            Map.entry(
                DnsName.of("shop.example.com"),
                "its ownership record _kuberoute.shop.example.com is outside the provider's domain filter "
                    + "(regexExclude '^_'); shop.example.com not sent"));
    assertThat(provider.all()).isEmpty();
  }

  @Test
  void theProvidersZoneRulesComeBackAsTheNamesFailure() {
    provider.put(Endpoint.of("shop.example.com", "TXT", 300, List.of("\"v=spf1 -all\"")));
    read();

    ApplyResult result =
        backend.apply(
            creates(
                SHOP_RESOURCE,
                RecordSet.of("shop.example.com", RecordType.CNAME, 60, "failover.example.org"),
                a("blog.example.com", "10.0.0.3")));

    assertThat(result.failedNames())
        .containsExactly(
            Map.entry(
                DnsName.of("shop.example.com"),
                "webhook provider at "
                    + provider.url()
                    + ": POST /records answered HTTP 409: a CNAME at "
                    + "shop.example.com cannot share its name with other data [TXT, CNAME]"));
    assertThat(provider.all())
        .contains(Endpoint.of("blog.example.com", "A", 60, List.of("10.0.0.3")));
  }

  @Test
  void aRecordThatChangedBehindKuberoutesBackIsNotOverwritten() {
    RecordSet shop = a("shop.example.com", "10.0.0.1");
    backend.apply(creates(SHOP_RESOURCE, shop));
    provider.put(Endpoint.of("shop.example.com", "A", 60, List.of("10.0.0.66")));

    ApplyResult result =
        backend.apply(
            new ChangeSet(
                List.of(),
                List.of(new RecordUpdate(shop, a("shop.example.com", "10.0.0.2"), SHOP_RESOURCE)),
                List.of()));

    assertThat(result.failedNames())
        .containsExactly(
            Map.entry(
                DnsName.of("shop.example.com"),
                "webhook provider at "
                    + provider.url()
                    + ": POST /records answered HTTP 409: update of "
                    + "shop.example.com A: the old record does not match what exists"));
    drain(provider);
    assertThat(backend.read(List.of(DOMAIN), false).records())
        .extracting(CurrentRecord::record)
        .containsExactly(a("shop.example.com", "10.0.0.66"));
    assertThat(drain(provider)).containsExactly("GET /", "GET /records");
  }

  // ---------------------------------------------------------------------------------------------
  // faults

  @Test
  void aProviderThatIsDownFailsTheReadAndIsNegotiatedWithOnceItIsBack() {
    provider.stop();

    assertThatThrownBy(this::read)
        .isInstanceOf(DnsBackendException.class)
        .hasMessage("webhook provider at " + provider.url() + ": GET /: connection refused")
        .matches(e -> ((DnsBackendException) e).isTransient());
    assertThatThrownBy(
            () -> backend.apply(creates(SHOP_RESOURCE, a("shop.example.com", "10.0.0.1"))))
        .isInstanceOf(DnsBackendException.class)
        .hasMessage("webhook provider at " + provider.url() + ": GET /: connection refused");

    provider.start();
    assertThat(read().records()).isEmpty();
    assertThat(drain(provider)).containsExactly("GET /", "GET /records");
  }

  @Test
  void aProviderBusyWithOneNameIsRetriedThenFailsThatNameOnly() {
    read();
    provider.failWrites("shop.example.com", 503);
    drain(provider);

    ApplyResult result =
        backend.apply(
            creates(
                SHOP_RESOURCE,
                a("shop.example.com", "10.0.0.1"),
                a("blog.example.com", "10.0.0.2")));

    assertThat(result.failedNames())
        .containsExactly(
            Map.entry(
                DnsName.of("shop.example.com"),
                "webhook provider at "
                    + provider.url()
                    + ": POST /records answered HTTP 503 (try again later) 4 times: injected failure"));
    assertThat(drain(provider))
        .containsExactly(
            "POST /adjustendpoints",
            "POST /records",
            "POST /records",
            "POST /records",
            "POST /records",
            "POST /records");
    assertThat(provider.all())
        .containsExactly(
            mark("blog.example.com", OWNER, SHOP_RESOURCE),
            Endpoint.of("blog.example.com", "A", 60, List.of("10.0.0.2")));

    provider.clearFaults();
    assertThat(backend.read(List.of(DOMAIN), false).records()).hasSize(1);
    assertThat(drain(provider)).containsExactly("GET /", "GET /records");
  }

  @Test
  void theRetriesFollowMaxRetriesWithBackoff() {
    List<Duration> waits = new java.util.concurrent.CopyOnWriteArrayList<>();
    WebhookSettings settings = WebhookFixtures.settings(provider).toBuilder().maxRetries(2).build();
    WebhookDnsBackend retrying =
        WebhookDnsBackend.create(
            settings,
            OWNER,
            new JdkWebhookHttp(settings),
            new WebhookClient.Backoff(Duration.ofMillis(100), Duration.ofMillis(150)),
            waits::add);
    provider.answerWith("GET /records", 500, "text/plain", "");

    assertThatThrownBy(() -> retrying.read(List.of(DOMAIN), true))
        .isInstanceOf(DnsBackendException.class)
        .hasMessage(
            "webhook provider at "
                + provider.url()
                + ": GET /records answered HTTP 500 (try again later) 3 times")
        .matches(e -> ((DnsBackendException) e).isTransient());
    assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(150));
  }

  @Test
  void aHardErrorIsNotRetried() {
    read();
    provider.answerWith(
        "POST /records", 403, "text/plain", "forbidden:\n\tthis token may only read");
    drain(provider);

    ApplyResult result = backend.apply(creates(SHOP_RESOURCE, a("shop.example.com", "10.0.0.1")));

    assertThat(result.failedNames())
        .containsExactly(
            Map.entry(
                DnsName.of("shop.example.com"),
                "webhook provider at "
                    + provider.url()
                    + ": POST /records answered HTTP 403: forbidden: this token may only read"));
    assertThat(drain(provider)).containsExactly("POST /adjustendpoints", "POST /records");
  }

  @Test
  void aNegotiationWithTheWrongContentTypeFailsAndIsTriedAgain() {
    provider.negotiationContentType("application/json");

    assertThatThrownBy(this::read)
        .isInstanceOf(DnsBackendException.class)
        .hasMessage(
            "webhook provider at "
                + provider.url()
                + ": GET / answered with Content-Type 'application/json', not "
                + "'application/external.dns.webhook+json;version=1' (is it an external-dns webhook provider of protocol version 1?)")
        .matches(e -> !((DnsBackendException) e).isTransient());
    assertThat(drain(provider)).containsExactly("GET /");

    provider.clearFaults();
    assertThat(read().failedDomains()).isEmpty();
    assertThat(drain(provider)).containsExactly("GET /", "GET /records");
  }

  @Test
  void aNegotiationWithoutAContentTypeFails() {
    provider.answerWith("GET /", 200, null, "{}");

    assertThatThrownBy(this::read)
        .isInstanceOf(DnsBackendException.class)
        .hasMessage(
            "webhook provider at "
                + provider.url()
                + ": GET / answered without a Content-Type, not "
                + "'application/external.dns.webhook+json;version=1' (is it an external-dns webhook provider of protocol version 1?)");
    assertThat(drain(provider)).containsExactly("GET /");
  }

  @Test
  void aNegotiationWithoutAUsableFilterFails() {
    provider.answerWith(
        "GET /",
        200,
        WebhookHttp.MEDIA_TYPE,
        "{\"include\":[\"example.com\"],\"regexInclude\":\"x\"}");

    assertThatThrownBy(this::read)
        .isInstanceOf(DnsBackendException.class)
        .hasMessage(
            "webhook provider at "
                + provider.url()
                + ": GET / answered a domain filter kuberoute cannot use: it has "
                + "both domain lists and regular expressions");
  }

  @Test
  void anAnswerThatIsNotJsonFailsTheReadAndNothingIsWritten() {
    provider.answerWith("GET /records", 200, WebhookHttp.MEDIA_TYPE, "<html>Bad gateway</html>");

    assertThatThrownBy(this::read)
        .isInstanceOf(DnsBackendException.class)
        .hasMessage(
            "webhook provider at "
                + provider.url()
                + ": GET /records answered a body that is not JSON (line 1, column 1)");
    assertThatThrownBy(
            () -> backend.apply(creates(SHOP_RESOURCE, a("shop.example.com", "10.0.0.1"))))
        .isInstanceOf(DnsBackendException.class)
        .hasMessage(
            "webhook provider at "
                + provider.url()
                + ": GET /records answered a body that is not JSON (line 1, column 1)");
    assertThat(provider.requests()).doesNotContain("POST /records");
    assertThat(provider.all()).isEmpty();
  }

  @Test
  void anAdjustmentThatIsNotJsonFailsTheNamesThatNeedItOnly() {
    RecordSet old = a("old.example.com", "10.0.0.5");
    backend.apply(creates(SHOP_RESOURCE, old));
    provider.answerWith("POST /adjustendpoints", 200, WebhookHttp.MEDIA_TYPE, "{\"oops\":");

    ApplyResult result =
        backend.apply(
            new ChangeSet(
                List.of(new DesiredRecord(a("shop.example.com", "10.0.0.1"), SHOP_RESOURCE)),
                List.of(),
                List.of(old)));

    assertThat(result.failedNames())
        .containsExactly(
            Map.entry(
                DnsName.of("shop.example.com"),
                "webhook provider at "
                    + provider.url()
                    + ": POST /adjustendpoints answered a body that is not JSON (line 1, column 9)"));
    assertThat(provider.all()).isEmpty();
  }

  @Test
  void aSlowReadFailsAtTheTimeoutAndTheNextReadWorks() throws Exception {
    WebhookSettings fast =
        WebhookFixtures.settings(provider).toBuilder().timeout(Duration.ofMillis(300)).build();
    WebhookDnsBackend impatient = WebhookFixtures.backend(fast, OWNER);
    provider.stall("GET /records");

    assertThatThrownBy(() -> impatient.read(List.of(DOMAIN), true))
        .isInstanceOf(DnsBackendException.class)
        .hasMessage(
            "webhook provider at "
                + provider.url()
                + ": GET /records: no complete answer within 300 ms")
        .matches(e -> ((DnsBackendException) e).isTransient());
    assertThat(provider.awaitStalled(5)).isTrue();

    provider.release();
    assertThat(impatient.read(List.of(DOMAIN), true).records()).isEmpty();
  }

  @Test
  void aSlowWriteFailsItsNameAndTheRestWithoutWaitingForEach() {
    WebhookSettings fast =
        WebhookFixtures.settings(provider).toBuilder().timeout(Duration.ofMillis(300)).build();
    WebhookDnsBackend impatient = WebhookFixtures.backend(fast, OWNER);
    impatient.read(List.of(DOMAIN), true);
    provider.stall("POST /records");
    drain(provider);

    ApplyResult result =
        impatient.apply(
            creates(
                SHOP_RESOURCE,
                a("blog.example.com", "10.0.0.2"),
                a("shop.example.com", "10.0.0.1")));

    String message =
        "webhook provider at "
            + provider.url()
            + ": POST /records: no complete answer within 300 ms";
    assertThat(result.failedNames())
        .isEqualTo(
            Map.of(
                DnsName.of("blog.example.com"), message, DnsName.of("shop.example.com"), message));
    assertThat(drain(provider)).containsExactly("POST /adjustendpoints", "POST /records");
  }

  @Test
  void anAnswerOver32MiBIsRefused() {
    StringBuilder big = new StringBuilder("[");
    String one =
        "{\"dnsName\":\"x.example.com\",\"recordType\":\"TXT\",\"targets\":[\""
            + "y".repeat(1000)
            + "\"]},";
    while (big.length() < JdkWebhookHttp.MAX_BODY_BYTES + 10) {
      big.append(one);
    }
    provider.answerWith("GET /records", 200, WebhookHttp.MEDIA_TYPE, big.append("{}]").toString());

    assertThatThrownBy(this::read)
        .isInstanceOf(DnsBackendException.class)
        .hasMessage(
            "webhook provider at "
                + provider.url()
                + ": GET /records: the answer is larger than 32 MiB");
  }

  @Test
  void userinfoIsSentAsBasicAuthenticationAndNeverShown() {
    WebhookSettings withUser =
        WebhookSettings.builder().url("http://admin:s3cr3t@127.0.0.1:" + provider.port()).build();
    WebhookDnsBackend authenticated = WebhookFixtures.backend(withUser, OWNER);

    authenticated.read(List.of(DOMAIN), true);
    assertThat(provider.authorizations())
        .containsExactly("Basic YWRtaW46czNjcjN0", "Basic YWRtaW46czNjcjN0");
    provider.stop();

    assertThatThrownBy(() -> authenticated.read(List.of(DOMAIN), true))
        .hasMessage(
            "webhook provider at http://127.0.0.1:"
                + provider.port()
                + ": GET /records: connection refused");
    assertThat(authenticated.toString())
        .isEqualTo("external-dns webhook provider at http://127.0.0.1:" + provider.port());
  }

  @Test
  void withoutUserinfoNoAuthorizationIsSent() {
    read();

    assertThat(provider.authorizations()).containsExactly("", "");
  }
}
