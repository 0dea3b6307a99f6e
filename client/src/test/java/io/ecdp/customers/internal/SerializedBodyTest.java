package io.ecdp.customers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SerializedBodyTest {

  private static final Jsonb JSONB = JsonbBuilder.create();

  @AfterAll
  static void close() throws Exception {
    JSONB.close();
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

    SerializedBody body = SerializedBody.of(JSONB, value, "application/json");

    assertThat(body.getContentLength()).isEqualTo(expected.length);
    assertThat(body.getContentType()).isEqualTo("application/json");
    assertThat(body.isRepeatable()).isTrue();
    assertThat(body.isChunked()).isFalse();
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    body.writeTo(written);
    assertThat(written.toByteArray()).isEqualTo(expected);
    try (InputStream in = body.getContent()) {
      assertThat(in.readAllBytes()).as("read in blocks").isEqualTo(expected);
    }
    try (InputStream in = body.getContent()) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      for (int b; (b = in.read()) != -1; ) {
        bytes.write(b);
      }
      assertThat(bytes.toByteArray()).as("read byte by byte, a second time").isEqualTo(expected);
    }
    try (InputStream in = body.getContent()) {
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
    SerializedBody body = SerializedBody.of(JSONB, value, "application/json");
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    body.writeTo(written);
    assertThat(written.toByteArray())
        .isEqualTo(JSONB.toJson(value).getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 5000, 300_001})
  void writer_sendsTheChunksAsTheyAre_andTakesOnlyABodysContent(int letters) throws Exception {
    List<String> value = List.of("x".repeat(letters));
    byte[] expected = JSONB.toJson(value).getBytes(StandardCharsets.UTF_8);
    SerializedBody body = SerializedBody.of(JSONB, value, "application/json");
    var writer = SerializedBody.writer();
    try (InputStream content = body.getContent()) {
      assertThat(writer.isWriteable(content.getClass(), content.getClass(), null, null)).isTrue();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      writer.writeTo(
          (SerializedBody.Content) content,
          content.getClass(),
          content.getClass(),
          null,
          null,
          new jakarta.ws.rs.core.MultivaluedHashMap<>(),
          out);
      assertThat(out.toByteArray()).isEqualTo(expected);
    }
    assertThat(writer.isWriteable(InputStream.class, InputStream.class, null, null)).isFalse();
    assertThat(writer.isWriteable(byte[].class, byte[].class, null, null)).isFalse();
  }
}
