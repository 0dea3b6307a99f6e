package io.ecdp.customers.resilience;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server on raw sockets that answers every request with one chosen fault, and counts the requests
 * it received (so tests can check the client's retries on the server's side).
 */
final class FaultServer implements AutoCloseable {

  /** What the server does with each request. */
  enum Fault {
    RESET_BEFORE_RESPONSE,
    RESET_MID_BODY,
    EMPTY_RESPONSE,
    MALFORMED_CHUNKED,
    RANDOM_BYTES,
    HEADERS_NEVER_COME,
    TRICKLING_BODY,
    TRUNCATED_JSON,
    NON_JSON_200,
    HTML_502,
    RETRY_AFTER_SECONDS,
    RETRY_AFTER_HTTP_DATE,
    RETRY_AFTER_GARBAGE,
    UNAVAILABLE_503,
    PROBLEM_500,
    FIFTY_MB_BODY
  }

  private static final String PROBLEM =
      "{\"type\":\"about:blank\",\"title\":\"Failure\",\"status\":%d,\"detail\":\"injected\"}";

  private final ServerSocket server;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "fault-server");
            t.setDaemon(true);
            return t;
          });
  private final AtomicInteger requests = new AtomicInteger();
  private final Random random = new Random(7);
  private volatile Fault fault = Fault.PROBLEM_500;
  private volatile boolean closed;

  FaultServer() throws IOException {
    server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    threads.execute(this::acceptLoop);
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  void fault(Fault fault) {
    this.fault = fault;
  }

  int requests() {
    return requests.get();
  }

  void resetCount() {
    requests.set(0);
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket socket = server.accept();
        threads.execute(() -> serve(socket));
      } catch (IOException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      socket.setSoTimeout(30_000);
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      while (readRequest(in)) {
        requests.incrementAndGet();
        if (!answer(fault, socket, out)) {
          return;
        }
      }
    } catch (IOException e) {
      // the client went away: nothing to do
    }
  }

  /** Reads one request (headers, and a body by Content-Length); false at the end of the stream. */
  private static boolean readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    int c;
    while ((c = in.read()) != -1) {
      head.write(c);
      matched = (c == "\r\n\r\n".charAt(matched)) ? matched + 1 : (c == '\r' ? 1 : 0);
      if (matched == 4) {
        break;
      }
    }
    if (c == -1) {
      return false;
    }
    String headers = head.toString(StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    int at = headers.indexOf("content-length:");
    if (at >= 0) {
      int end = headers.indexOf('\r', at);
      int length = Integer.parseInt(headers.substring(at + 15, end).trim());
      in.readNBytes(length);
    }
    return true;
  }

  /** Writes the fault; returns whether the connection may serve another request. */
  private boolean answer(Fault f, Socket socket, OutputStream out) throws IOException {
    switch (f) {
      case RESET_BEFORE_RESPONSE -> {
        socket.setSoLinger(true, 0);
        return false;
      }
      case RESET_MID_BODY -> {
        write(
            out,
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"status\":0,\"data\":{\"email\":\"adam@");
        socket.setSoLinger(true, 0);
        return false;
      }
      case EMPTY_RESPONSE -> {
        return false;
      }
      case MALFORMED_CHUNKED -> {
        write(
            out,
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
        return false;
      }
      case RANDOM_BYTES -> {
        byte[] noise = new byte[512];
        synchronized (random) {
          random.nextBytes(noise);
        }
        out.write(noise);
        out.flush();
        return false;
      }
      case HEADERS_NEVER_COME -> {
        socket.getInputStream().read(); // until the client gives up and closes
        return false;
      }
      case TRICKLING_BODY -> {
        write(
            out,
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"status\":0,");
        for (int i = 0; i < 200; i++) {
          try {
            Thread.sleep(50);
          } catch (InterruptedException e) {
            return false;
          }
          out.write(' ');
          out.flush();
        }
        return false;
      }
      case TRUNCATED_JSON -> {
        write(
            out,
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"status\":0,\"data\":{\"email\":\"ad");
        return false;
      }
      case NON_JSON_200 -> {
        return respond(out, 200, "text/html", "<html><body>Maintenance</body></html>", "");
      }
      case HTML_502 -> {
        return respond(
            out,
            502,
            "text/html",
            "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
            "");
      }
      case RETRY_AFTER_SECONDS -> {
        return respond(
            out, 429, "application/problem+json", PROBLEM.formatted(429), "Retry-After: 1\r\n");
      }
      case RETRY_AFTER_HTTP_DATE -> {
        String date =
            DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(1));
        return respond(
            out,
            429,
            "application/problem+json",
            PROBLEM.formatted(429),
            "Retry-After: " + date + "\r\n");
      }
      case RETRY_AFTER_GARBAGE -> {
        return respond(
            out,
            429,
            "application/problem+json",
            PROBLEM.formatted(429),
            "Retry-After: in a bit\r\n");
      }
      case UNAVAILABLE_503 -> {
        return respond(out, 503, "application/problem+json", PROBLEM.formatted(503), "");
      }
      case PROBLEM_500 -> {
        return respond(out, 500, "application/problem+json", PROBLEM.formatted(500), "");
      }
      case FIFTY_MB_BODY -> {
        int size = 50 * 1024 * 1024;
        write(
            out,
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                + size
                + "\r\n\r\n");
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) ' ');
        try {
          for (int sent = 0; sent < size; sent += chunk.length) {
            out.write(chunk, 0, Math.min(chunk.length, size - sent));
          }
          out.flush();
        } catch (SocketException e) {
          // the client stopped reading at its limit
        }
        return false;
      }
      default -> throw new IllegalStateException(String.valueOf(f));
    }
  }

  private static boolean respond(
      OutputStream out, int status, String type, String body, String headers) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    write(
        out,
        "HTTP/1.1 "
            + status
            + " X\r\nContent-Type: "
            + type
            + "\r\nContent-Length: "
            + bytes.length
            + "\r\n"
            + headers
            + "\r\n");
    out.write(bytes);
    out.flush();
    return true;
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    threads.shutdownNow();
  }
}
