package io.ecdp.customers.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Every limit the sandbox puts on a request, over a real socket: a request that reaches one is
 * answered with a problem document that names the limit and its value, and one just within it is
 * not refused for it. A valid body is never called "not valid JSON"; a body that is not JSON still
 * is.
 *
 * <p>Bodies of the size limit are written to the socket in pieces as they are made, so that the
 * test holds no more than one piece of them.
 */
class SandboxBodyLimitsTest {

  private static final String KEY = CustomersSandbox.DEFAULT_API_KEY;
  private static final int LIMIT = (int) CustomersSandbox.DEFAULT_MAX_BODY_BYTES;
  private static final String PROBLEM_JSON = "application/problem+json";
  private static final String NOT_JSON = "The body is not valid JSON for this operation.";

  private static String head(String framing) {
    return "POST /customers HTTP/1.1\r\nHost: sandbox\r\nx-api-key: "
        + KEY
        + "\r\nContent-Type: application/json\r\n"
        + framing
        + "\r\n";
  }

  private static JsonObject problem(RawHttp.Answer a, int status) {
    assertThat(a).as("an answer").isNotNull();
    assertThat(a.status()).as(a.text()).isEqualTo(status);
    assertThat(a.header("Content-Type")).isEqualTo(PROBLEM_JSON);
    JsonObject problem = Json.createReader(new ByteArrayInputStream(a.body())).readObject();
    assertThat(problem.getInt("status")).isEqualTo(status);
    return problem;
  }

  private static List<String> errors(JsonObject problem) {
    return problem.getJsonArray("errors").getValuesAs(JsonString.class).stream()
        .map(JsonString::getString)
        .toList();
  }

  /** Posts a small body with its Content-Length on a new connection, and reads the answer. */
  private static RawHttp.Answer post(CustomersSandbox sandbox, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    try (RawHttp raw = RawHttp.connect(sandbox.uri())) {
      raw.send(head("Content-Length: " + body.length + "\r\n"));
      raw.send(body);
      return raw.read();
    }
  }

  // ------------------------------------------------------------------ the body's size, in bytes

  @Test
  void post_bodyOverTheSizeLimit_namesTheLimit() throws Exception {
    ValidBody body = new ValidBody(LIMIT + 1L, 64);
    try (CustomersSandbox sandbox = CustomersSandbox.builder().start();
        RawHttp raw = RawHttp.connect(sandbox.uri())) {
      // The answer comes at the head: the body's start goes with it, and the rest is never read.
      raw.send(head("Content-Length: " + body.size() + "\r\n") + ValidBody.START);

      JsonObject problem = problem(raw.read(), 413);
      assertThat(problem.getString("detail"))
          .contains("larger than the sandbox's limit of " + LIMIT + " bytes")
          .contains("Content-Length is " + body.size())
          .doesNotContain("not valid JSON");
      assertThat(raw.closedByServer()).isTrue();
      assertThat(sandbox.store().size()).isZero();
    }
  }

  @Test
  void post_chunkedBodyOverTheSizeLimit_namesTheLimit() throws Exception {
    ValidBody body = new ValidBody(LIMIT + 1L, 64);
    try (CustomersSandbox sandbox = CustomersSandbox.builder().start();
        RawHttp raw = RawHttp.connect(sandbox.uri())) {
      raw.send(head("Transfer-Encoding: chunked\r\n"));
      // The whole valid body, without the last chunk: the sandbox answers once it is past the
      // limit.
      for (int i = 0; i < body.pieces(); i++) {
        raw.send(chunk(body.piece(i)));
      }

      JsonObject problem = problem(raw.read(), 413);
      assertThat(problem.getString("detail"))
          .contains("larger than the sandbox's limit of " + LIMIT + " bytes")
          .doesNotContain("not valid JSON");
      assertThat(raw.closedByServer()).isTrue();
      assertThat(sandbox.store().size()).isZero();
    }
  }

