package io.kuberoute.examples.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The embedding guide's second example prints exactly what the guide says it prints. */
class ReuseOneBackendExampleTest {

  @Test
  void itPrintsTheReadsTheChangeSetsAndTheRoute53ChangesExactly() throws Exception {
    String printed = MainOutput.of(ReuseOneBackend::main);

    assertThat(printed).isEqualTo(MainOutput.resource("expected/ReuseOneBackend.txt"));
  }
}
