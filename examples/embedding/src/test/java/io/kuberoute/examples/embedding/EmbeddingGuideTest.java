package io.kuberoute.examples.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * docs/embedding.md shows the examples as they are: a code block after {@code <!-- excerpt: FILE
 * -->} is cut from that file of this module (its lines in order and together, ignoring indentation;
 * a {@code // ...} line skips ahead), and a block after {@code <!-- output: FILE -->} is exactly
 * that expected-output file, which the example tests compare with what the programs print.
 */
class EmbeddingGuideTest {

  private static final Path MODULE = Path.of("").toAbsolutePath();
  private static final Path GUIDE = MODULE.resolve("../../docs/embedding.md").normalize();
  private static final Pattern TAGGED_BLOCK =
      Pattern.compile(
          "<!-- (excerpt|output): (\\S+) -->\\n```[a-z]*\\n(.*?)```\\n", Pattern.DOTALL);

  private record Block(String kind, String file, String text) {}

  private static List<Block> blocks() throws IOException {
    String guide = Files.readString(GUIDE).replace("\r\n", "\n");
    List<Block> blocks = new ArrayList<>();
    Matcher m = TAGGED_BLOCK.matcher(guide);
    while (m.find()) {
      blocks.add(new Block(m.group(1), m.group(2), m.group(3)));
    }
    return blocks;
  }

  @Test
  void theGuideShowsBothProgramsAndBothOutputs() throws IOException {
    assertThat(blocks())
        .extracting(b -> b.kind() + " " + b.file())
        .contains(
            "excerpt src/main/java/io/kuberoute/examples/embedding/EmbedTheCore.java",
            "excerpt src/main/java/io/kuberoute/examples/embedding/ReuseOneBackend.java",
            "excerpt src/test/java/io/kuberoute/examples/embedding/SyncLoopEmbeddingTest.java",
            "output expected/EmbedTheCore.txt",
            "output expected/ReuseOneBackend.txt");
  }

  @TestFactory
  Stream<DynamicTest> everyTaggedBlockIsWhatTheExampleHolds() throws IOException {
    return blocks().stream()
        .map(b -> DynamicTest.dynamicTest(b.kind() + " " + b.file(), () -> check(b)));
  }

  private static void check(Block block) throws IOException {
    if (block.kind().equals("output")) {
      assertThat(block.text()).isEqualTo(MainOutput.resource(block.file()));
      return;
    }
    List<String> source =
        Files.readAllLines(MODULE.resolve(block.file())).stream().map(String::strip).toList();
    int from = 0;
    for (List<String> chunk : chunks(block.text())) {
      int at = indexOf(source, chunk, from);
      assertThat(at)
          .as(
              "%s does not hold, after line %d, these lines of the guide:%n%s",
              block.file(), from, String.join("\n", chunk))
          .isNotNegative();
      from = at + chunk.size();
    }
  }

  /** The block's lines, stripped, split at {@code // ...} lines. */
  private static List<List<String>> chunks(String text) {
    List<List<String>> chunks = new ArrayList<>();
    List<String> current = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      String stripped = line.strip();
      if (stripped.equals("// ...")) {
        chunks.add(current);
        current = new ArrayList<>();
      } else if (!stripped.isEmpty() || !current.isEmpty()) {
        current.add(stripped);
      }
    }
    chunks.add(current);
    chunks.replaceAll(EmbeddingGuideTest::trimTrailingBlanks);
    chunks.removeIf(List::isEmpty);
    return chunks;
  }

  private static List<String> trimTrailingBlanks(List<String> lines) {
    int end = lines.size();
    while (end > 0 && lines.get(end - 1).isEmpty()) {
      end--;
    }
    return lines.subList(0, end);
  }

  private static int indexOf(List<String> source, List<String> chunk, int from) {
    for (int i = from; i + chunk.size() <= source.size(); i++) {
      if (source.subList(i, i + chunk.size()).equals(chunk)) {
        return i;
      }
    }
    return -1;
  }
}
