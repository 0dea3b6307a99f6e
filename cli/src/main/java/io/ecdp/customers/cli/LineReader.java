package io.ecdp.customers.cli;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a file line by line in constant memory: each line is decoded as strict UTF-8 on its own, so
 * a line with bad bytes, or one longer than the limit, is reported and skipped while the following
 * lines are still read.
 */
final class LineReader implements Closeable {

  /** The longest line kept, in bytes; a longer one is reported, not held in memory. */
  static final int MAX_LINE_BYTES = 1 << 20;

  /**
   * One line.
   *
   * @param number its 1-based line number
   * @param text the decoded text without the line break, or null when {@code error} is set
   * @param error why the line could not be read, or null
   * @param crlf whether the line ended with CR LF (a break inside a quoted CSV field keeps it)
   */
  record Line(long number, String text, String error, boolean crlf) {}

  private final InputStream in;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final byte[] chunk = new byte[64 * 1024];
  private int position;
  private int limit;
  private byte[] buffer = new byte[8192];
  private long number;
  private long bytesRead;

  LineReader(InputStream in) {
    this.in = in;
  }

  /** Returns the next line, or null at the end of the input. */
  Line next() throws IOException {
    int length = 0;
    boolean tooLong = false;
    int c;
    boolean any = false;
    while ((c = read()) != -1) {
      any = true;
      bytesRead++;
      if (c == '\n') {
        break;
      }
      if (length >= MAX_LINE_BYTES) {
        tooLong = true; // keep consuming up to the line break, without keeping the bytes
        continue;
      }
      if (length == buffer.length) {
        buffer = Arrays.copyOf(buffer, Math.min(MAX_LINE_BYTES, buffer.length * 2));
      }
      buffer[length++] = (byte) c;
    }
    if (!any) {
      return null;
    }
    number++;
    if (tooLong) {
      return new Line(number, null, "the line is longer than " + MAX_LINE_BYTES + " bytes", false);
    }
    boolean crlf = length > 0 && buffer[length - 1] == '\r';
    if (crlf) {
      length--;
    }
    int start = 0;
    if (number == 1
        && length >= 3
        && (buffer[0] & 0xFF) == 0xEF
        && (buffer[1] & 0xFF) == 0xBB
        && (buffer[2] & 0xFF) == 0xBF) {
      start = 3; // a UTF-8 byte order mark
    }
    try {
      return new Line(
          number,
          decoder.decode(ByteBuffer.wrap(buffer, start, length - start)).toString(),
          null,
          crlf);
    } catch (CharacterCodingException e) {
      return new Line(number, null, "the line is not valid UTF-8", false);
    }
  }

  /** Returns the next line that is not blank (blank lines are not records), or null at the end. */
  Line nextNonBlank() throws IOException {
    Line line;
    do {
      line = next();
    } while (line != null && line.text() != null && line.text().isBlank());
    return line;
  }

  private int read() throws IOException {
    if (position == limit) {
      limit = in.read(chunk, 0, chunk.length);
      position = 0;
      if (limit <= 0) {
        limit = 0;
        return -1;
      }
    }
    return chunk[position++] & 0xFF;
  }

  /** Returns how many bytes have been read so far. */
  long bytesRead() {
    return bytesRead;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
