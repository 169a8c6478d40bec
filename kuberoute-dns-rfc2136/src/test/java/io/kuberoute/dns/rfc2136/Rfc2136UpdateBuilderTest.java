package io.kuberoute.dns.rfc2136;

import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.core.model.DesiredRecord;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import io.kuberoute.core.plan.NameChanges;
import io.kuberoute.core.plan.RecordUpdate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The exact prerequisite and update sections of the one UPDATE per name (RFC 2136 §2.4, §2.5). */
class Rfc2136UpdateBuilderTest {

  static final String SHOP = "shop.example.com";
  static final String RESOURCE = "service/default/shop";
  static final String OUR_MARK =
      "_kuberoute.shop.example.com. 300 TXT \"heritage=kuberoute,owner=kuberoute,resource="
          + RESOURCE
          + "\"";

  private final UpdateBuilder builder = new UpdateBuilder("kuberoute");

  static ZoneContent zone(String... lines) {
    List<Record> records = new ArrayList<>();
    records.add(
        ZoneAdmin.parse("example.com. 60 SOA ns.invalid. hostmaster.example.com. 7 60 60 600 60"));
    records.add(ZoneAdmin.parse("example.com. 60 NS ns.invalid."));
    for (String l : lines) {
      records.add(ZoneAdmin.parse(l));
    }
    records.add(records.get(0));
    return ZoneContent.of(DnsName.of("example.com"), records);
  }

  static RecordSet a(String... ips) {
    return RecordSet.of(SHOP, RecordType.A, 60, ips);
  }

  static RecordSet cname(String target) {
    return RecordSet.of(SHOP, RecordType.CNAME, 60, target);
  }

  static NameChanges changes(
      List<RecordSet> deletes, List<RecordUpdate> updates, List<RecordSet> creates) {
    return new NameChanges(
        DnsName.of(SHOP),
        deletes,
        updates,
        creates.stream().map(r -> new DesiredRecord(r, RESOURCE)).toList());
  }

  /** {@code name ttl CLASS TYPE data} of each record of a section. */
  static List<String> section(Message m, int section) {
    return m.getSection(section).stream()
        .map(
            r ->
                (r.getName()
                        + " "
                        + r.getTTL()
                        + " "
                        + DClass.string(r.getDClass())
                        + " "
                        + Type.string(r.getType())
                        + " "
                        + r.rdataToString())
                    .strip())
        .toList();
  }

  private Message ready(ZoneContent zone, NameChanges changes) {
    UpdateBuilder.Built built = builder.build(zone, changes);
    assertThat(built).isInstanceOf(UpdateBuilder.Ready.class);
    Message m = ((UpdateBuilder.Ready) built).message();
    assertThat(section(m, Section.ZONE)).containsExactly("example.com. 0 IN SOA");
    return m;
  }

  private String refused(ZoneContent zone, NameChanges changes) {
    UpdateBuilder.Built built = builder.build(zone, changes);
    assertThat(built).isInstanceOf(UpdateBuilder.Refused.class);
    return ((UpdateBuilder.Refused) built).reason();
  }

  @Test
  void aCreateRequiresTheRrsetAndTheMarkAbsentAndAddsBoth() {
    Message m = ready(zone(), changes(List.of(), List.of(), List.of(a("10.0.0.2", "10.0.0.1"))));

    assertThat(section(m, Section.PREREQ))
        .containsExactly(
            "shop.example.com. 0 NONE A",
            "shop.example.com. 0 NONE CNAME",
            "_kuberoute.shop.example.com. 0 NONE TXT");
    assertThat(section(m, Section.UPDATE))
        .containsExactly(
            "shop.example.com. 60 IN A 10.0.0.1",
            "shop.example.com. 60 IN A 10.0.0.2",
            "_kuberoute.shop.example.com. 300 IN TXT \"heritage=kuberoute,owner=kuberoute,resource="
                + RESOURCE
                + "\"");
  }

