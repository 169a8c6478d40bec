package io.kuberoute.core.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuotaTest {

  @ParameterizedTest
  @CsvSource({"0,0", "50,50", "080,80", "100,100", "' 7 ',7"})
  void parsesWholeNumbersFromZeroToHundred(String label, int percent) {
    assertThat(Quota.parse(label).percent()).isEqualTo(percent);
  }

  @ParameterizedTest
  @ValueSource(strings = {"80%", "0.8", "", "101", "-1", "+5", "1000", "ten"})
  void rejectsEverythingElse(String label) {
    assertThatThrownBy(() -> Quota.parse(label))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("quota '" + label + "' is not a whole number 0..100");
  }

  @Test
  void isMetWhenTheShareOfServingNodesReachesIt() {
    Quota fifty = new Quota(50);
    assertThat(fifty.isMetBy(2, 4)).isTrue();
    assertThat(fifty.isMetBy(1, 4)).isFalse();
    assertThat(new Quota(66).isMetBy(2, 3)).isTrue();
    assertThat(new Quota(67).isMetBy(2, 3)).isFalse();
    assertThat(new Quota(100).isMetBy(4, 4)).isTrue();
  }

  @Test
  void zeroIsAlwaysMetAndZeroNodesMeetNothingElse() {
    assertThat(Quota.NONE.isMetBy(0, 0)).isTrue();
    assertThat(Quota.NONE.isMetBy(0, 5)).isTrue();
    assertThat(new Quota(1).isMetBy(0, 0)).isFalse();
    assertThat(Quota.current(0, 0)).isZero();
    assertThat(Quota.current(2, 3)).isEqualTo(200.0 / 3);
  }

  @Test
  void theRecordRejectsValuesOutOfRange() {
    assertThatThrownBy(() -> new Quota(101)).hasMessage("quota must be 0..100 but was 101");
  }
}
