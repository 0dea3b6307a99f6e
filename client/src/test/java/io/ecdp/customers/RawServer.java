package io.ecdp.customers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback server that answers every request with the same raw bytes, one connection each, and
 * can hold its answers until released: for answers no HTTP library would write.
 */
final class RawServer implements AutoCloseable {

  private final ServerSocket socket;
  private final AtomicInteger received = new AtomicInteger();
  private volatile String answer = "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n";
  private volatile CountDownLatch gate = new CountDownLatch(0);

  RawServer() throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "raw-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Answers every request with {@code raw} (status line, headers, blank line, body). */
  RawServer answer(String raw) {
    this.answer = raw;
    return this;
  }

  /** Holds every answer until {@link #release()}. */
  RawServer hold() {
    this.gate = new CountDownLatch(1);
    return this;
  }

  void release() {
    gate.countDown();
  }

  /** How many requests arrived (counted before their answer is written). */
  int received() {
    return received.get();
  }

  /** Waits until {@code n} requests have arrived. */
  void awaitReceived(int n) throws InterruptedException {
    for (int i = 0; i < 3000 && received.get() < n; i++) {
      TimeUnit.MILLISECONDS.sleep(10);
    }
  }

  CustomersClient.Builder client() {
    return CustomersClient.builder()
        .apiKey(TestData.API_KEY)
        .baseUri("http://127.0.0.1:" + socket.getLocalPort());
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket s = socket.accept();
        Thread t = new Thread(() -> serve(s), "raw-server-connection");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      readRequest(s.getInputStream());
      received.incrementAndGet();
      gate.await();
      OutputStream out = s.getOutputStream();
      out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    } catch (IOException e) {
      // the client dropped the connection
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Reads the head and a body of its {@code Content-Length}. */
  private static void readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the request ended early");
      }
      head.write(b);
    }
    for (String line : head.toString(StandardCharsets.ISO_8859_1).lines().toList()) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        in.readNBytes(Integer.parseInt(line.substring("content-length:".length()).strip()));
      }
    }
  }

  @Override
  public void close() throws IOException {
    gate.countDown();
    socket.close();
  }
}