  @Test
  void anUpdateRequiresTheOldRrsetExactlyAndKeepsAnUnchangedMark() {
    ZoneContent zone =
        zone("shop.example.com. 60 A 10.0.0.1", "shop.example.com. 60 A 10.0.0.2", OUR_MARK);

    Message m =
        ready(
            zone,
            changes(
                List.of(),
                List.of(new RecordUpdate(a("10.0.0.1", "10.0.0.2"), a("10.0.0.1"), RESOURCE)),
                List.of()));

    assertThat(section(m, Section.PREREQ))
        .containsExactly(
            "shop.example.com. 0 IN A 10.0.0.1",
            "shop.example.com. 0 IN A 10.0.0.2",
            "shop.example.com. 0 NONE CNAME",
            "_kuberoute.shop.example.com. 0 IN TXT \"heritage=kuberoute,owner=kuberoute,resource="
                + RESOURCE
                + "\"");
    assertThat(section(m, Section.UPDATE))
        .containsExactly("shop.example.com. 0 ANY A", "shop.example.com. 60 IN A 10.0.0.1");
  }

  @Test
  void addressesToACnameAreOneMessageDeletingFirst() {
    ZoneContent zone = zone("shop.example.com. 60 A 10.0.0.1", OUR_MARK);

    Message m =
        ready(
            zone,
            changes(List.of(a("10.0.0.1")), List.of(), List.of(cname("failover.example.org"))));

    assertThat(section(m, Section.PREREQ))
        .containsExactly(
            "shop.example.com. 0 IN A 10.0.0.1",
            "shop.example.com. 0 NONE CNAME",
            "shop.example.com. 0 NONE AAAA",
            "_kuberoute.shop.example.com. 0 IN TXT \"heritage=kuberoute,owner=kuberoute,resource="
                + RESOURCE
                + "\"");
    assertThat(section(m, Section.UPDATE))
        .containsExactly(
            "shop.example.com. 0 ANY A", "shop.example.com. 60 IN CNAME failover.example.org.");
  }

  @Test
  void inASignedZoneTheSignaturesDoNotBlockACname() {
    ZoneContent zone =
        zone(
            "shop.example.com. 60 A 10.0.0.1",
            "shop.example.com. 60 RRSIG A 13 3 60 20270101000000 20261201000000 12345 example.com. AAAA",
            "shop.example.com. 60 NSEC www.example.com. A RRSIG NSEC",
            OUR_MARK);

    Message m =
        ready(
            zone,
            changes(List.of(a("10.0.0.1")), List.of(), List.of(cname("failover.example.org"))));

    assertThat(section(m, Section.UPDATE))
        .containsExactly(
            "shop.example.com. 0 ANY A", "shop.example.com. 60 IN CNAME failover.example.org.");
  }

  @Test
  void deletingTheLastRecordDeletesTheMarkToo() {
    ZoneContent zone = zone("shop.example.com. 60 CNAME failover.example.org.", OUR_MARK);

    Message m = ready(zone, changes(List.of(cname("failover.example.org")), List.of(), List.of()));

    assertThat(section(m, Section.PREREQ))
        .containsExactly(
            "shop.example.com. 0 IN CNAME failover.example.org.",
            "_kuberoute.shop.example.com. 0 IN TXT \"heritage=kuberoute,owner=kuberoute,resource="
                + RESOURCE
                + "\"");
    assertThat(section(m, Section.UPDATE))
        .containsExactly("shop.example.com. 0 ANY CNAME", "_kuberoute.shop.example.com. 0 ANY TXT");
  }

  @Test
  void adoptingAnEqualRecordOnlyAddsTheMark() {
    ZoneContent zone = zone("shop.example.com. 60 A 10.0.0.1");

    Message m =
        ready(
            zone,
            changes(
                List.of(),
                List.of(new RecordUpdate(a("10.0.0.1"), a("10.0.0.1"), RESOURCE)),
                List.of()));

    assertThat(section(m, Section.PREREQ))
        .containsExactly(
            "shop.example.com. 0 IN A 10.0.0.1",
            "shop.example.com. 0 NONE CNAME",
            "_kuberoute.shop.example.com. 0 NONE TXT");
    assertThat(section(m, Section.UPDATE))
        .containsExactly(
            "_kuberoute.shop.example.com. 300 IN TXT \"heritage=kuberoute,owner=kuberoute,resource="
                + RESOURCE
                + "\"");
  }

