package io.kuberoute.dns.rfc2136;

import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.core.model.DnsName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/** Where names live: configured zones, or what SOA queries to the server answer. */
class Rfc2136ZoneLocatorTest {

  /** Answers SOA queries from a table of (asked name → answer); records what was asked. */
  static final class ScriptedClient implements DnsClient {
    final List<String> asked = new ArrayList<>();
    private final Function<String, Message> answers;

    ScriptedClient(Function<String, Message> answers) {
      this.answers = answers;
    }

    @Override
    public List<Record> transfer(Name zone) {
      throw new AssertionError("no transfer expected");
    }

    @Override
    public Message send(Message query) {
      String name = query.getQuestion().getName().toString();
      asked.add(name);
      Message answer = answers.apply(name);
      answer.getHeader().setID(query.getHeader().getID());
      return answer;
    }

    @Override
    public boolean signs() {
      return false;
    }
  }

  static Message answer(int rcode, boolean authoritative, Map<Integer, List<String>> sections) {
    Message m = new Message();
    m.getHeader().setRcode(rcode);
    m.getHeader().setFlag(Flags.QR);
    if (authoritative) {
      m.getHeader().setFlag(Flags.AA);
    }
    sections.forEach(
        (section, lines) -> lines.forEach(l -> m.addRecord(ZoneAdmin.parse(l), section)));
    return m;
  }

  static final String SOA =
      "example.com. 60 SOA ns.invalid. hostmaster.example.com. 1 60 60 600 60";

  private final ServerErrors errors =
      new ServerErrors(Rfc2136Settings.defaults("127.0.0.1").withPort(5353));

  @Test
  void configuredZonesPickTheMostSpecificAndListTheOnesBelowADomain() {
    ConfiguredZones zones =
        new ConfiguredZones(List.of(DnsName.of("example.com"), DnsName.of("k8s.example.com")));

    assertThat(zones.zoneOf(DnsName.of("shop.k8s.example.com")).zone())
        .contains(DnsName.of("k8s.example.com"));
    assertThat(zones.zoneOf(DnsName.of("shop.example.com")).zone())
        .contains(DnsName.of("example.com"));
    assertThat(zones.zonesFor(DnsName.of("example.com")).zones())
        .containsExactly(DnsName.of("example.com"), DnsName.of("k8s.example.com"));
    assertThat(zones.zoneOf(DnsName.of("shop.example.org")).error())
        .isEqualTo(
            "no zone of rfc2136.zones (example.com, k8s.example.com) holds shop.example.org");
  }

  @Test
  void theSoaOfTheAnswerOrTheAuthoritySectionNamesTheZoneAndIsKept() throws DnsFailure {
    ScriptedClient client =
        new ScriptedClient(
            name ->
                name.equals("example.com.")
                    ? answer(Rcode.NOERROR, true, Map.of(Section.ANSWER, List.of(SOA)))
                    : answer(Rcode.NXDOMAIN, true, Map.of(Section.AUTHORITY, List.of(SOA))));
    SoaZoneLocator locator = new SoaZoneLocator(client, errors);

    assertThat(locator.zoneOf(DnsName.of("example.com")).zone())
        .contains(DnsName.of("example.com"));
    assertThat(locator.zoneOf(DnsName.of("shop.example.com")).zone())
        .contains(DnsName.of("example.com"));
    assertThat(locator.zoneOf(DnsName.of("shop.example.com")).zone())
        .contains(DnsName.of("example.com"));
    assertThat(client.asked).containsExactly("example.com.", "shop.example.com.");
    assertThat(locator.knownZones()).isEqualTo(Set.of(DnsName.of("example.com")));

    locator.forget(DnsName.of("example.com"));
    assertThat(locator.knownZones()).isEmpty();
  }

  @Test
  void aNameHoldingACnameIsAskedAboutThroughItsParent() throws DnsFailure {
    ScriptedClient client =
        new ScriptedClient(
            name ->
                name.equals("www.example.com.")
                    ? answer(
                        Rcode.NOERROR,
                        true,
                        Map.of(
                            Section.ANSWER,
                            List.of("www.example.com. 60 CNAME elsewhere.example.org.")))
                    : answer(Rcode.NOERROR, true, Map.of(Section.ANSWER, List.of(SOA))));
    SoaZoneLocator locator = new SoaZoneLocator(client, errors);

    assertThat(locator.zoneOf(DnsName.of("www.example.com")).zone())
        .contains(DnsName.of("example.com"));
    assertThat(client.asked).containsExactly("www.example.com.", "example.com.");
  }

  @Test
  void aServerThatServesNoZoneForTheNameSaysSo() throws DnsFailure {
    SoaZoneLocator refused =
        new SoaZoneLocator(new ScriptedClient(n -> answer(Rcode.REFUSED, false, Map.of())), errors);
    SoaZoneLocator referral =
        new SoaZoneLocator(
            new ScriptedClient(
                n ->
                    answer(
                        Rcode.NOERROR,
                        false,
                        Map.of(Section.AUTHORITY, List.of("com. 60 NS a.gtld.invalid.")))),
            errors);

    assertThat(refused.zoneOf(DnsName.of("shop.example.net")).error())
        .isEqualTo(
            "the DNS server 127.0.0.1:5353 answers REFUSED to an SOA query for shop.example.net: it serves no zone that"
                + " holds it; list the zones to manage in rfc2136.zones");
    assertThat(referral.zoneOf(DnsName.of("shop.example.net")).error())
        .isEqualTo(
            "the DNS server 127.0.0.1:5353 serves no zone that holds shop.example.net (its answer to an SOA query names"
                + " none); list the zones to manage in rfc2136.zones");
  }
}
