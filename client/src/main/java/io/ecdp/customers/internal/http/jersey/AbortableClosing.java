package io.ecdp.customers.internal.http.jersey;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.classic.methods.HttpUriRequest;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.core5.io.CloseMode;
import org.glassfish.jersey.apache5.connector.Apache5ConnectionClosingStrategy;
import org.glassfish.jersey.client.ClientRequest;

/**
 * Closes a response the graceful way (the rest of the body is read so that the connection can be
 * reused), unless the client gave up on the body (too large, too slow, broken): then the connection
 * is dropped at once, instead of reading a trickle or 50 MB to the end.
 */
public final class AbortableClosing implements Apache5ConnectionClosingStrategy {

  /** The request property holding the {@link AtomicBoolean} that says "drop the connection". */
  public static final String ABORT = "io.ecdp.customers.abort-on-close";

  private final Apache5ConnectionClosingStrategy graceful = new Apache5GracefulClosingStrategy();

  @Override
  public void close(
      ClientRequest clientRequest,
      HttpUriRequest request,
      CloseableHttpResponse response,
      InputStream stream)
      throws IOException {
    Object flag = clientRequest.getProperty(ABORT);
    if (flag instanceof AtomicBoolean abort && abort.get()) {
      request.abort();
      response.close(CloseMode.IMMEDIATE);
      return;
    }
    graceful.close(clientRequest, request, response, stream);
  }
}
