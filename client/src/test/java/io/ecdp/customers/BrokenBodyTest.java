package io.ecdp.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.ecdp.customers.errors.BrokenResponseException;
import io.ecdp.customers.model.CustomerRecord;
import io.ecdp.customers.model.MatchBy;
import io.ecdp.customers.model.UpsertMode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A status line followed by a chunked body that breaks at once ({@code zz} is no chunk size), over
 * a real socket: the body of an answer that has none documented changes nothing, and a body that
 * was needed is a typed failure, never the transport's own exception.
 */
class BrokenBodyTest {

  private static final String BROKEN_CHUNKS = "Transfer-Encoding: chunked\r\n\r\nzz\r\n";

  private ServerSocket server;
  private final AtomicInteger received = new AtomicInteger();
  private volatile String statusLine = "HTTP/1.1 200 OK";
  private CustomersClient client;

  @BeforeEach
  void start() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::serve, "broken-body-server");
    acceptor.setDaemon(true);
    acceptor.start();
    client =
        CustomersClient.builder()
            .apiKey(TestData.API_KEY)
            .baseUri("http://127.0.0.1:" + server.getLocalPort())
            .retryPolicy(RetryPolicy.none())
            .build();
  }

  @AfterEach
  void stop() throws IOException {
    client.close();
    server.close();
  }

  private void serve() {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        readRequest(s.getInputStream());
        received.incrementAndGet(); // before the answer, so a test that has it sees the count
        OutputStream out = s.getOutputStream();
        out.write(
            (statusLine + "\r\nContent-Type: application/json\r\n" + BROKEN_CHUNKS)
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
      } catch (IOException e) {
        // closed by the test, or by the client dropping the connection
      }
    }
  }

  /** Reads the head and a body of its {@code Content-Length}. */
  private static void readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        return;
      }
      head.write(b);
    }
    for (String line : head.toString(StandardCharsets.US_ASCII).lines().toList()) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        in.readNBytes(Integer.parseInt(line.substring(15).strip()));
      }
    }
  }

  @Test
  void upsert_201WithABrokenBody_isStillASuccess() {
    statusLine = "HTTP/1.1 201 Created";
    UpsertResult result =
        client
            .customers()
            .upsert(
                UpsertMode.ADD,
                MatchBy.EMAIL,
                List.of(CustomerRecord.builder().email(TestData.EMAIL).build()));
    assertThat(result.metadata().status()).isEqualTo(201);
    assertThat(received).as("sent once, not retried").hasValue(1);
  }

  @Test
  void delete_200WithABrokenBody_isStillDeleted() {
    assertThat(client.customers().delete(CustomerKey.id(12)).deleted()).isTrue();
  }

  @Test
  void get_200WithABrokenBody_isABrokenResponseException_notTheTransportsOwn() {
    Throwable thrown = catchThrowable(() -> client.customers().get(CustomerKey.id(12)));
    assertThat(thrown)
        .isExactlyInstanceOf(BrokenResponseException.class)
        .hasMessageContaining("GET /customers/id/{id}");
  }

  @Test
  void get_500WithABrokenBody_isATypedFailure_notTheTransportsOwn() {
    statusLine = "HTTP/1.1 500 Internal Server Error";
    Throwable thrown = catchThrowable(() -> client.customers().get(CustomerKey.id(12)));
    assertThat(thrown).isInstanceOf(io.ecdp.customers.errors.EcdpException.class);
    assertThat(thrown.getClass().getName()).startsWith("io.ecdp.customers.errors.");
  }
}
