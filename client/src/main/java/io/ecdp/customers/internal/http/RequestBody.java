package io.ecdp.customers.internal.http;

import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * A request body serialized once, as JSON, into a list of chunks, and sent from them with its
 * {@code Content-Length}: the bytes are written once and never copied into another buffer. It can
 * be sent any number of times, so a retried call sends the same bytes again.
 */
public final class RequestBody {

  /** The first chunk's size; each next one is twice as large, up to {@link #MAX_CHUNK}. */
  static final int FIRST_CHUNK = 1024;

  /** The largest chunk: the most a body's last chunk leaves unused. */
  static final int MAX_CHUNK = 64 * 1024;

  private final String contentType;
  private final byte[][] chunks;
  private final int lastLength;
  private final long length;

  private RequestBody(String contentType, byte[][] chunks, int lastLength, long length) {
    this.contentType = contentType;
    this.chunks = chunks;
    this.lastLength = lastLength;
    this.length = length;
  }

  /**
   * Writes {@code value} with a generated model's own writer, straight to a JSON-P generator:
   * without JSON-B's per-call set-up and its cycle check, which hashes every record of a batch.
   *
   * @param generators the factory of JSON-P generators
   * @param writer the generated writer of the value's type
   * @param value the body
   * @param contentType the value of the {@code Content-Type} header
   * @param <T> the body's type
   * @return the body, ready to be sent any number of times
   */
  public static <T> RequestBody of(
      JsonGeneratorFactory generators,
      BiConsumer<T, JsonGenerator> writer,
      T value,
      String contentType) {
    Chunks out = new Chunks();
    try (JsonGenerator generator = generators.createGenerator(out, StandardCharsets.UTF_8)) {
      writer.accept(value, generator);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "the request body (" + value.getClass().getSimpleName() + ") could not be serialized", e);
    }
    return new RequestBody(
        contentType, Arrays.copyOf(out.chunks, out.count), out.position, out.total);
  }

  /**
   * Returns the media type of the body.
   *
   * @return the value of the {@code Content-Type} header
   */
  public String contentType() {
    return contentType;
  }

  /**
   * Returns the body's length in bytes.
   *
   * @return the value of the {@code Content-Length} header
   */
  public long length() {
    return length;
  }

  /**
   * Returns a new stream of the body's bytes.
   *
   * @return the stream, read from the chunks without a copy
   */
  public Content content() {
    return new Content();
  }

  /**
   * Writes the body's bytes.
   *
   * @param out where to
   * @throws IOException if writing fails
   */
  public void writeTo(OutputStream out) throws IOException {
    for (int i = 0; i < chunks.length; i++) {
      out.write(chunks[i], 0, size(i));
    }
  }

  private int size(int chunk) {
    return chunk == chunks.length - 1 ? lastLength : chunks[chunk].length;
  }

  /** A body's bytes, read in order from its chunks. */
  public final class Content extends InputStream {
    private int chunk;
    private int position;

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int count) {
      if (count == 0) {
        return 0;
      }
      while (chunk < chunks.length && position == size(chunk)) {
        chunk++;
        position = 0;
      }
      if (chunk == chunks.length) {
        return -1;
      }
      int n = Math.min(count, size(chunk) - position);
      System.arraycopy(chunks[chunk], position, into, offset, n);
      position += n;
      return n;
    }

    @Override
    public long transferTo(OutputStream out) throws IOException {
      long sent = 0;
      for (; chunk < chunks.length; chunk++, position = 0) {
        int n = size(chunk) - position;
        out.write(chunks[chunk], position, n);
        sent += n;
      }
      return sent;
    }
  }

  /** An output stream into chunks that double in size up to {@link #MAX_CHUNK}. */
  private static final class Chunks extends OutputStream {
    byte[][] chunks = new byte[8][];
    int count;
    int position;
    long total;

    Chunks() {
      chunks[count++] = new byte[FIRST_CHUNK];
    }

    @Override
    public void write(int b) {
      if (position == chunks[count - 1].length) {
        next();
      }
      chunks[count - 1][position++] = (byte) b;
      total++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      int left = length;
      int from = offset;
      while (left > 0) {
        byte[] current = chunks[count - 1];
        if (position == current.length) {
          next();
          current = chunks[count - 1];
        }
        int n = Math.min(left, current.length - position);
        System.arraycopy(bytes, from, current, position, n);
        position += n;
        from += n;
        left -= n;
      }
      total += length;
    }

    private void next() {
      if (count == chunks.length) {
        chunks = Arrays.copyOf(chunks, count * 2);
      }
      chunks[count] = new byte[Math.min(MAX_CHUNK, chunks[count - 1].length * 2)];
      count++;
      position = 0;
    }
  }
}