  /** One chunk of a chunked body: its size, its bytes and the line end, in one write. */
  private static byte[] chunk(byte[] data) {
    byte[] size = (Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] chunk = Arrays.copyOf(size, size.length + data.length + 2);
    System.arraycopy(data, 0, chunk, size.length, data.length);
    chunk[chunk.length - 2] = '\r';
    chunk[chunk.length - 1] = '\n';
    return chunk;
  }

  /**
   * The defect this class was written for: Parsson counts the character after each number twice, so
   * a count of the body limit refused, as "not valid JSON", a valid body of the limit's size that
   * held a number (and, with many numbers, bodies well under it).
   */
  @Test
  void post_bodyOfExactlyTheSizeLimit_holdingNumbers_isNotRefusedForSize() throws Exception {
    ValidBody body = new ValidBody(LIMIT, 64);
    try (CustomersSandbox sandbox = CustomersSandbox.builder().start();
        RawHttp raw = RawHttp.connect(sandbox.uri())) {
      raw.send(head("Content-Length: " + body.size() + "\r\n"));
      for (int i = 0; i < body.pieces(); i++) {
        raw.send(body.piece(i));
      }

      RawHttp.Answer answer = raw.read();
      assertThat(answer.status()).as(answer.text()).isEqualTo(201);
      assertThat(sandbox.store().size()).isEqualTo(64);
    }
  }

  @Test
  void post_bodyJustUnderTheSizeLimit_thatIsMostlyNumbers_isAccepted() throws Exception {
    int limit = 1 << 20;
    // Half of it numbers ("1,"), in a member the sandbox skips: Parsson counts 1.5 characters a
    // byte of it, half again more than the body's bytes.
    String start =
        "{\"mode\":\"AddOrUpdate\",\"matchBy\":\"Email\","
            + "\"data\":[{\"email\":\"ewa@poczta.pl\"}],\"scores\":[";
    String end = "1]}";
    int numbers = (limit - 1 - start.length() - end.length()) / 2;
    String json = start + "1,".repeat(numbers) + end;
    assertThat(json.length()).isBetween(limit - 2, limit - 1);
    try (CustomersSandbox sandbox = CustomersSandbox.builder().maxBodyBytes(limit).start()) {
      RawHttp.Answer answer = post(sandbox, json);
      assertThat(answer.status()).as(answer.text()).isEqualTo(201);
      assertThat(sandbox.store().size()).isEqualTo(1);
    }
  }

  // ------------------------------------------------------------------ the JSON's shape

  /** A body whose {@code scores} member nests arrays so that the body is {@code depth} deep. */
  private static String nested(int depth) {
    int arrays = depth - 1; // the body's own object is one level
    return "{\"mode\":\"AddOrUpdate\",\"matchBy\":\"Email\",\"scores\":"
        + "[".repeat(arrays)
        + "]".repeat(arrays)
        + ",\"data\":[{\"email\":\"ewa@poczta.pl\"}]}";
  }

  @Test
  void post_nestingDeeperThanTheLimit_namesTheLimit() throws Exception {
    try (CustomersSandbox sandbox = CustomersSandbox.builder().start()) {
      JsonObject problem = problem(post(sandbox, nested(SandboxJsonP.MAX_DEPTH + 1)), 400);
      assertThat(problem.getString("detail"))
          .contains("nests arrays and objects more than " + SandboxJsonP.MAX_DEPTH + " deep")
          .contains("the sandbox's limit")
          .doesNotContain("not valid JSON");
      assertThat(errors(problem))
          .singleElement()
          .asString()
          .startsWith("body: nests arrays and objects more than 1000 deep");
      assertThat(sandbox.store().size()).isZero();
    }
  }

  @Test
  void post_nestingAtTheLimit_isAccepted() throws Exception {
    try (CustomersSandbox sandbox = CustomersSandbox.builder().start()) {
      RawHttp.Answer answer = post(sandbox, nested(SandboxJsonP.MAX_DEPTH));
      assertThat(answer.status()).as(answer.text()).isEqualTo(201);
    }
  }

