package io.kuberoute.dns.skydns;

import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.core.model.DesiredRecord;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import io.kuberoute.core.plan.NameChanges;
import io.kuberoute.core.plan.RecordUpdate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NameWriteTest {

  private static final String OWNER = "kuberoute";
  private static final DnsName SHOP = DnsName.of("shop.example.com");
  private final SkyDnsLayout layout = new SkyDnsLayout("/skydns");
  private final NameWrite writes = new NameWrite(layout, OwnerIds.of(OWNER));

  private static RecordSet a(String... ips) {
    return RecordSet.of(SHOP, RecordType.A, 60, List.of(ips));
  }

  private static RecordSet cname(String target) {
    return RecordSet.of(SHOP, RecordType.CNAME, 60, List.of(target));
  }

  private static NameChanges create(RecordSet... records) {
    return new NameChanges(
        SHOP,
        List.of(),
        List.of(),
        Arrays.stream(records).map(r -> new DesiredRecord(r, "service/default/shop")).toList());
  }

  private static NameChanges update(RecordSet before, RecordSet after) {
    return new NameChanges(
        SHOP,
        List.of(),
        List.of(new RecordUpdate(before, after, "service/default/shop")),
        List.of());
  }

  private String key(String target) {
    return layout.key(SHOP, target);
  }

  private static EtcdEntry entry(String key, String json, long revision) {
    return new EtcdEntry(key, json.getBytes(StandardCharsets.UTF_8), revision);
  }

  private EtcdEntry ours(RecordSet r, String target, long revision) {
    return new EtcdEntry(
        key(target), SkyDnsValue.encode(r, target, OWNER, "service/default/shop"), revision);
  }

  private static String text(byte[] value) {
    return new String(value, StandardCharsets.UTF_8);
  }

  /** The puts as key → (value, expected revision or -1). */
  private static Map<String, String> puts(NameWrite.Result r) {
    Map<String, String> out = new HashMap<>();
    for (NameWrite.Put p : r.puts()) {
      out.put(p.key(), text(p.value()) + " @" + p.expected().map(String::valueOf).orElse("absent"));
    }
    return out;
  }

  private static List<String> keys(List<EtcdEntry> entries) {
    return entries.stream().map(EtcdEntry::key).toList();
  }

  @Test
  void aCreateOnAnEmptyNamePutsOneNewKeyPerTarget() {
    NameWrite.Result r = writes.plan(create(a("10.0.0.2", "10.0.0.1")), List.of());

    assertThat(r.refusal()).isEmpty();
    assertThat(r.deletes()).isEmpty();
    assertThat(puts(r))
        .containsOnly(
            Map.entry(
                key("10.0.0.1"),
                "{\"host\":\"10.0.0.1\",\"ttl\":60,\"owner\":\"kuberoute\",\"resource\":\"service/default/shop\",\"group\":\"shop.example.com\"} @absent"),
            Map.entry(
                key("10.0.0.2"),
                "{\"host\":\"10.0.0.2\",\"ttl\":60,\"owner\":\"kuberoute\",\"resource\":\"service/default/shop\",\"group\":\"shop.example.com\"} @absent"));
  }

  @Test
  void shrinkingDeletesExactlyTheTargetThatWentAndRewritesNothingElse() {
    RecordSet three = a("10.0.0.1", "10.0.0.2", "10.0.0.3");
    List<EtcdEntry> keys =
        List.of(ours(three, "10.0.0.1", 5), ours(three, "10.0.0.2", 5), ours(three, "10.0.0.3", 5));

    NameWrite.Result r = writes.plan(update(three, a("10.0.0.1", "10.0.0.3")), keys);

    assertThat(keys(r.deletes())).containsExactly(key("10.0.0.2"));
    assertThat(r.puts()).isEmpty();
    assertThat(keys(r.unchanged())).containsExactlyInAnyOrder(key("10.0.0.1"), key("10.0.0.3"));
  }

  @Test
  void aTtlChangeRewritesEveryKeyGuardedByItsRevision() {
    RecordSet before = a("10.0.0.1");
    RecordSet after = RecordSet.of(SHOP, RecordType.A, 120, List.of("10.0.0.1"));

    NameWrite.Result r = writes.plan(update(before, after), List.of(ours(before, "10.0.0.1", 7)));

    assertThat(puts(r))
        .containsOnly(
            Map.entry(
                key("10.0.0.1"),
                "{\"host\":\"10.0.0.1\",\"ttl\":120,\"owner\":\"kuberoute\",\"resource\":\"service/default/shop\",\"group\":\"shop.example.com\"} @7"));
  }

  @Test
  void aTypeChangeDeletesTheOldTypesKeysAndPutsTheNewOne() {
    RecordSet addresses = a("10.0.0.1", "10.0.0.2");
    List<EtcdEntry> keys = List.of(ours(addresses, "10.0.0.1", 3), ours(addresses, "10.0.0.2", 4));
    NameChanges change =
        new NameChanges(
            SHOP,
            List.of(addresses),
            List.of(),
            List.of(new DesiredRecord(cname("failover.example.org"), "service/default/shop")));

    NameWrite.Result r = writes.plan(change, keys);

    assertThat(keys(r.deletes())).containsExactly(key("10.0.0.1"), key("10.0.0.2"));
    assertThat(r.deletes()).extracting(EtcdEntry::modRevision).containsExactly(3L, 4L);
    assertThat(puts(r)).containsOnlyKeys(key("failover.example.org"));
  }

  @Test
  void adoptingTheOriginalKuberoutesKeysReplacesThemByHashedOwnedKeys() {
    RecordSet existing = a("10.0.0.1", "10.0.0.2");
    List<EtcdEntry> keys =
        List.of(
            entry("/skydns/com/example/shop/x1", "{\"host\": \"10.0.0.1\"}", 2),
            entry("/skydns/com/example/shop/x2", "{\"host\": \"10.0.0.2\"}", 2),
            entry("/skydns/com/example/shop/x3", "{\"host\": \"10.0.0.9\"}", 2));

    NameWrite.Result r = writes.plan(update(existing, existing), keys);

    assertThat(keys(r.deletes()))
        .containsExactly(
            "/skydns/com/example/shop/x1",
            "/skydns/com/example/shop/x2",
            "/skydns/com/example/shop/x3");
    assertThat(puts(r)).containsOnlyKeys(key("10.0.0.1"), key("10.0.0.2"));
  }

  @Test
  void adoptingAnUnownedKeyAtOurLeafAddsTheOwnerInPlace() {
    RecordSet existing = a("10.0.0.1");
    NameWrite.Result r =
        writes.plan(
            update(existing, existing),
            List.of(entry(key("10.0.0.1"), "{\"host\":\"10.0.0.1\",\"ttl\":60}", 9)));

    assertThat(r.deletes()).isEmpty();
    assertThat(puts(r))
        .containsOnly(
            Map.entry(
                key("10.0.0.1"),
                "{\"host\":\"10.0.0.1\",\"ttl\":60,\"owner\":\"kuberoute\",\"resource\":\"service/default/shop\",\"group\":\"shop.example.com\"} @9"));
  }

  @Test
  void aKeyOfAnotherOwnerWithATouchedTypeRefusesTheWholeName() {
    RecordSet mine = a("10.0.0.1");
    List<EtcdEntry> keys =
        List.of(
            ours(mine, "10.0.0.1", 1),
            entry(
                "/skydns/com/example/shop/theirs",
                "{\"host\":\"192.0.2.1\",\"owner\":\"cluster-b\"}",
                1));

    NameWrite.Result r = writes.plan(update(mine, a("10.0.0.2")), keys);

    assertThat(r.refusal())
        .contains(
            "key /skydns/com/example/shop/theirs belongs to owner 'cluster-b', not 'kuberoute'; not changed");
    assertThat(r.deletes()).isEmpty();
    assertThat(r.puts()).isEmpty();
  }

  @Test
  void keysOfAPreviousOwnerIdAreRewrittenWithOursAndTheirStaleKeysDeleted() {
    NameWrite takingOver = new NameWrite(layout, new OwnerIds(OWNER, java.util.Set.of("old-id")));
    RecordSet existing = a("10.0.0.1", "10.0.0.2");
    List<EtcdEntry> keys =
        List.of(
            entry(key("10.0.0.1"), "{\"host\":\"10.0.0.1\",\"ttl\":60,\"owner\":\"old-id\"}", 4),
            entry(
                "/skydns/com/example/shop/x2", "{\"host\":\"10.0.0.2\",\"owner\":\"old-id\"}", 5));

    NameWrite.Result r = takingOver.plan(update(existing, existing), keys);

    assertThat(r.refusal()).isEmpty();
    assertThat(keys(r.deletes())).containsExactly("/skydns/com/example/shop/x2");
    assertThat(puts(r))
        .containsOnly(
            Map.entry(
                key("10.0.0.1"),
                "{\"host\":\"10.0.0.1\",\"ttl\":60,\"owner\":\"kuberoute\",\"resource\":\"service/default/shop\",\"group\":\"shop.example.com\"} @4"),
            Map.entry(
                key("10.0.0.2"),
                "{\"host\":\"10.0.0.2\",\"ttl\":60,\"owner\":\"kuberoute\",\"resource\":\"service/default/shop\",\"group\":\"shop.example.com\"} @absent"));
    assertThat(writes.plan(update(existing, existing), keys).refusal())
        .as("without the previous id the keys are another owner's")
        .contains(
            "key " + key("10.0.0.1") + " belongs to owner 'old-id', not 'kuberoute'; not changed");
  }

  @Test
  void anUpdateWritesTheResourceOfTheChangeOverAKeyWrittenWithoutOne() {
    RecordSet before = a("10.0.0.1");
    RecordSet after = a("10.0.0.1", "10.0.0.2");
    EtcdEntry old =
        entry(
            key("10.0.0.1"),
            "{\"host\":\"10.0.0.1\",\"ttl\":60,\"owner\":\"kuberoute\",\"group\":\"shop.example.com\"}",
            3);

    NameWrite.Result r =
        writes.plan(
            new NameChanges(
                SHOP,
                List.of(),
                List.of(new RecordUpdate(before, after, "service/ns/new")),
                List.of()),
            List.of(old));

    assertThat(puts(r))
        .containsOnly(
            Map.entry(
                key("10.0.0.1"),
                "{\"host\":\"10.0.0.1\",\"ttl\":60,\"owner\":\"kuberoute\",\"resource\":\"service/ns/new\",\"group\":\"shop.example.com\"} @3"),
            Map.entry(
                key("10.0.0.2"),
                "{\"host\":\"10.0.0.2\",\"ttl\":60,\"owner\":\"kuberoute\",\"resource\":\"service/ns/new\",\"group\":\"shop.example.com\"} @absent"));
  }

  @Test
  void theTransactionGuardsEveryKeyReadAndEveryNewKeysAbsence() {
    RecordSet three = a("10.0.0.1", "10.0.0.2", "10.0.0.3");
    List<EtcdEntry> keys =
        List.of(ours(three, "10.0.0.1", 5), ours(three, "10.0.0.2", 6), ours(three, "10.0.0.3", 7));

    EtcdGateway.Txn txn =
        writes.plan(update(three, a("10.0.0.1", "10.0.0.2", "10.0.0.4")), keys).txn();

    assertThat(txn.expects())
        .containsExactlyInAnyOrder(
            new EtcdGateway.Expect(key("10.0.0.1"), 5),
            new EtcdGateway.Expect(key("10.0.0.2"), 6),
            new EtcdGateway.Expect(key("10.0.0.3"), 7),
            new EtcdGateway.Expect(key("10.0.0.4"), EtcdGateway.Expect.ABSENT));
    assertThat(txn.deletes()).containsExactly(key("10.0.0.3"));
    assertThat(txn.puts()).extracting(EtcdGateway.Put::key).containsExactly(key("10.0.0.4"));
  }

  @Test
  void aForeignKeyAtAWantedLeafRefusesTheName() {
    NameWrite.Result r =
        writes.plan(
            create(a("10.0.0.1")),
            List.of(entry(key("10.0.0.1"), "{\"host\":\"10.0.0.1\",\"owner\":\"cluster-b\"}", 1)));

    assertThat(r.refusal())
        .contains(
            "key "
                + key("10.0.0.1")
                + " belongs to owner 'cluster-b', not 'kuberoute'; not changed");
  }

  @Test
  void anUnreadableValueAtAWantedLeafRefusesTheName() {
    NameWrite.Result r =
        writes.plan(create(a("10.0.0.1")), List.of(entry(key("10.0.0.1"), "garbage", 1)));

    assertThat(r.refusal())
        .contains(
            "key "
                + key("10.0.0.1")
                + " exists and is not a record kuberoute may change (invalid JSON:"
                + " Unrecognized token 'garbage': was expecting (JSON String, Number, Array, Object or token"
                + " 'null', 'true' or 'false')); not changed");
  }

  @Test
  void keysOfOtherTypesOwnersAndFormatsThatAreNotTouchedStayAsTheyAre() {
    RecordSet mine = a("10.0.0.1");
    List<EtcdEntry> keys =
        List.of(
            ours(mine, "10.0.0.1", 1),
            entry(
                "/skydns/com/example/shop/v6",
                "{\"host\":\"2001:db8::1\",\"owner\":\"cluster-b\"}",
                1),
            entry("/skydns/com/example/shop/txt", "{\"text\":\"hello\"}", 1),
            entry("/skydns/com/example/shop/bad", "{not json", 1));

    NameWrite.Result r = writes.plan(update(mine, a("10.0.0.2")), keys);

    assertThat(r.refusal()).isEmpty();
    assertThat(keys(r.deletes())).containsExactly(key("10.0.0.1"));
    assertThat(puts(r)).containsOnlyKeys(key("10.0.0.2"));
  }

  @Test
  void nothingIsWrittenWhenEveryKeyAlreadyHoldsTheWantedValue() {
    RecordSet mine = a("10.0.0.1", "10.0.0.2");

    NameWrite.Result r =
        writes.plan(
            update(mine, mine), List.of(ours(mine, "10.0.0.1", 1), ours(mine, "10.0.0.2", 2)));

    assertThat(r.isNoOp()).isTrue();
    assertThat(r.unchanged()).hasSize(2);
  }

  @Test
  void twoTargetsWhoseLeavesCollideRefuseTheName() {
    String[] pair = collidingTargets();

    NameWrite.Result r = writes.plan(create(a(pair[0], pair[1])), List.of());

    List<String> sorted = new ArrayList<>(List.of(pair));
    sorted.sort(null);
    assertThat(r.refusal())
        .contains(
            "targets %s and %s share the key %s (a hash collision); not written"
                .formatted(sorted.get(0), sorted.get(1), key(pair[0])));
    assertThat(r.puts()).isEmpty();
  }

  /** Two IPv4 addresses whose 32-bit leaves are equal (found by a birthday search). */
  private static String[] collidingTargets() {
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < (1 << 22); i++) {
      String ip = "10." + ((i >> 16) & 255) + "." + ((i >> 8) & 255) + "." + (i & 255);
      String other = seen.putIfAbsent(SkyDnsLayout.leaf(ip), ip);
      if (other != null) {
        return new String[] {other, ip};
      }
    }
    throw new AssertionError("no collision found");
  }

  @Test
  void aPutOfANewKeyExpectsItToBeAbsent() {
    NameWrite.Result r = writes.plan(create(a("10.0.0.1")), List.of());

    assertThat(r.puts())
        .singleElement()
        .extracting(NameWrite.Put::expected)
        .isEqualTo(Optional.empty());
  }
}
