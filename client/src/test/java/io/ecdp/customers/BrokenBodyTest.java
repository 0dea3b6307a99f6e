package io.ecdp.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.ecdp.customers.errors.BrokenResponseException;
import io.ecdp.customers.errors.ServerException;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Answers no HTTP library would write, over a real socket: a chunked body that breaks at once
 * ({@code zz} is no chunk size), a malformed {@code Content-Type}. What arrived keeps its meaning,
 * and every failure is the client's typed one, never the transport's own exception.
 */
class BrokenBodyTest {

  private static final String BROKEN_CHUNKS =
      "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n";

  private RawServer server;
  private CustomersClient client;

  @BeforeEach
  void start() throws Exception {
    server = new RawServer();
    client = server.client().retryPolicy(RetryPolicy.none()).build();
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    server.close();
  }

  @Test
  void upsert_201WithABrokenBody_isStillASuccess() {
    server.answer("HTTP/1.1 201 Created\r\n" + BROKEN_CHUNKS);
    UpsertResult result =
        client
            .customers()
            .upsert(
                UpsertMode.ADD,
                MatchBy.EMAIL,
                List.of(CustomerRecord.builder().email(TestData.EMAIL).build()));
    assertThat(result.metadata().status()).isEqualTo(201);
    assertThat(server.received()).as("sent once").isEqualTo(1);
  }

  @Test
  void delete_200WithABrokenBody_isStillDeleted() {
    server.answer("HTTP/1.1 200 OK\r\n" + BROKEN_CHUNKS);
    assertThat(client.customers().delete(CustomerKey.id(12)).deleted()).isTrue();
  }

  @Test
  void get_200WithABrokenBody_isABrokenResponseException() {
    server.answer("HTTP/1.1 200 OK\r\n" + BROKEN_CHUNKS);
    Throwable thrown = catchThrowable(() -> client.customers().get(CustomerKey.id(12)));
    assertThat(thrown)
        .isExactlyInstanceOf(BrokenResponseException.class)
        .hasMessageContaining("GET /customers/id/{id}");
  }

  @Test
  void get_503WithABrokenBody_staysA503_andIsRetried() {
    server.answer("HTTP/1.1 503 Service Unavailable\r\n" + BROKEN_CHUNKS);
    RetryPolicy three =
        RetryPolicy.builder()
            .maxAttempts(3)
            .initialBackoff(Duration.ofMillis(1))
            .maxBackoff(Duration.ofMillis(2))
            .build();
    Throwable thrown =
        catchThrowable(
            () ->
                client
                    .customers()
                    .get(CustomerKey.id(12), CallOptions.builder().retryPolicy(three).build()));
    assertThat(thrown).isExactlyInstanceOf(ServerException.class);
    assertThat(((ServerException) thrown).status()).isEqualTo(503);
    assertThat(((ServerException) thrown).problem()).isEmpty();
    assertThat(server.received()).as("attempts").isEqualTo(3);
  }

  @Test
  void aMalformedContentType_isABrokenResponse_notTheTransportsOwnException() {
    String body = TestData.CUSTOMER_JSON;
    server.answer(
        "HTTP/1.1 200 OK\r\nContent-Type: ;;;=\"\r\nContent-Length: "
            + body.length()
            + "\r\n\r\n"
            + body);
    Throwable thrown = catchThrowable(() -> client.customers().get(CustomerKey.id(12)));
    assertThat(thrown)
        .isExactlyInstanceOf(BrokenResponseException.class)
        .hasMessageContaining("200 with a body that could not be read: ")
        .hasMessageNotContaining("could not be read: the body could not be read");
  }
}
