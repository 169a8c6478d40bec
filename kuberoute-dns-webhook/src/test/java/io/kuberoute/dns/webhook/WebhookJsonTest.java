package io.kuberoute.dns.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The wire format, pinned as literal JSON (as external-dns's Go types read and write it). */
class WebhookJsonTest {

  private static byte[] json(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  @Test
  void aChangeBodyCarriesItsFourListsAndLeavesOutEmptyMembers() {
    WebhookChanges changes =
        new WebhookChanges(
            List.of(Endpoint.of("shop.example.com", "A", 60, List.of("10.0.0.1", "10.0.0.2"))),
            List.of(Endpoint.of("www.example.com", "CNAME", 0, List.of("shop.example.com"))),
            List.of(Endpoint.of("www.example.com", "CNAME", 300, List.of("other.example.com"))),
            List.of());

    assertThat(text(EndpointJson.writeChanges(changes)))
        .isEqualTo(
            "{\"create\":[{\"dnsName\":\"shop.example.com\",\"targets\":[\"10.0.0.1\",\"10.0.0.2\"],\"recordType\":\"A\",\"recordTTL\":60}],"
                + "\"updateOld\":[{\"dnsName\":\"www.example.com\",\"targets\":[\"shop.example.com\"],\"recordType\":\"CNAME\"}],"
                + "\"updateNew\":[{\"dnsName\":\"www.example.com\",\"targets\":[\"other.example.com\"],\"recordType\":\"CNAME\",\"recordTTL\":300}],"
                + "\"delete\":[]}");
  }

  @Test
  void everyMemberOfAnEndpointIsReadAndWrittenBack() {
    String wire =
        "[{\"dnsName\":\"a.example.com\",\"targets\":[\"1.2.3.4\"],\"recordType\":\"A\",\"setIdentifier\":\"eu\","
            + "\"recordTTL\":30,\"labels\":{\"owner\":\"x\"},\"providerSpecific\":[{\"name\":\"aws/weight\",\"value\":\"10\"}]}]";

    List<Endpoint> endpoints = EndpointJson.readEndpoints(json(wire));

    assertThat(endpoints)
        .containsExactly(
            new Endpoint(
                "a.example.com",
                List.of("1.2.3.4"),
                "A",
                "eu",
                30,
                Map.of("owner", "x"),
                List.of(new Endpoint.Property("aws/weight", "10"))));
    assertThat(text(EndpointJson.writeEndpoints(endpoints))).isEqualTo(wire);
  }

  @Test
  void membersMatchCaseInsensitivelyAndNullsAndUnknownMembersAreEmpty() {
    List<Endpoint> endpoints =
        EndpointJson.readEndpoints(
            json(
                "[{\"DNSName\":\"a.example.com\",\"Targets\":null,\"RecordType\":\"TXT\",\"recordttl\":null,\"extra\":{\"x\":1}}]"));

    assertThat(endpoints).containsExactly(Endpoint.of("a.example.com", "TXT", 0, List.of()));
    assertThat(EndpointJson.readEndpoints(json("null"))).isEmpty();
  }

  @Test
  void aBodyThatIsNotJsonSaysWhere() {
    assertThatThrownBy(() -> EndpointJson.readEndpoints(json("<html>busy</html>")))
        .isInstanceOf(EndpointJson.Malformed.class)
        .hasMessage("a body that is not JSON (line 1, column 1)");
    assertThatThrownBy(() -> EndpointJson.readEndpoints(json("")))
        .hasMessage("an empty body instead of JSON");
  }

  @Test
  void jsonOfTheWrongShapeIsRefusedWhole() {
    assertThatThrownBy(() -> EndpointJson.readEndpoints(json("{\"records\":[]}")))
        .hasMessage("JSON that is not a list of endpoints (an object instead of an array)");
    assertThatThrownBy(
            () ->
                EndpointJson.readEndpoints(
                    json("[{\"dnsName\":\"a.example.com\",\"recordTTL\":\"60\"}]")))
        .hasMessage(
            "JSON that is not a list of endpoints (endpoint 0: 'recordTTL' is a string, not a whole number)");
    assertThatThrownBy(() -> EndpointJson.readEndpoints(json("[{},{\"recordTTL\":1.5}]")))
        .hasMessage(
            "JSON that is not a list of endpoints (endpoint 1: 'recordTTL' is a number, not a whole number)");
    assertThatThrownBy(() -> EndpointJson.readEndpoints(json("[{\"targets\":[1]}]")))
        .hasMessage(
            "JSON that is not a list of endpoints (endpoint 0: 'targets' holds a number, not only strings)");
  }

  @Test
  void theDomainFilterReadsBothForms() {
    assertThat(
            EndpointJson.readFilter(
                json("{\"include\":[\"example.com\"],\"exclude\":[\"a.example.com\"]}")))
        .isEqualTo(
            new EndpointJson.FilterText(List.of("example.com"), List.of("a.example.com"), "", ""));
    assertThat(EndpointJson.readFilter(json("{\"regexInclude\":\"\\\\.example\\\\.com$\"}")))
        .isEqualTo(new EndpointJson.FilterText(List.of(), List.of(), "\\.example\\.com$", ""));
    assertThat(EndpointJson.readFilter(json("{}")))
        .isEqualTo(new EndpointJson.FilterText(List.of(), List.of(), "", ""));
    assertThatThrownBy(() -> EndpointJson.readFilter(json("[\"example.com\"]")))
        .hasMessage("JSON that is not a domain filter (an array instead of an object)");
  }
}
