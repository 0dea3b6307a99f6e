package io.ecdp.customers.internal;

import java.io.IOException;
import java.net.Socket;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Upgrades connections to TLS with HttpClient's default strategy (the JDK's trust store, host names
 * verified), created on the first TLS connection rather than with the client.
 *
 * <p>Creating it loads the JDK's TLS stack and parses its trust store: about 260 classes and a
 * measurable part of a cold start, which a client that only talks to a loopback sandbox, or has not
 * made its first call yet, should not pay.
 */
public final class LazyTls implements TlsSocketStrategy {

  private volatile TlsSocketStrategy delegate;

  @Override
  public SSLSocket upgrade(
      Socket socket, String target, int port, Object attachment, HttpContext context)
      throws IOException {
    return delegate().upgrade(socket, target, port, attachment, context);
  }

  /** Returns whether the TLS stack has been created yet. */
  public boolean created() {
    return delegate != null;
  }

  private TlsSocketStrategy delegate() {
    TlsSocketStrategy d = delegate;
    if (d == null) {
      synchronized (this) {
        d = delegate;
        if (d == null) {
          d = DefaultClientTlsStrategy.createDefault();
          delegate = d;
        }
      }
    }
    return d;
  }
}
