package io.ecdp.customers.internal.http.jersey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyManagementException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.junit.jupiter.api.Test;

class LazyTlsTest {

  @Test
  void tls_isCreatedOnTheFirstUpgrade_notWithTheStrategy() throws Exception {
    LazyTls tls = new LazyTls();
    assertThat(tls.created()).isFalse();
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread peer =
          new Thread(
              () -> {
                try (Socket s = server.accept();
                    OutputStream out = s.getOutputStream()) {
                  out.write("HTTP/1.1 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (Exception e) {
                  // the client hung up
                }
              });
      peer.start();
      try (Socket plain = new Socket(server.getInetAddress(), server.getLocalPort())) {
        assertThatThrownBy(
                () ->
                    tls.upgrade(
                            plain,
                            "localhost",
                            server.getLocalPort(),
                            null,
                            HttpClientContext.create())
                        .startHandshake())
            .isInstanceOf(SSLException.class);
      }
      peer.join(5000);
    }
    assertThat(tls.created()).isTrue();
  }

  @Test
  void lazySslContext_delegatesToTheJdkDefault_andCannotBeReinitialized() throws Exception {
    SSLContext lazy = new LazySslContext();
    assertThat(lazy.getSocketFactory())
        .isExactlyInstanceOf(SSLContext.getDefault().getSocketFactory().getClass());
    assertThat(lazy.getDefaultSSLParameters().getProtocols())
        .containsExactly(SSLContext.getDefault().getDefaultSSLParameters().getProtocols());
    assertThatThrownBy(() -> lazy.init(null, null, null))
        .isInstanceOf(KeyManagementException.class);
  }
}
