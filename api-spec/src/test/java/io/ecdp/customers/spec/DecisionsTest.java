package io.ecdp.customers.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The decisions of {@code docs/decisions.md} and the spec that records them stay in step. */
class DecisionsTest {

  private static final Path DECISIONS = Path.of(System.getProperty("ecdp.decisions"));
  private static final Pattern ROW = Pattern.compile("^\\| D(\\d+) \\|", Pattern.MULTILINE);

  private static List<Integer> decisions() throws IOException {
    List<Integer> numbers = new ArrayList<>();
    Matcher row = ROW.matcher(Files.readString(DECISIONS));
    while (row.find()) {
      numbers.add(Integer.parseInt(row.group(1)));
    }
    return numbers;
  }

  @Test
  void decisions_areNumberedFromOne_withoutGaps() throws IOException {
    List<Integer> numbers = decisions();
    assertThat(numbers)
        .containsExactlyElementsOf(IntStream.rangeClosed(1, numbers.size()).boxed().toList());
  }

  @Test
  void spec_namesTheRangeOfDecisions_andRecordsEachOne() throws IOException {
    List<Integer> numbers = decisions();
    int last = numbers.get(numbers.size() - 1);
    String spec = Files.readString(SpecDocument.specUnderTest());
    assertThat(SpecDocument.read(SpecDocument.specUnderTest()).at("#/info/description").asText())
        .contains("numbered D1 to D" + last + ",");
    for (int n : numbers) {
      assertThat(Pattern.compile("\\bD" + n + "\\b").matcher(spec).find())
          .as("the spec records D%d where it applies", n)
          .isTrue();
    }
  }
}
