package io.ecdp.customers.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecdp.customers.CustomerKey;
import io.ecdp.customers.model.CustomAttribute;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Valid bodies of more than 15,000,000 characters, Parsson's default limit, are read as JSON up to
 * the sandbox's body limit (beyond it they are answered 413 before any JSON is read).
 */
class SandboxStateLargeBodyTest {

  private static final int RECORDS = 150_000;

  @Test
  void aBatchBodyBeyondParssonsDefaultLimit_isAccepted() throws Exception {
    StringBuilder body = new StringBuilder(24 << 20);
    body.append("{\"mode\":\"AddOrUpdate\",\"matchBy\":\"Email\",\"data\":[");
    for (int i = 0; i < RECORDS; i++) {
      if (i > 0) {
        body.append(',');
      }
      body.append("{\"email\":\"customer.")
          .append(i)
          .append("@example.com\",\"firstName\":\"Adam\",\"lastName\":\"Zielinski\",")
          .append("\"customAttributes\":[{\"name\":\"tier\",\"value\":\"gold\"}]}");
    }
    body.append("]}");
    assertThat(body.length()).isGreaterThan(16_000_000);
    try (CustomersSandbox sandbox = CustomersSandbox.builder().start()) {
      HttpResponse<String> r = post(sandbox, body.toString().getBytes(StandardCharsets.UTF_8));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
      assertThat(sandbox.store().size()).isEqualTo(RECORDS);
    }
  }

  @Test
  void aValidBodyOneByteUnderTheBodyLimit_isAccepted_notCalledInvalidJson() throws Exception {
    int bytes = (int) CustomersSandbox.DEFAULT_MAX_BODY_BYTES - 1;
    byte[] body = bodyOfExactly(bytes, 32);
    try (CustomersSandbox sandbox = CustomersSandbox.builder().start()) {
      HttpResponse<String> r = post(sandbox, body);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
      assertThat(sandbox.store().size()).isEqualTo(32);
      assertThat(noteLength(sandbox, 31))
          .as("the last, longest value, stored whole")
          .isEqualTo(lastValue(bytes, 32));
    }
  }

  @Test
  void aSandboxWithALargerBodyLimit_readsAValidBodyBeyondTheDefaultLimit() throws Exception {
    int bytes = (int) CustomersSandbox.DEFAULT_MAX_BODY_BYTES + (8 << 20);
    byte[] body = bodyOfExactly(bytes, 8);
    try (CustomersSandbox sandbox =
        CustomersSandbox.builder()
            .maxBodyBytes(CustomersSandbox.DEFAULT_MAX_BODY_BYTES * 2)
            .start()) {
      HttpResponse<String> r = post(sandbox, body);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
      assertThat(sandbox.store().size()).isEqualTo(8);
    }
  }

  private static final String HEAD = "{\"mode\":\"AddOrUpdate\",\"matchBy\":\"Email\",\"data\":[";
  private static final String TAIL = "]}";

  private static String recordBefore(int i) {
    return (i > 0 ? "," : "")
        + "{\"email\":\"customer."
        + i
        + "@example.com\",\"customAttributes\":[{\"name\":\"notes\",\"value\":\"";
  }

  private static final String RECORD_AFTER = "\"}]}";

  /** The characters of the records' values: all but the last {@code bytes / records}. */
  private static int[] valueLengths(int bytes, int records) {
    int frame = HEAD.length() + TAIL.length();
    for (int i = 0; i < records; i++) {
      frame += recordBefore(i).length() + RECORD_AFTER.length();
    }
    int[] lengths = new int[records];
    Arrays.fill(lengths, (bytes - frame) / records);
    lengths[records - 1] += (bytes - frame) % records;
    return lengths;
  }

  private static int lastValue(int bytes, int records) {
    return valueLengths(bytes, records)[records - 1];
  }

  /**
   * A valid batch of exactly {@code bytes} bytes (ASCII): {@code records} customers, each with a
   * long custom attribute value (the spec sets no length on one), the last the longest.
   */
  private static byte[] bodyOfExactly(int bytes, int records) {
    int[] lengths = valueLengths(bytes, records);
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes);
    out.writeBytes(HEAD.getBytes(StandardCharsets.US_ASCII));
    for (int i = 0; i < records; i++) {
      out.writeBytes(recordBefore(i).getBytes(StandardCharsets.US_ASCII));
      byte[] value = new byte[lengths[i]];
      Arrays.fill(value, (byte) 'a');
      out.writeBytes(value);
      out.writeBytes(RECORD_AFTER.getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes(TAIL.getBytes(StandardCharsets.US_ASCII));
    byte[] body = out.toByteArray();
    assertThat(body).hasSize(bytes);
    return body;
  }

  private static int noteLength(CustomersSandbox sandbox, int i) {
    return sandbox
        .store()
        .find(CustomerKey.email("customer." + i + "@example.com"))
        .orElseThrow()
        .customAttributes()
        .stream()
        .map(CustomAttribute::value)
        .findFirst()
        .orElseThrow()
        .length();
  }

  private static HttpResponse<String> post(CustomersSandbox sandbox, byte[] body) throws Exception {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .build()
        .send(
            HttpRequest.newBuilder(URI.create(sandbox.uri() + "/customers"))
                .header("x-api-key", sandbox.apiKey())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
