package io.kuberoute.dns.skydns;

import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.core.model.CurrentRecord;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.Ownership;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SkyDnsRecordsTest {

  private final SkyDnsLayout layout = new SkyDnsLayout("/skydns");
  private final SkyDnsRecords records = new SkyDnsRecords(layout, OwnerIds.of("kuberoute"));

  private static EtcdEntry entry(String key, String json) {
    return new EtcdEntry(key, json.getBytes(StandardCharsets.UTF_8), 1);
  }

  private static String ours(String host, int ttl) {
    return "{\"host\":\"" + host + "\",\"ttl\":" + ttl + ",\"owner\":\"kuberoute\"}";
  }

  @Test
  void keysOfOneNameAndTypeFormOneRecordSetWithTheSmallestTtl() {
    List<CurrentRecord> read =
        records.read(
            List.of(
                entry("/skydns/com/example/shop/aaaa1", ours("2001:db8::1", 60)),
                entry("/skydns/com/example/shop/k1", ours("10.0.0.2", 60)),
                entry("/skydns/com/example/shop/k2", ours("10.0.0.1", 30)),
                entry("/skydns/com/example/shop/a/k3", ours("10.0.0.3", 60)),
                entry("/skydns/com/example/www/k4", ours("shop.example.com", 60))));

    assertThat(read)
        .containsExactly(
            new CurrentRecord(
                RecordSet.of("a.shop.example.com", RecordType.A, 60, "10.0.0.3"),
                Ownership.ownedBy("kuberoute")),
            new CurrentRecord(
                RecordSet.of("shop.example.com", RecordType.A, 30, "10.0.0.1", "10.0.0.2"),
                Ownership.ownedBy("kuberoute")),
            new CurrentRecord(
                RecordSet.of("shop.example.com", RecordType.AAAA, 60, "2001:db8::1"),
                Ownership.ownedBy("kuberoute")),
            new CurrentRecord(
                RecordSet.of("www.example.com", RecordType.CNAME, 60, "shop.example.com"),
                Ownership.ownedBy("kuberoute")));
  }

  @Test
  void anotherOwnerWinsOverUnownedWhichWinsOverOurs() {
    List<CurrentRecord> read =
        records.read(
            List.of(
                entry("/skydns/com/example/mixed/k1", ours("10.0.0.1", 60)),
                entry("/skydns/com/example/mixed/k2", "{\"host\":\"10.0.0.2\"}"),
                entry("/skydns/com/example/shared/k1", ours("10.0.0.1", 60)),
                entry("/skydns/com/example/shared/k2", "{\"host\":\"10.0.0.2\"}"),
                entry(
                    "/skydns/com/example/shared/k3",
                    "{\"host\":\"10.0.0.3\",\"owner\":\"cluster-b\"}")));

    assertThat(read)
        .extracting(CurrentRecord::ownership)
        .containsExactly(Ownership.unowned(), Ownership.ownedBy("cluster-b"));
  }

  @Test
  void aRecordSetCarriesTheResourceOfItsKeysAndAKeyWithoutOneStillReadsAsOurs() {
    List<CurrentRecord> read =
        records.read(
            List.of(
                entry("/skydns/com/example/old/k1", ours("10.0.0.1", 60)),
                entry("/skydns/com/example/shop/k1", ours("10.0.0.1", 60)),
                entry(
                    "/skydns/com/example/shop/k2",
                    "{\"host\":\"10.0.0.2\",\"owner\":\"kuberoute\",\"resource\":\"service/ns/shop\"}")));

    assertThat(read)
        .extracting(CurrentRecord::ownership)
        .containsExactly(
            Ownership.ownedBy("kuberoute"), Ownership.ownedBy("kuberoute", "service/ns/shop"));
  }

  @Test
  void aPreviousOwnerIdReadsAsItselfAfterForeignAndUnownedButBeforeOurs() {
    SkyDnsRecords takingOver =
        new SkyDnsRecords(layout, new OwnerIds("kuberoute", Set.of("old-id")));
    String old = "{\"host\":\"10.0.0.9\",\"owner\":\"old-id\",\"resource\":\"service/ns/old\"}";

    List<CurrentRecord> read =
        takingOver.read(
            List.of(
                entry("/skydns/com/example/a/k1", ours("10.0.0.1", 60)),
                entry("/skydns/com/example/a/k2", old),
                entry("/skydns/com/example/b/k1", old),
                entry("/skydns/com/example/b/k2", "{\"host\":\"10.0.0.2\"}"),
                entry("/skydns/com/example/c/k1", old),
                entry(
                    "/skydns/com/example/c/k2", "{\"host\":\"10.0.0.3\",\"owner\":\"cluster-b\"}"),
                entry("/skydns/com/example/d/k1", old)));

    assertThat(read)
        .extracting(CurrentRecord::ownership)
        .containsExactly(
            Ownership.ownedBy("old-id", "service/ns/old"),
            Ownership.unowned(),
            Ownership.ownedBy("cluster-b"),
            Ownership.ownedBy("old-id", "service/ns/old"));
    assertThat(records.read(List.of(entry("/skydns/com/example/d/k1", old))))
        .extracting(CurrentRecord::ownership)
        .as("without the previous id it is another owner's")
        .containsExactly(Ownership.ownedBy("old-id", "service/ns/old"));
  }

  @Test
  void severalCnameHostsReadAsTheFirstInKeyOrder() {
    List<CurrentRecord> read =
        records.read(
            List.of(
                entry("/skydns/com/example/www/k1", "{\"host\":\"b.example.org\"}"),
                entry("/skydns/com/example/www/k2", "{\"host\":\"a.example.org\"}")));

    assertThat(read)
        .extracting(CurrentRecord::record)
        .containsExactly(RecordSet.of("www.example.com", RecordType.CNAME, 300, "b.example.org"));
  }

  @Test
  void keysAndValuesOutsideTheLayoutAreSkipped() {
    List<CurrentRecord> read =
        records.read(
            List.of(
                entry("/skydns/com/example/Shop/k1", ours("10.0.0.1", 60)),
                entry("/skydns/com/example/shop/", ours("10.0.0.1", 60)),
                entry("/skydns/com/example/shop/bad", "{not json"),
                entry("/skydns/com/example/shop/txt", "{\"text\":\"hi\"}"),
                entry("/skydns/com/example/shop/nohost", "{\"ttl\":60}"),
                entry("/skydns/com/example/shop/ok", ours("10.0.0.7", 60))));

    assertThat(read)
        .extracting(CurrentRecord::record)
        .containsExactly(RecordSet.of("shop.example.com", RecordType.A, 60, "10.0.0.7"));
  }

  @Test
  void aNamesOwnKeysAreItsDirectChildren() {
    List<EtcdEntry> entries =
        List.of(
            entry("/skydns/com/example/shop/k1", "{}"),
            entry("/skydns/com/example/shop/a/k2", "{}"),
            entry("/skydns/com/example/shop2/k3", "{}"));

    assertThat(SkyDnsRecords.keysOf(layout, DnsName.of("shop.example.com"), entries))
        .extracting(EtcdEntry::key)
        .containsExactly("/skydns/com/example/shop/k1");
  }
}
