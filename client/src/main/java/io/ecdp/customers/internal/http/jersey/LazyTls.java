package io.ecdp.customers.internal.http.jersey;

import java.io.IOException;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.jspecify.annotations.Nullable;

/**
 * Upgrades connections to TLS with HttpClient's default strategy (the JDK's trust store, host names
 * verified), created on the first TLS connection rather than with the client.
 *
 * <p>Creating it loads the JDK's TLS stack and parses its trust store: about 260 classes and a
 * measurable part of a cold start, which a client that only talks to a loopback sandbox, or has not
 * made its first call yet, should not pay.
 */
public final class LazyTls implements TlsSocketStrategy {

  private final @Nullable SSLContext sslContext;
  private volatile @Nullable TlsSocketStrategy delegate;

  /** Creates the strategy of the JDK's default TLS context. */
  public LazyTls() {
    this.sslContext = null;
  }

  /**
   * Creates the strategy of a given TLS context (host names still verified).
   *
   * @param sslContext the context
   */
  public LazyTls(SSLContext sslContext) {
    this.sslContext = sslContext;
  }

  @Override
  public SSLSocket upgrade(
      Socket socket, String target, int port, Object attachment, HttpContext context)
      throws IOException {
    return delegate().upgrade(socket, target, port, attachment, context);
  }

  /**
   * Returns whether the TLS stack has been created yet.
   *
   * @return whether it was created
   */
  public boolean created() {
    return delegate != null;
  }

  private TlsSocketStrategy delegate() {
    TlsSocketStrategy d = delegate;
    if (d == null) {
      synchronized (this) {
        d = delegate;
        if (d == null) {
          d =
              sslContext != null
                  ? new DefaultClientTlsStrategy(sslContext)
                  : DefaultClientTlsStrategy.createDefault();
          delegate = d;
        }
      }
    }
    return d;
  }
}