  @Test
  void aPreviousOwnersMarkIsReplacedByOurs() {
    String old =
        "_kuberoute.shop.example.com. 300 TXT \"heritage=kuberoute,owner=old-cluster,resource="
            + RESOURCE
            + "\"";
    ZoneContent zone = zone("shop.example.com. 60 A 10.0.0.1", old);

    Message m =
        ready(
            zone,
            changes(
                List.of(),
                List.of(new RecordUpdate(a("10.0.0.1"), a("10.0.0.1"), RESOURCE)),
                List.of()));

    assertThat(section(m, Section.PREREQ))
        .contains(
            "_kuberoute.shop.example.com. 0 IN TXT \"heritage=kuberoute,owner=old-cluster,resource="
                + RESOURCE
                + "\"");
    assertThat(section(m, Section.UPDATE))
        .containsExactly(
            "_kuberoute.shop.example.com. 0 ANY TXT",
            "_kuberoute.shop.example.com. 300 IN TXT \"heritage=kuberoute,owner=kuberoute,resource="
                + RESOURCE
                + "\"");
  }

  @Test
  void prerequisitesRepeatTheDataAsReadToTheLetter() {
    ZoneContent zone = zone("shop.example.com. 60 CNAME Failover.Example.ORG.", OUR_MARK);

    Message m =
        ready(
            zone,
            changes(List.of(cname("failover.example.org")), List.of(), List.of(a("10.0.0.1"))));

    assertThat(section(m, Section.PREREQ))
        .contains("shop.example.com. 0 IN CNAME Failover.Example.ORG.");
  }

  @Test
  void aChangeSetOlderThanWhatWasReadStatesWhatThePlannerSaw() {
    // the zone as read holds 10.0.0.9; the change set was planned when it held 10.0.0.1
    ZoneContent zone = zone("shop.example.com. 60 A 10.0.0.9", OUR_MARK);

    Message m =
        ready(
            zone,
            changes(
                List.of(),
                List.of(new RecordUpdate(a("10.0.0.1"), a("10.0.0.2"), RESOURCE)),
                List.of()));

    assertThat(section(m, Section.PREREQ))
        .contains("shop.example.com. 0 IN A 10.0.0.1")
        .doesNotContain("shop.example.com. 0 IN A 10.0.0.9");
  }

  @Test
  void namesThatMustNotBeWrittenAreRefusedWithTheReason() {
    NameChanges create = changes(List.of(), List.of(), List.of(a("10.0.0.1")));
    NameChanges failover = changes(List.of(), List.of(), List.of(cname("failover.example.org")));

    assertThat(refused(zone("_kuberoute.shop.example.com. 60 TXT \"mine\""), create))
        .isEqualTo(
            "_kuberoute.shop.example.com holds a TXT record kuberoute did not write, so shop.example.com cannot be"
                + " marked as ours; not changed");
    assertThat(
            refused(
                zone(
                    "shop.example.com. 60 TXT \"hello\"",
                    "shop.example.com. 60 MX 10 mail.example.com."),
                failover))
        .isEqualTo(
            "shop.example.com holds MX, TXT records, so it cannot hold a CNAME (RFC 1034 §3.6.2); not changed");
    assertThat(refused(zone("shop.example.com. 60 NS ns.elsewhere."), create))
        .isEqualTo(
            "shop.example.com lies below a delegation in zone example.com (an NS record): it belongs to a child zone;"
                + " list that zone in rfc2136.zones");
    String label = "a".repeat(60);
    DnsName longName =
        DnsName.of(String.join(".", label, label, label, "b".repeat(50), "example.com"));
    NameChanges tooLong =
        new NameChanges(
            longName,
            List.of(),
            List.of(),
            List.of(
                new DesiredRecord(
                    RecordSet.of(longName, RecordType.A, 60, List.of("10.0.0.1")), RESOURCE)));
    assertThat(refused(zone(), tooLong))
        .startsWith(longName + " is too long for its ownership mark _kuberoute.");
  }
}
