package io.ecdp.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The benchmarks' server: keep-alive HTTP/1.1 on loopback that answers every GET with one fixed
 * customer and every POST or DELETE with an empty success, each response in a single write with
 * TCP_NODELAY, so that it is never the bottleneck (the JDK's HttpServer writes headers and body
 * separately and stalls keep-alive calls on delayed ACKs).
 */
public final class FixedResponseServer implements AutoCloseable {

  /** The customer every GET answers. */
  public static final String CUSTOMER =
      "{\"status\":0,\"data\":{\"email\":\"adam@poczta.pl\",\"phone\":\"123456789\",\"crmId\":\"57\","
          + "\"firstName\":\"Adam\",\"lastName\":\"Nowak\",\"dateOfBirth\":\"2023-07-25T13:58:16.339Z\","
          + "\"gender\":\"Female\",\"rfmSegment\":\"Champions\",\"totalSpent\":1523.5,\"totalOrders\":14,"
          + "\"totalOrderReturns\":1,\"avgOrder\":108.82,\"avgPricePoint\":36.27,"
          + "\"lastOrder\":\"2023-07-25T13:58:16.339Z\",\"avgTimeBetweenOrdersInDays\":12.5,"
          + "\"currencySymbol\":\"zl\",\"customAttributes\":[{\"name\":\"loyaltyTier\",\"value\":\"gold\"}],"
          + "\"consentsData\":{\"consents\":[{\"id\":0,\"value\":\"False\"}]}}}";

  private static final byte[] GET = response("200 OK", "application/json", CUSTOMER);
  private static final byte[] CREATED = response("201 Created", null, "");
  private static final byte[] OK = response("200 OK", null, "");

  private final ServerSocket server;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "bench-server");
            t.setDaemon(true);
            return t;
          });
  private volatile boolean closed;

  /** Starts the server on a free loopback port. */
  public FixedResponseServer() throws IOException {
    server = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
    threads.execute(this::accept);
  }

  /** Returns the base URI. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  private static byte[] response(String status, String type, String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 "
            + status
            + "\r\n"
            + (type == null ? "" : "Content-Type: " + type + "\r\n")
            + "Content-Length: "
            + b.length
            + "\r\nConnection: keep-alive\r\n\r\n";
    byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[h.length + b.length];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(b, 0, all, h.length, b.length);
    return all;
  }

  private void accept() {
    while (!closed) {
      try {
        Socket s = server.accept();
        s.setTcpNoDelay(true);
        threads.execute(() -> serve(s));
      } catch (IOException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  private static void serve(Socket socket) {
    try (socket) {
      InputStream in = new java.io.BufferedInputStream(socket.getInputStream(), 1 << 16);
      OutputStream out = socket.getOutputStream();
      StringBuilder line = new StringBuilder();
      while (true) {
        // request line
        String requestLine = readLine(in, line);
        if (requestLine == null) {
          return;
        }
        long length = 0;
        boolean chunked = false;
        String header;
        while ((header = readLine(in, line)) != null && !header.isEmpty()) {
          int colon = header.indexOf(':');
          if (colon > 0) {
            String name = header.substring(0, colon).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
              length = Long.parseLong(header.substring(colon + 1).trim());
            } else if (name.equalsIgnoreCase("Transfer-Encoding")
                && header.toLowerCase(Locale.ROOT).contains("chunked")) {
              chunked = true;
            }
          }
        }
        if (header == null) {
          return;
        }
        if (chunked) {
          skipChunked(in, line);
        } else {
          in.skipNBytes(length);
        }
        out.write(
            requestLine.startsWith("GET") ? GET : requestLine.startsWith("POST") ? CREATED : OK);
        out.flush();
      }
    } catch (IOException e) {
      // the client closed the connection
    }
  }

  private static void skipChunked(InputStream in, StringBuilder line) throws IOException {
    while (true) {
      String size = readLine(in, line);
      if (size == null) {
        return;
      }
      int n = Integer.parseInt(size.split(";", -1)[0].trim(), 16);
      if (n == 0) {
        readLine(in, line);
        return;
      }
      in.skipNBytes(n);
      readLine(in, line);
    }
  }

  private static String readLine(InputStream in, StringBuilder line) throws IOException {
    line.setLength(0);
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        int len = line.length();
        if (len > 0 && line.charAt(len - 1) == '\r') {
          line.setLength(len - 1);
        }
        return line.toString();
      }
      line.append((char) c);
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    threads.shutdownNow();
  }
}
