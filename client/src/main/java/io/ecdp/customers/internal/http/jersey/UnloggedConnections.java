package io.ecdp.customers.internal.http.jersey;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.impl.io.DefaultHttpResponseParserFactory;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.DefaultContentLengthStrategy;
import org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnection;
import org.apache.hc.core5.http.impl.io.DefaultHttpRequestWriterFactory;
import org.apache.hc.core5.http.impl.io.NoResponseOutOfOrderStrategy;
import org.apache.hc.core5.http.impl.io.SocketHolder;
import org.apache.hc.core5.http.io.HttpConnectionFactory;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * Creates HttpClient's pooled connections without its header and wire logging.
 *
 * <p>HttpClient's own connections print every request and response header, the {@code x-api-key}
 * among them, to the {@code org.apache.hc.client5.http.headers} logger, and every byte sent and
 * received, bodies with personal data included, to {@code org.apache.hc.client5.http.wire},
 * whenever those loggers are at DEBUG: the default of most SLF4J bindings when they have no
 * configuration. These connections do what HttpClient's do (the same parser, writer, content length
 * rules and socket timeouts while pooled) and log nothing, whatever the logging configuration:
 * there is no logger in them to switch on.
 */
public final class UnloggedConnections
    implements HttpConnectionFactory<ManagedHttpClientConnection> {

  @Override
  public ManagedHttpClientConnection createConnection(Socket socket) throws IOException {
    Connection connection = new Connection();
    if (socket != null) {
      connection.bind(socket);
    }
    return connection;
  }

  @Override
  public ManagedHttpClientConnection createConnection(SSLSocket sslSocket, Socket socket)
      throws IOException {
    Connection connection = new Connection();
    if (sslSocket != null) {
      connection.bind(sslSocket, socket);
    }
    return connection;
  }

  /** HttpClient's managed connection less its logging. */
  static final class Connection extends DefaultBHttpClientConnection
      implements ManagedHttpClientConnection {

    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Timeout socketTimeout;

    Connection() {
      // HttpClient's defaults (ManagedHttpClientConnectionFactory): its lenient response parser,
      // not the core's strict one.
      super(
          Http1Config.DEFAULT,
          null,
          null,
          DefaultContentLengthStrategy.INSTANCE,
          DefaultContentLengthStrategy.INSTANCE,
          NoResponseOutOfOrderStrategy.INSTANCE,
          DefaultHttpRequestWriterFactory.INSTANCE,
          DefaultHttpResponseParserFactory.INSTANCE);
    }

    @Override
    public void bind(Socket socket) throws IOException {
      bind(new SocketHolder(socket));
    }

    @Override
    public void bind(SSLSocket sslSocket, Socket socket) throws IOException {
      bind(new SocketHolder(sslSocket, socket));
    }

    @Override
    protected void bind(SocketHolder holder) throws IOException {
      if (closed.get()) {
        holder.getSocket().close();
        throw new InterruptedIOException("Connection already shutdown");
      }
      super.bind(holder);
      socketTimeout = Timeout.ofMilliseconds(holder.getSocket().getSoTimeout());
    }

    @Override
    public Socket getSocket() {
      SocketHolder holder = getSocketHolder();
      return holder != null ? holder.getSocket() : null;
    }

    @Override
    public SSLSession getSSLSession() {
      return getSocket() instanceof SSLSocket tls ? tls.getSession() : null;
    }

    @Override
    public void setSocketTimeout(Timeout timeout) {
      super.setSocketTimeout(timeout);
      socketTimeout = timeout;
    }

    @Override
    public void close() throws IOException {
      if (closed.compareAndSet(false, true)) {
        super.close();
      }
    }

    @Override
    public void close(CloseMode mode) {
      if (closed.compareAndSet(false, true)) {
        super.close(mode);
      }
    }

    /** Idle in the pool: no read timeout, as HttpClient's connections do. */
    @Override
    public void passivate() {
      super.setSocketTimeout(Timeout.ZERO_MILLISECONDS);
    }

    /** Leased again: the timeout it had. */
    @Override
    public void activate() {
      super.setSocketTimeout(socketTimeout);
    }
  }
}
