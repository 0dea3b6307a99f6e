package io.ecdp.customers.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a response body within the call's deadline and up to a size limit, so that a body that
 * trickles past the timeouts, or one of 50 MB, cannot hold a thread or fill the heap.
 */
public final class BodyReader {

  /** The call's deadline passed while the body was still arriving. */
  public static final class DeadlinePassed extends IOException {
    private static final long serialVersionUID = 1L;

    DeadlinePassed() {
      super("the call timeout ran out while the body was arriving");
    }
  }

  /** The body is larger than the limit. */
  public static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(int limit) {
      super("the body is larger than " + limit + " bytes");
    }
  }

  private BodyReader() {}

  /**
   * Returns the body's bytes.
   *
   * @param in the body (closed by the caller)
   * @param deadlineNanos the {@link System#nanoTime()} by which the whole body must have arrived
   * @param limit the most bytes accepted
   * @param expectedLength the body's {@code Content-Length}, or -1 when it has none: the buffer's
   *     first size, so that a body of the announced length is read into one array, never copied
   * @throws DeadlinePassed if the deadline passes first
   * @throws TooLarge if the body has more than {@code limit} bytes
   * @throws IOException if the connection fails
   */
  public static byte[] read(InputStream in, long deadlineNanos, int limit, long expectedLength)
      throws IOException {
    byte[] buffer =
        new byte
            [expectedLength >= 0 && expectedLength <= limit
                ? (int) expectedLength
                : Math.min(limit, 1024)];
    int size = 0;
    while (true) {
      if (size == buffer.length) {
        int next = in.read(); // the end, or a body longer than the buffer
        if (next == -1) {
          return buffer;
        }
        if (size == limit) {
          throw new TooLarge(limit);
        }
        buffer = Arrays.copyOf(buffer, (int) Math.min(limit, Math.max(1024, size * 2L)));
        buffer[size++] = (byte) next;
      } else {
        int n = in.read(buffer, size, buffer.length - size);
        if (n == -1) {
          return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
        }
        size += n;
      }
      if (System.nanoTime() > deadlineNanos) {
        throw new DeadlinePassed();
      }
    }
  }
}
