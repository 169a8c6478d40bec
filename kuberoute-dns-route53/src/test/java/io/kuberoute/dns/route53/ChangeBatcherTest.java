package io.kuberoute.dns.route53;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kuberoute.core.model.DnsName;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

class ChangeBatcherTest {

  private static Change change(ChangeAction action, String... values) {
    return Change.builder()
        .action(action)
        .resourceRecordSet(
            ResourceRecordSet.builder()
                .name("x.example.com.")
                .type("A")
                .ttl(60L)
                .resourceRecords(
                    List.of(values).stream()
                        .map(v -> ResourceRecord.builder().value(v).build())
                        .toList())
                .build())
        .build();
  }

  private static ChangeBatcher.Group group(int i, Change... changes) {
    return new ChangeBatcher.Group(DnsName.of("n" + i + ".example.com"), List.of(changes));
  }

  private static List<Integer> sizes(ChangeBatcher.Packing p) {
    return p.batches().stream().map(b -> ChangeBatcher.changesOf(b).size()).toList();
  }

  @Test
  void twoThousandFiveHundredSingleValueChangesMakeThreeBatches() {
    List<ChangeBatcher.Group> groups = new ArrayList<>();
    for (int i = 0; i < 1250; i++) {
      groups.add(
          group(
              i, change(ChangeAction.DELETE, "10.0.0.1"), change(ChangeAction.CREATE, "10.0.0.2")));
    }

    ChangeBatcher.Packing p = new ChangeBatcher(1000).pack(groups);

    assertThat(sizes(p)).containsExactly(1000, 1000, 500);
    assertThat(p.tooLarge()).isEmpty();
  }

  @Test
  void theBatchSizeIsHonouredWithoutSplittingAName() {
    List<ChangeBatcher.Group> groups =
        IntStream.range(0, 5)
            .mapToObj(
                i ->
                    group(
                        i,
                        change(ChangeAction.CREATE, "10.0.0.1"),
                        change(ChangeAction.CREATE, "\"mark\"")))
            .toList();

    ChangeBatcher.Packing p = new ChangeBatcher(3).pack(groups);

    assertThat(sizes(p)).containsExactly(2, 2, 2, 2, 2);
    assertThat(p.batches().get(0)).containsExactly(groups.get(0));
  }

  @Test
  void aNameLargerThanTheBatchSizeTravelsAloneButWhole() {
    ChangeBatcher.Group three =
        group(
            1,
            change(ChangeAction.DELETE, "10.0.0.1"),
            change(ChangeAction.CREATE, "10.0.0.2"),
            change(ChangeAction.CREATE, "\"mark\""));
    ChangeBatcher.Group one = group(2, change(ChangeAction.CREATE, "10.0.0.3"));

    ChangeBatcher.Packing p = new ChangeBatcher(2).pack(List.of(one, three, one));

    assertThat(sizes(p)).containsExactly(1, 3, 1);
  }

  @Test
  void theThousandValuesLimitSplitsBatchesAndAnUpsertCountsTwice() {
    String[] fiveHundred =
        IntStream.range(0, 500)
            .mapToObj(i -> "10.0.%d.%d".formatted(i / 256, i % 256))
            .toArray(String[]::new);
    ChangeBatcher.Group create500 = group(1, change(ChangeAction.CREATE, fiveHundred));
    ChangeBatcher.Group upsert500 = group(2, change(ChangeAction.UPSERT, fiveHundred));
    ChangeBatcher.Group small = group(3, change(ChangeAction.CREATE, "10.9.9.9"));

    assertThat(upsert500.values()).isEqualTo(1000);
    ChangeBatcher.Packing p =
        new ChangeBatcher(1000).pack(List.of(create500, small, upsert500, small));

    assertThat(p.batches())
        .containsExactly(List.of(create500, small), List.of(upsert500), List.of(small));
  }

  @Test
  void theCharacterLimitSplitsBatches() {
    String longValue = "\"" + "v".repeat(253) + "\"";
    List<ChangeBatcher.Group> groups =
        IntStream.range(0, 200)
            .mapToObj(i -> group(i, change(ChangeAction.CREATE, longValue)))
            .toList();

    ChangeBatcher.Packing p = new ChangeBatcher(1000).pack(groups);

    // 255 characters each: 125 fit in 32,000 (31,875), the 126th would not
    assertThat(sizes(p)).containsExactly(125, 75);
  }

  @Test
  void aNameBeyondRoute53sLimitsIsSetAsideAndTheOthersStillGo() {
    String[] values =
        IntStream.range(0, 600)
            .mapToObj(i -> "10.1.%d.%d".formatted(i / 256, i % 256))
            .toArray(String[]::new);
    ChangeBatcher.Group huge =
        group(1, change(ChangeAction.DELETE, values), change(ChangeAction.CREATE, values));
    ChangeBatcher.Group small = group(2, change(ChangeAction.CREATE, "10.0.0.1"));

    ChangeBatcher.Packing p = new ChangeBatcher(1000).pack(List.of(small, huge, small));

    assertThat(p.tooLarge()).containsExactly(huge);
    assertThat(p.batches()).containsExactly(List.of(small, small));
  }

  @Test
  void emptyGroupsAndNoGroupsMakeNoBatch() {
    assertThat(new ChangeBatcher(10).pack(List.of()).batches()).isEmpty();
    assertThat(new ChangeBatcher(10).pack(List.of(group(1))).batches()).isEmpty();
  }

  @Test
  void aBatchSizeOutsideOneToAThousandIsRefused() {
    assertThatThrownBy(() -> new ChangeBatcher(0)).hasMessage("batch size must be 1..1000");
    assertThatThrownBy(() -> new ChangeBatcher(1001)).hasMessage("batch size must be 1..1000");
  }
}
