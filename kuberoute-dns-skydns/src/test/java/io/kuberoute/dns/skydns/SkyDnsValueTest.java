package io.kuberoute.dns.skydns;

import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SkyDnsValueTest {

  private static String encode(RecordSet r, String target) {
    return new String(
        SkyDnsValue.encode(r, target, "kuberoute", "service/default/shop"), StandardCharsets.UTF_8);
  }

  private static SkyDnsValue.Parsed parse(String json) {
    return SkyDnsValue.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private static SkyDnsValue value(String json) {
    SkyDnsValue.Parsed p = parse(json);
    assertThat(p.problem()).isEmpty();
    return p.value().orElseThrow();
  }

  private static String problem(String json) {
    SkyDnsValue.Parsed p = parse(json);
    assertThat(p.value()).isEmpty();
    return p.problem();
  }

  @Test
  void writesHostTtlOwnerResourceAndGroupAsCompactJson() {
    RecordSet a = RecordSet.of("shop.example.com", RecordType.A, 60, "10.0.0.1");
    RecordSet aaaa = RecordSet.of("shop.example.com", RecordType.AAAA, 120, "2001:db8::1");
    RecordSet cname = RecordSet.of("www.example.com", RecordType.CNAME, 60, "failover.example.org");

    assertThat(encode(a, "10.0.0.1"))
        .isEqualTo(
            "{\"host\":\"10.0.0.1\",\"ttl\":60,\"owner\":\"kuberoute\",\"resource\":\"service/default/shop\",\"group\":\"shop.example.com\"}");
    assertThat(encode(aaaa, "2001:db8::1"))
        .isEqualTo(
            "{\"host\":\"2001:db8::1\",\"ttl\":120,\"owner\":\"kuberoute\",\"resource\":\"service/default/shop\",\"group\":\"shop.example.com\"}");
    assertThat(encode(cname, "failover.example.org"))
        .isEqualTo(
            "{\"host\":\"failover.example.org\",\"ttl\":60,\"owner\":\"kuberoute\",\"resource\":\"service/default/shop\",\"group\":\"www.example.com\"}");
  }

  @Test
  void readsWhatItWrites() {
    RecordSet a = RecordSet.of("shop.example.com", RecordType.A, 60, "10.0.0.1");

    assertThat(
            SkyDnsValue.parse(
                    SkyDnsValue.encode(a, "10.0.0.1", "kuberoute", "service/default/shop"))
                .value())
        .contains(
            new SkyDnsValue(
                RecordType.A,
                "10.0.0.1",
                60,
                Optional.of("kuberoute"),
                Optional.of("service/default/shop")));
  }

  @Test
  void theHostDecidesTheTypeAsInCoreDns() {
    assertThat(value("{\"host\":\"10.0.0.1\"}").type()).isEqualTo(RecordType.A);
    assertThat(value("{\"host\":\"2001:DB8:0:0::1\"}"))
        .isEqualTo(
            new SkyDnsValue(
                RecordType.AAAA, "2001:db8::1", 300, Optional.empty(), Optional.empty()));
    assertThat(value("{\"host\":\"Failover.Example.ORG.\"}"))
        .isEqualTo(
            new SkyDnsValue(
                RecordType.CNAME, "failover.example.org", 300, Optional.empty(), Optional.empty()));
    assertThat(value("{\"host\":\"::ffff:10.0.0.9\"}"))
        .isEqualTo(
            new SkyDnsValue(RecordType.A, "10.0.0.9", 300, Optional.empty(), Optional.empty()));
  }

  @Test
  void theOriginalKuberoutesValueReadsAsAnUnownedRecordWithCoreDnsDefaultTtl() {
    assertThat(value("{\"host\": \"10.0.0.1\"}"))
        .isEqualTo(
            new SkyDnsValue(RecordType.A, "10.0.0.1", 300, Optional.empty(), Optional.empty()));
  }

  @Test
  void fieldNamesMatchWithoutCaseAndUnknownFieldsAreIgnored() {
    assertThat(
            value(
                "{\"Host\":\"10.0.0.1\",\"TTL\":30,\"Owner\":\"other\",\"port\":80,\"priority\":10,"
                    + "\"targetstrip\":1,\"extra\":{\"a\":[1,2]},\"group\":\"g\"}"))
        .isEqualTo(
            new SkyDnsValue(RecordType.A, "10.0.0.1", 30, Optional.of("other"), Optional.empty()));
  }

  @Test
  void ttlRules() {
    assertThat(value("{\"host\":\"10.0.0.1\",\"ttl\":0}").ttl()).isZero();
    assertThat(value("{\"host\":\"10.0.0.1\",\"ttl\":null}").ttl()).isEqualTo(300);
    assertThat(value("{\"host\":\"10.0.0.1\",\"ttl\":4294967295}").ttl())
        .isEqualTo(RecordSet.MAX_TTL);
    assertThat(problem("{\"host\":\"10.0.0.1\",\"ttl\":-1}"))
        .isEqualTo("ttl is not a whole number from 0 to 4294967295");
    assertThat(problem("{\"host\":\"10.0.0.1\",\"ttl\":4294967296}"))
        .isEqualTo("ttl is not a whole number from 0 to 4294967295");
    assertThat(problem("{\"host\":\"10.0.0.1\",\"ttl\":1.5}"))
        .isEqualTo("ttl is not a whole number from 0 to 4294967295");
    assertThat(problem("{\"host\":\"10.0.0.1\",\"ttl\":\"60\"}"))
        .isEqualTo("ttl is not a whole number from 0 to 4294967295");
  }

  @Test
  void ownerRules() {
    assertThat(value("{\"host\":\"10.0.0.1\",\"owner\":\"\"}").owner()).isEmpty();
    assertThat(value("{\"host\":\"10.0.0.1\",\"owner\":null}").owner()).isEmpty();
    assertThat(value("{\"host\":\"10.0.0.1\",\"owner\":42}").owner())
        .contains("(value_number_int)");
    assertThat(value("{\"host\":\"10.0.0.1\",\"owner\":{\"id\":\"x\"}}").owner())
        .contains("(start_object)");
  }

  @Test
  void resourceRules() {
    assertThat(
            value(
                    "{\"host\":\"10.0.0.1\",\"owner\":\"kuberoute\",\"resource\":\"service/ns/shop\"}")
                .resource())
        .contains("service/ns/shop");
    assertThat(value("{\"host\":\"10.0.0.1\",\"Resource\":\"heartbeat\"}").resource())
        .contains("heartbeat");
    assertThat(value("{\"host\":\"10.0.0.1\",\"owner\":\"kuberoute\"}").resource()).isEmpty();
    assertThat(value("{\"host\":\"10.0.0.1\",\"resource\":\"\"}").resource()).isEmpty();
    assertThat(value("{\"host\":\"10.0.0.1\",\"resource\":null}").resource()).isEmpty();
    assertThat(value("{\"host\":\"10.0.0.1\",\"resource\":{\"kind\":\"service\"},\"ttl\":7}"))
        .isEqualTo(
            new SkyDnsValue(RecordType.A, "10.0.0.1", 7, Optional.empty(), Optional.empty()));
  }

  @Test
  void valuesThatAreNotAddressOrAliasDataAreProblemsNotErrors() {
    assertThat(problem("not json")).startsWith("invalid JSON: Unrecognized token 'not'");
    assertThat(problem("")).isEqualTo("not a JSON object");
    assertThat(problem("[1,2]")).isEqualTo("not a JSON object");
    assertThat(problem("{\"host\":\"10.0.0.1\"} {}")).isEqualTo("not a single JSON object");
    assertThat(problem("{\"host\":\"10.0.0.1\""))
        .startsWith("invalid JSON: Unexpected end-of-input");
    assertThat(problem("{}")).isEqualTo("no host");
    assertThat(problem("{\"host\":\"\"}")).isEqualTo("no host");
    assertThat(problem("{\"text\":\"hello\"}")).isEqualTo("a TXT value (text without host)");
    assertThat(problem("{\"host\":\"mail.example.org\",\"text\":\"v=spf1\"}"))
        .isEqualTo("a TXT value (text with a host name)");
    assertThat(problem("{\"host\":\"not a name!\"}"))
        .isEqualTo("host 'not a name!' is neither an IP address nor a DNS name");
    assertThat(problem("{\"host\":10}")).isEqualTo("host is not a string");
    assertThat(problem("{\"host\":\"10.0.0.1\",\"text\":7}")).isEqualTo("text is not a string");
  }

  @Test
  void anAddressWithTextIsStillAnAddress() {
    assertThat(value("{\"host\":\"10.0.0.1\",\"text\":\"also txt\"}").type())
        .isEqualTo(RecordType.A);
  }
}
