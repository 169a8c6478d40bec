package io.kuberoute.core.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DecisionTest {

  @ParameterizedTest(name = "Q={0} E={1} F={2} -> {3}")
  @CsvSource({
    "true,true,true,ADDRESSES",
    "true,true,false,ADDRESSES",
    "true,false,true,FAILOVER",
    "false,true,true,FAILOVER",
    "false,false,true,FAILOVER",
    "false,true,false,REMAINING_ADDRESSES",
    "false,false,false,NONE",
    "true,false,false,NONE",
  })
  void everyRowOfTheTable(
      boolean quotaMet, boolean addresses, boolean failover, Decision expected) {
    assertThat(Decision.decide(quotaMet, addresses, failover)).isEqualTo(expected);
  }
}
