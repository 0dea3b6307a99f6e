package io.ecdp.customers.internal.http.jersey;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.internal.JsonFactories;
import io.ecdp.customers.internal.http.RequestBody;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BodyEntityTest {

  private static RequestBody body(String text) {
    return RequestBody.of(
        JsonFactories.GENERATORS,
        (String s, jakarta.json.stream.JsonGenerator out) -> {
          out.writeStartArray();
          out.write(s);
          out.writeEnd();
        },
        text,
        "application/json");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 5000, 300_001})
  void entity_isRepeatableWithItsLength_andTheWriterSendsTheChunksAsTheyAre(int letters)
      throws Exception {
    byte[] expected = ("[\"" + "x".repeat(letters) + "\"]").getBytes(StandardCharsets.UTF_8);
    RequestBody body = body("x".repeat(letters));
    AbstractHttpEntity entity = new BodyEntity(body);
    assertThat(entity.getContentLength()).isEqualTo(expected.length);
    assertThat(entity.getContentType()).isEqualTo("application/json");
    assertThat(entity.isRepeatable()).isTrue();
    assertThat(entity.isChunked()).isFalse();
    var writer = BodyEntity.writer();
    try (InputStream content = entity.getContent()) {
      assertThat(writer.isWriteable(content.getClass(), content.getClass(), null, null)).isTrue();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      writer.writeTo(
          (RequestBody.Content) content,
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
