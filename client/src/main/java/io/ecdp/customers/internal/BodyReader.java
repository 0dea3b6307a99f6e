package io.ecdp.customers.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a response body within the call's deadline and up to a size limit, so that a body that
 * trickles past the timeouts, or one of 50 MB, cannot hold a thread or fill the heap.
 */
final class BodyReader {

  /** The call's deadline passed while the body was still arriving. */
  static final class DeadlinePassed extends IOException {
    private static final long serialVersionUID = 1L;

    DeadlinePassed() {
      super("the call timeout ran out while the body was arriving");
    }
  }

  /** The body is larger than the limit. */
  static final class TooLarge extends IOException {
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
   * @throws DeadlinePassed if the deadline passes first
   * @throws TooLarge if the body has more than {@code limit} bytes
   * @throws IOException if the connection fails
   */
  static byte[] read(InputStream in, long deadlineNanos, int limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 8192));
    byte[] chunk = new byte[8192];
    int n;
    while ((n = in.read(chunk)) != -1) {
      if (System.nanoTime() > deadlineNanos) {
        throw new DeadlinePassed();
      }
      if (out.size() + n > limit) {
        throw new TooLarge(limit);
      }
      out.write(chunk, 0, n);
    }
    return out.toByteArray();
  }
}
