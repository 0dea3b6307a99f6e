package io.ecdp.customers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.model.CustomerRecord;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Input is read in one pass: each character of a CSV record and each NDJSON line once. */
class LinearInputTest {

  private static CsvSource csv(String text) throws Exception {
    return new CsvSource("t.csv", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aOneMebibyteQuotedField_isExaminedOnce_notOncePerLine() throws Exception {
    int lines = 1024;
    int width = 1000; // 1024 lines of 1000 characters: just under the 1 MiB record limit
    String field = String.join("\n", java.util.Collections.nCopies(lines, "x".repeat(width)));
    String record = "a@poczta.pl,\"" + field + "\"";
    CsvSource source = csv("email,firstName\n" + record + "\n");
    long afterHeader = source.charsExamined();
    assertThat(afterHeader).isEqualTo("email,firstName".length());
    Row row = source.next();
    assertThat(row.refused()).as(String.valueOf(row.reason())).isFalse();
    assertThat(row.record().firstName()).isEqualTo(field);
    assertThat(source.charsExamined() - afterHeader)
        .as("each character examined once (a re-parse per line would examine ~500 million)")
        .isEqualTo(record.length() - (lines - 1));
  }

  @Property(tries = 40)
  void charactersExamined_equalTheRecordsCharacters(
      @ForAll @IntRange(min = 1, max = 200) int lines,
      @ForAll @IntRange(min = 0, max = 300) int width)
      throws Exception {
    StringBuilder record = new StringBuilder("b@poczta.pl,\"");
    for (int i = 0; i < lines; i++) {
      record.append("y".repeat(width));
      record.append(i == lines - 1 ? "\"" : "\n");
    }
    CsvSource source = csv("email,lastName\n" + record + "\n");
    long before = source.charsExamined();
    Row row = source.next();
    assertThat(row.refused()).isFalse();
    int withoutBreaks = record.length() - (lines - 1);
    assertThat(source.charsExamined() - before).isEqualTo(withoutBreaks);
  }

  @Test
  @SuppressWarnings("try") // Jsonb.close() is declared to throw Exception; Yasson's does not block
  void eachNdjsonLine_isParsedOnce() throws Exception {
    String text =
        """
        {"email":"a@poczta.pl","firstName":"A"}

        {"email":"b@poczta.pl","gender":"Female"}
        {"email":"bad"}
        {"nickname":"x"}
        """;
    try (Jsonb jsonb = JsonbBuilder.create();
        NdjsonSource source =
            new NdjsonSource(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), jsonb)) {
      int rows = 0;
      int ok = 0;
      Row row;
      while ((row = source.next()) != null) {
        rows++;
        ok += row.refused() ? 0 : 1;
      }
      assertThat(rows).isEqualTo(4);
      assertThat(ok).isEqualTo(2);
      assertThat(source.parses()).isEqualTo(4);
    }
  }

  @Test
  void theFieldList_comesFromTheModel() {
    Set<String> setters = new TreeSet<>();
    for (Method m : CustomerRecord.Builder.class.getMethods()) {
      if (!Modifier.isStatic(m.getModifiers())
          && m.getReturnType() == CustomerRecord.Builder.class
          && m.getParameterCount() == 1) {
        setters.add(m.getName());
      }
    }
    assertThat(new TreeSet<>(RecordFields.ALL)).isEqualTo(setters);
    assertThat(RecordJson.FIELDS).containsExactlyInAnyOrderElementsOf(setters);
    assertThat(CsvSource.FIELDS)
        .containsExactly(
            "email",
            "phone",
            "crmId",
            "visitorId",
            "firstName",
            "lastName",
            "dateOfBirth",
            "gender");
  }
}