  @Test
  void post_recordNestedDeeperThanTheLimit_namesTheLimit_andTheRecord() throws Exception {
    // The body, data and the record are three levels: one more than the limit in all.
    int arrays = SandboxJsonP.MAX_DEPTH - 2;
    String json =
        "{\"mode\":\"AddOrUpdate\",\"matchBy\":\"Email\",\"data\":[{\"email\":\"ewa@poczta.pl\"},"
            + "{\"email\":\"jan@poczta.pl\",\"scores\":"
            + "[".repeat(arrays)
            + "]".repeat(arrays)
            + "}]}";
    try (CustomersSandbox sandbox = CustomersSandbox.builder().start()) {
      JsonObject problem = problem(post(sandbox, json), 400);
      assertThat(problem.getString("detail"))
          .contains("more than 1000 deep")
          .contains("(in data[1])")
          .doesNotContain("not valid JSON");
      assertThat(sandbox.store().size()).isZero();
    }
  }

  /** A batch whose one record has a number of {@code chars} characters in a member it ignores. */
  private static String withNumber(int chars) {
    return "{\"mode\":\"AddOrUpdate\",\"matchBy\":\"Email\",\"data\":[{\"email\":\"ewa@poczta.pl\","
        + "\"score\":"
        + "9".repeat(chars)
        + "}]}";
  }

  @Test
  void post_numberLongerThanTheLimit_namesTheLimit() throws Exception {
    try (CustomersSandbox sandbox = CustomersSandbox.builder().start()) {
      JsonObject problem =
          problem(post(sandbox, withNumber(SandboxJsonP.MAX_NUMBER_CHARS + 1)), 400);
      assertThat(problem.getString("detail"))
          .contains("a number written with more than " + SandboxJsonP.MAX_NUMBER_CHARS)
          .contains("the sandbox's limit")
          .contains("(in data[0])")
          .doesNotContain("not valid JSON");
      assertThat(errors(problem))
          .containsExactly(
              "body: holds a number written with more than 1100 characters, the sandbox's limit");
      assertThat(sandbox.store().size()).isZero();
    }
  }

  @Test
  void post_numberAtTheLimit_isAccepted() throws Exception {
    try (CustomersSandbox sandbox = CustomersSandbox.builder().start()) {
      RawHttp.Answer answer = post(sandbox, withNumber(SandboxJsonP.MAX_NUMBER_CHARS));
      assertThat(answer.status()).as(answer.text()).isEqualTo(201);
      assertThat(sandbox.store().size()).isEqualTo(1);
    }
  }

  // ------------------------------------------------------------------ not JSON is still not JSON

  @Test
  void post_truncatedOrInvalidBody_isStillNotValidJson() throws Exception {
    String valid = withNumber(10);
    String large = nested(SandboxJsonP.MAX_DEPTH);
    List<String> broken =
        List.of(
            valid.substring(0, valid.length() - 3), // cut short
            large.substring(0, large.length() / 2), // cut in the middle of its arrays
            valid.replace("\"email\"", "email"), // a name without quotes
            valid + "}", // text after it
            "{\"mode\":\"AddOrUpdate\",\"data\":[01]}"); // a number JSON does not allow
    try (CustomersSandbox sandbox = CustomersSandbox.builder().start()) {
      for (String json : broken) {
        JsonObject problem = problem(post(sandbox, json), 400);
        assertThat(problem.getString("detail")).as(json).isEqualTo(NOT_JSON);
        assertThat(errors(problem)).containsExactly("body: is not valid JSON for this operation");
      }
      assertThat(sandbox.store().size()).isZero();
    }
  }

  // ------------------------------------------------------------------ the request's head

  private static String getWithHeaderFields(int fields) {
    StringBuilder request =
        new StringBuilder("GET /customers/email/ewa@poczta.pl HTTP/1.1\r\nHost: sandbox\r\n");
    request.append("x-api-key: ").append(KEY).append("\r\n");
    for (int i = 2; i < fields; i++) {
      request.append("x-filler-").append(i).append(": v\r\n");
    }
    return request.append("\r\n").toString();
  }

