package io.kuberoute.core.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The original's dictionary_is_subset tests (18-22) in Java form. */
class SelectorsTest {

  @Test
  void test18_anEmptySelectorIsASubsetOfEmptyLabels() {
    assertThat(Selectors.isSubset(Map.of(), Map.of())).isTrue();
  }

  @Test
  void test19_theSameKeyWithAnotherValueIsNotASubset() {
    assertThat(Selectors.isSubset(Map.of("a", "1"), Map.of("a", "2"))).isFalse();
  }

  @Test
  void test20_equalMapsAreSubsets() {
    assertThat(Selectors.isSubset(Map.of("a", "1"), Map.of("a", "1"))).isTrue();
  }

  @Test
  void test21_extraLabelsAreAllowed() {
    assertThat(Selectors.isSubset(Map.of("a", "1"), Map.of("a", "1", "b", "2"))).isTrue();
  }

  @Test
  void test22_aMissingKeyIsNotASubset() {
    assertThat(Selectors.isSubset(Map.of("a", "1", "b", "2"), Map.of("a", "1"))).isFalse();
  }
}
