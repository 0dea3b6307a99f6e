package io.ecdp.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The physical limit of this loopback setup: one keep-alive socket per thread, each request's bytes
 * built once and sent in one write, and a minimal response parser (status line and {@code
 * Content-Length}; the body is read, not parsed). No client can make the same exchange faster.
 */
final class RawSocketContender implements Contender {

  private final URI server;
  private final String host;
  private final Map<String, byte[]> gets = new ConcurrentHashMap<>();
  private final Map<Integer, byte[]> posts = new ConcurrentHashMap<>();
  private final Queue<Connection> open = new ConcurrentLinkedQueue<>();

  @SuppressWarnings("ThreadLocalUsage") // a connection per thread for each contender, not per JVM
  private final ThreadLocal<Connection> connection = new ThreadLocal<>();

  RawSocketContender(URI server) {
    this.server = server;
    this.host = server.getHost() + ":" + server.getPort();
  }

  @Override
  public Object getByEmail(String email) throws IOException {
    byte[] request =
        gets.computeIfAbsent(
            email,
            e ->
                ("GET /customers/email/"
                        + URLEncoder.encode(e, StandardCharsets.UTF_8)
                        + " HTTP/1.1\r\nHost: "
                        + host
                        + "\r\nx-api-key: "
                        + API_KEY
                        + "\r\nAccept: application/json\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
    return connection().exchange(request, 200);
  }

  @Override
  public void upsert(int size) throws IOException {
    byte[] request =
        posts.computeIfAbsent(
            size,
            n -> {
              byte[] body = FloorJson.batch(n);
              byte[] head =
                  ("POST /customers HTTP/1.1\r\nHost: "
                          + host
                          + "\r\nx-api-key: "
                          + API_KEY
                          + "\r\nContent-Type: application/json\r\nContent-Length: "
                          + body.length
                          + "\r\n\r\n")
                      .getBytes(StandardCharsets.ISO_8859_1);
              byte[] all = new byte[head.length + body.length];
              System.arraycopy(head, 0, all, 0, head.length);
              System.arraycopy(body, 0, all, head.length, body.length);
              return all;
            });
    connection().exchange(request, 201);
  }

  private Connection connection() throws IOException {
    Connection c = connection.get();
    if (c == null) {
      c = new Connection(server);
      open.add(c);
      connection.set(c);
    }
    return c;
  }

  @Override
  public void close() throws IOException {
    for (Connection c; (c = open.poll()) != null; ) {
      c.socket.close();
    }
  }

  /** One keep-alive connection and its read buffer. */
  private static final class Connection {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buffer = new byte[1 << 16];
    private int start;
    private int end;

    Connection(URI server) throws IOException {
      socket = new Socket();
      socket.setTcpNoDelay(true);
      if (TIMEOUTS) {
        socket.setSoTimeout(READ_TIMEOUT_MS);
      }
      socket.connect(
          new InetSocketAddress(server.getHost(), server.getPort()),
          TIMEOUTS ? CONNECT_TIMEOUT_MS : 0);
      in = socket.getInputStream();
      out = socket.getOutputStream();
    }

    /** Sends the request and reads the response; returns the body's length. */
    int exchange(byte[] request, int expected) throws IOException {
      out.write(request);
      int headEnd = headEnd();
      int status = digits(start + 9, 3);
      if (status != expected) {
        throw new IllegalStateException("status " + status);
      }
      int length = contentLength(start, headEnd);
      start = headEnd + 4;
      while (end - start < length) {
        fill();
      }
      start += length;
      return length;
    }

    /** Returns the index of the {@code \r\n\r\n} that ends the head, reading as needed. */
    private int headEnd() throws IOException {
      for (int k = 0; ; k++) {
        while (start + k + 3 >= end) {
          fill(); // moves the unread bytes to the buffer's start: index from start
        }
        int i = start + k;
        if (buffer[i] == '\r'
            && buffer[i + 1] == '\n'
            && buffer[i + 2] == '\r'
            && buffer[i + 3] == '\n') {
          return i;
        }
      }
    }

    private int contentLength(int from, int to) {
      for (int i = from; i < to; i++) {
        if (buffer[i] == '\n' && matches(i + 1, "content-length:")) {
          int j = i + 16;
          while (buffer[j] == ' ') {
            j++;
          }
          int n = 0;
          while (buffer[j] >= '0' && buffer[j] <= '9') {
            n = n * 10 + buffer[j++] - '0';
          }
          return n;
        }
      }
      throw new IllegalStateException("no Content-Length");
    }

    private boolean matches(int at, String lowerCase) {
      for (int k = 0; k < lowerCase.length(); k++) {
        if (Character.toLowerCase(buffer[at + k]) != lowerCase.charAt(k)) {
          return false;
        }
      }
      return true;
    }

    private int digits(int at, int count) {
      int n = 0;
      for (int k = 0; k < count; k++) {
        n = n * 10 + buffer[at + k] - '0';
      }
      return n;
    }

    /** Reads more bytes, moving what is left of the buffer to its start first. */
    private void fill() throws IOException {
      if (start > 0) {
        System.arraycopy(buffer, start, buffer, 0, end - start);
        end -= start;
        start = 0;
      }
      if (end == buffer.length) {
        throw new IllegalStateException("response larger than the buffer");
      }
      int n = in.read(buffer, end, buffer.length - end);
      if (n < 0) {
        throw new IOException("the server closed the connection");
      }
      end += n;
    }
  }
}
