package io.kuberoute.examples.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The embedding guide's first example prints exactly what the guide says it prints. */
class EmbedTheCoreExampleTest {

  @Test
  void itPrintsTheCreateTheFailoverAndTheDeleteOfEachSyncExactly() throws Exception {
    String printed = MainOutput.of(EmbedTheCore::main);

    assertThat(printed).isEqualTo(MainOutput.resource("expected/EmbedTheCore.txt"));
  }
}
