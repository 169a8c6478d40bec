package io.kuberoute.core.port;

import static org.assertj.core.api.Assertions.assertThat;

import io.kuberoute.core.model.CurrentRecord;
import io.kuberoute.core.model.DnsName;
import io.kuberoute.core.model.Ownership;
import io.kuberoute.core.model.RecordSet;
import io.kuberoute.core.model.RecordType;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeldRecordsTest {

  private final HeldRecords held = new HeldRecords();

  private static CurrentRecord record(String name, RecordType type) {
    String value = type == RecordType.TXT ? "\"v\"" : "10.0.0.1";
    return new CurrentRecord(
        RecordSet.of(DnsName.of(name), type, 60, List.of(value)), Ownership.unowned());
  }

  private List<String> namesWithin(String subtree) {
    return held.within(DnsName.of(subtree)).stream()
        .map(r -> r.record().name() + " " + r.record().type())
        .toList();
  }

  @Test
  void aSubtreeHoldsItsNameAndTheNamesBelowNotItsSiblingsWithTheSamePrefixNorItsParent() {
    for (String name :
        List.of(
            "example.com",
            "shop.example.com",
            "a.shop.example.com",
            "b.a.shop.example.com",
            "shop-2.example.com",
            "xshop.example.com",
            "shop.example.com.evil.test",
            "shop.other.test")) {
      held.put(record(name, RecordType.A));
    }
    held.put(record("shop.example.com", RecordType.TXT));

    assertThat(namesWithin("shop.example.com"))
        .containsExactly(
            "shop.example.com A",
            "shop.example.com TXT",
            "a.shop.example.com A",
            "b.a.shop.example.com A");
    assertThat(namesWithin("a.shop.example.com"))
        .containsExactly("a.shop.example.com A", "b.a.shop.example.com A");
    assertThat(namesWithin("nothing.example.com")).isEmpty();
    assertThat(namesWithin("com")).hasSize(7);
  }

  @Test
  void theLastRecordOfANameTakesTheNameWithItAnotherTypeKeepsIt() {
    held.put(record("shop.example.com", RecordType.A));
    held.put(record("shop.example.com", RecordType.TXT));

    held.remove(record("shop.example.com", RecordType.A).key());
    assertThat(namesWithin("shop.example.com")).containsExactly("shop.example.com TXT");
    held.remove(record("shop.example.com", RecordType.TXT).key());
    assertThat(namesWithin("shop.example.com")).isEmpty();
    assertThat(held.all()).isEmpty();
    // removing what is not held changes nothing
    held.remove(record("shop.example.com", RecordType.A).key());
    assertThat(held.all()).isEmpty();
  }

  @Test
  void removalWithinSubtreesOrWhatAScopeWantsLeavesEverythingElse() {
    held.put(record("shop.example.com", RecordType.A));
    held.put(record("a.shop.example.com", RecordType.A));
    held.put(record("shop-2.example.com", RecordType.A));
    held.put(record("blog.example.com", RecordType.TXT));

    held.removeWithin(List.of(DnsName.of("shop.example.com")));
    assertThat(held.all())
        .extracting(r -> r.record().name().value())
        .containsExactly("blog.example.com", "shop-2.example.com");

    held.removeWanted(ReadScope.domains(List.of(DnsName.of("blog.example.com"))));
    assertThat(held.all())
        .extracting(r -> r.record().name().value())
        .containsExactly("shop-2.example.com");
    assertThat(namesWithin("blog.example.com")).isEmpty();
  }

  @Test
  void aNameReversedIsItsLabelsInReverseOrder() {
    assertThat(HeldRecords.reversed(DnsName.of("b.a.shop.example.com")))
        .isEqualTo("com.example.shop.a.b");
    assertThat(HeldRecords.reversed(DnsName.of("com"))).isEqualTo("com");
  }
}
