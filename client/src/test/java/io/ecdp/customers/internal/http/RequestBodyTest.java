package io.ecdp.customers.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.internal.JsonFactories;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestBodyTest {

  private static final Jsonb JSONB = JsonbBuilder.create();

  @AfterAll
  static void close() throws Exception {
    JSONB.close();
  }

  /** The body of a list of strings, written with a JSON-P generator as a generated writer does. */
  static RequestBody body(List<String> value) {
    return RequestBody.of(
        JsonFactories.GENERATORS,
        (List<String> list, jakarta.json.stream.JsonGenerator out) -> {
          out.writeStartArray();
          list.forEach(out::write);
          out.writeEnd();
        },
        value,
        "application/json");
  }

  /** Values whose JSON ends just before, on and after the boundaries of the chunks. */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 1017, 1018, 1019, 3066, 3067, 3068, 200_000, 300_001})
  void body_holdsExactlyTheJson_whateverItsSize(int letters) throws Exception {
    // one-, two-, three- and four-byte characters, across the chunks' boundaries
    List<String> value =
        List.of(
            "ą".repeat(letters / 2) + "x".repeat(letters % 2),
            "€😀a".repeat(letters / 7),
            "x".repeat(letters % 5) + "😀".repeat(letters / 13));
    byte[] expected = JSONB.toJson(value).getBytes(StandardCharsets.UTF_8);

    RequestBody body = body(value);

    assertThat(body.length()).isEqualTo(expected.length);
    assertThat(body.contentType()).isEqualTo("application/json");
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    body.writeTo(written);
    assertThat(written.toByteArray()).isEqualTo(expected);
    try (InputStream in = body.content()) {
      assertThat(in.readAllBytes()).as("read in blocks").isEqualTo(expected);
    }
    try (InputStream in = body.content()) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      for (int b; (b = in.read()) != -1; ) {
        bytes.write(b);
      }
      assertThat(bytes.toByteArray()).as("read byte by byte, a second time").isEqualTo(expected);
    }
    try (InputStream in = body.content()) {
      ByteArrayOutputStream rest = new ByteArrayOutputStream();
      int first = in.read();
      long moved = in.transferTo(rest);
      assertThat(moved).isEqualTo(Math.max(0, expected.length - 1));
      if (expected.length > 0) {
        assertThat(first).isEqualTo(expected[0] & 0xff);
      }
    }
  }

  @org.junit.jupiter.api.Test
  void surrogatesWithoutTheirPair_becomeQuestionMarks_asTheJdkEncodesThem() throws Exception {
    List<String> value = List.of("a\uD83Db", "\uDE00c", "d\uD83D");
    RequestBody body = body(value);
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    body.writeTo(written);
    assertThat(written.toByteArray())
        .isEqualTo(JSONB.toJson(value).getBytes(StandardCharsets.UTF_8));
  }
}
