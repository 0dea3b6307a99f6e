package io.ecdp.customers.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 as raw bytes on a loopback socket, for what no HTTP client sends: smuggling headers,
 * trickling bodies, huge lengths. Reads block at most {@link #READ_TIMEOUT_MILLIS} (a safety net,
 * not a measure: no test asserts how fast an answer comes).
 */
final class RawHttp implements Closeable {

  static final int READ_TIMEOUT_MILLIS = 60_000;

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private RawHttp(Socket socket) throws IOException {
    this.socket = socket;
    socket.setSoTimeout(READ_TIMEOUT_MILLIS);
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  static RawHttp connect(URI base) throws IOException {
    return new RawHttp(new Socket(InetAddress.getLoopbackAddress(), base.getPort()));
  }

  /** An answer: status, headers (names in lower case), body. */
  @SuppressWarnings("ArrayRecordComponent") // an answer is read by the test, never compared
  record Answer(int status, Map<String, List<String>> headers, byte[] body) {
    String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null ? null : values.get(0);
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  RawHttp send(String ascii) throws IOException {
    return send(ascii.getBytes(StandardCharsets.ISO_8859_1));
  }

  RawHttp send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  /** Reads one answer; null when the server closed the connection before sending one. */
  Answer read() throws IOException {
    String statusLine = line();
    if (statusLine == null) {
      return null;
    }
    int status = Integer.parseInt(statusLine.split(" ", -1)[1]);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String h = line(); h != null && !h.isEmpty(); h = line()) {
      int colon = h.indexOf(':');
      headers
          .computeIfAbsent(
              h.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(h.substring(colon + 1).trim());
    }
    byte[] body;
    List<String> length = headers.get("content-length");
    List<String> coding = headers.get("transfer-encoding");
    if (length != null) {
      body = in.readNBytes(Integer.parseInt(length.get(0)));
    } else if (coding != null && coding.get(0).equalsIgnoreCase("chunked")) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      for (int size = Integer.parseInt(line().trim(), 16); size > 0; ) {
        b.write(in.readNBytes(size));
        line();
        size = Integer.parseInt(line().trim(), 16);
      }
      line();
      body = b.toByteArray();
    } else if (status == 204 || status == 304 || status / 100 == 1) {
      body = new byte[0];
    } else {
      body = in.readAllBytes();
    }
    return new Answer(status, headers, body);
  }

  /**
   * Whether the server closed the connection: the next read ends (or is reset) without a byte.
   * Throws {@link java.net.SocketTimeoutException} if the connection stays open past the timeout.
   */
  boolean closedByServer() throws IOException {
    try {
      return in.read() == -1;
    } catch (SocketException e) {
      return true; // reset
    }
  }

  private String line() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        break;
      }
      if (c != '\r') {
        b.write(c);
      }
    }
    if (c == -1 && b.size() == 0) {
      return null;
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