  @Test
  void request_withMoreHeaderFieldsThanTheLimit_namesTheLimit() throws Exception {
    try (CustomersSandbox sandbox = CustomersSandbox.builder().start();
        RawHttp raw = RawHttp.connect(sandbox.uri())) {
      raw.send(getWithHeaderFields(101));
      JsonObject problem = problem(raw.read(), 400);
      assertThat(problem.getString("detail"))
          .contains("more than 100 header fields")
          .doesNotContain("malformed");
      assertThat(raw.closedByServer()).isTrue();
    }
  }

  @Test
  void request_withAsManyHeaderFieldsAsTheLimit_isServed() throws Exception {
    try (CustomersSandbox sandbox = CustomersSandbox.builder().start();
        RawHttp raw = RawHttp.connect(sandbox.uri())) {
      raw.send(getWithHeaderFields(100));
      assertThat(raw.read().status()).as("no such customer").isEqualTo(404);
    }
  }

  @Test
  void request_withHeadersLongerThanTheLimit_namesTheLimit() throws Exception {
    try (CustomersSandbox sandbox = CustomersSandbox.builder().start();
        RawHttp raw = RawHttp.connect(sandbox.uri())) {
      raw.send(
          "GET /customers/email/ewa@poczta.pl HTTP/1.1\r\nHost: sandbox\r\nx-api-key: "
              + KEY
              + "\r\nx-filler: "
              + "v".repeat(8 * 1024)
              + "\r\n\r\n");
      JsonObject problem = problem(raw.read(), 400);
      assertThat(problem.getString("detail")).contains("(8192 bytes)");
    }
  }

  /**
   * A valid batch of exactly {@code size} bytes (ASCII), made a record at a time: {@code records}
   * customers, each with two consents (two numbers) and a long custom attribute value (the spec
   * sets no length on one), written as the client writes them.
   */
  private static final class ValidBody {
    private static final String START =
        "{\"mode\":\"AddOrUpdate\",\"matchBy\":\"Email\",\"data\":[";
    private static final String END = "]}";
    private static final String AFTER = "\"}]}";

    private final long size;
    private final int[] valueLengths;

    ValidBody(long size, int records) {
      this.size = size;
      long frame = (long) START.length() + END.length();
      for (int i = 0; i < records; i++) {
        frame += before(i).length() + AFTER.length();
      }
      this.valueLengths = new int[records];
      Arrays.fill(valueLengths, (int) ((size - frame) / records));
      valueLengths[records - 1] += (int) ((size - frame) % records);
    }

    private static String before(int i) {
      return (i > 0 ? "," : "")
          + String.format(
              Locale.ROOT,
              "{\"email\":\"customer.%03d@example.com\",\"consentsData\":{\"consents\":"
                  + "[{\"id\":%d,\"value\":\"True\"},{\"id\":%d,\"value\":\"False\"}]},"
                  + "\"customAttributes\":[{\"name\":\"notes\",\"value\":\"",
              i,
              2 * i + 1,
              2 * i + 2);
    }

    long size() {
      return size;
    }

    int pieces() {
      return valueLengths.length;
    }

    /** The body's {@code i}-th piece: its {@code i}-th record, with what comes before or after. */
    byte[] piece(int i) {
      List<byte[]> parts = new ArrayList<>();
      if (i == 0) {
        parts.add(START.getBytes(StandardCharsets.US_ASCII));
      }
      parts.add(before(i).getBytes(StandardCharsets.US_ASCII));
      byte[] value = new byte[valueLengths[i]];
      Arrays.fill(value, (byte) 'a');
      parts.add(value);
      parts.add(AFTER.getBytes(StandardCharsets.US_ASCII));
      if (i == valueLengths.length - 1) {
        parts.add(END.getBytes(StandardCharsets.US_ASCII));
      }
      int length = parts.stream().mapToInt(p -> p.length).sum();
      byte[] piece = new byte[length];
      int at = 0;
      for (byte[] p : parts) {
        System.arraycopy(p, 0, piece, at, p.length);
        at += p.length;
      }
      return piece;
    }
  }
}
