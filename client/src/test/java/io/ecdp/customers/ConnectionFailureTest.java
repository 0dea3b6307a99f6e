package io.ecdp.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ecdp.customers.errors.ConnectionException;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A refused connection is a typed failure that says the request was not sent. */
class ConnectionFailureTest {

  @Test
  void refusedConnection_isAConnectionException_requestNotSent_andPostIsRetried() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    try (CustomersClient client =
        CustomersClient.builder()
            .apiKey(TestData.API_KEY)
            .baseUri("http://127.0.0.1:" + port)
            .retryPolicy(
                RetryPolicy.builder()
                    .maxAttempts(3)
                    .initialBackoff(Duration.ofMillis(100))
                    .maxBackoff(Duration.ofMillis(100))
                    .build())
            .build()) {
      ConnectionException e =
          catchThrowableOfType(
              ConnectionException.class,
              () ->
                  client
                      .customers()
                      .upsert(
                          UpsertMode.ADD,
                          MatchBy.EMAIL,
                          List.of(CustomerRecord.builder().email(TestData.EMAIL).build())));
      assertThat(e.requestSent()).isFalse();
      assertThat(e.getMessage())
          .as("names where it could not connect, and why")
          .contains("could not connect to 127.0.0.1:" + port + " (connection refused)");
    }
  }
}
