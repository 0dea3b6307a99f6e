package io.ecdp.customers.internal;

import jakarta.json.bind.Jsonb;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.BiConsumer;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;

/**
 * A request body serialized once, as JSON, into a list of chunks, and sent from them with its
 * {@code Content-Length}: the bytes are written once and never copied into another buffer.
 *
 * <p>Handed to Jersey as the request's entity, an {@code HttpEntity} goes to HttpClient as it is:
 * Jersey's JSON providers, which would write it through a {@code String}, and its buffering for a
 * {@code Content-Length}, which copies the whole body two to four times, are not involved. It is
 * repeatable, so a retried call sends the same bytes again.
 */
public final class SerializedBody extends AbstractHttpEntity {

  /** The first chunk's size; each next one is twice as large, up to {@link #MAX_CHUNK}. */
  static final int FIRST_CHUNK = 1024;

  /** The largest chunk: the most a body's last chunk leaves unused. */
  static final int MAX_CHUNK = 64 * 1024;

  private final byte[][] chunks;
  private final int lastLength;
  private final long length;

  private SerializedBody(String contentType, byte[][] chunks, int lastLength, long length) {
    super(contentType, null, false);
    this.chunks = chunks;
    this.lastLength = lastLength;
    this.length = length;
  }

  /**
   * Serializes {@code value} as JSON.
   *
   * @param jsonb the client's JSON-B instance
   * @param value the body
   * @param contentType the value of the {@code Content-Type} header
   * @return the body, ready to be sent any number of times
   * @throws IllegalStateException if the value cannot be serialized (a model the client built
   *     always can)
   */
  public static SerializedBody of(Jsonb jsonb, Object value, String contentType) {
    Chunks out = new Chunks();
    try {
      // Into a stream: the JDK's UTF-8 encoder behind it is twice as fast as one written here.
      jsonb.toJson(value, value.getClass(), out);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "the request body (" + value.getClass().getSimpleName() + ") could not be serialized", e);
    }
    return new SerializedBody(
        contentType, Arrays.copyOf(out.chunks, out.count), out.position, out.total);
  }

  /**
   * Writes {@code value} with a generated model's own writer, straight to a JSON-P generator: the
   * same JSON as {@link #of(Jsonb, Object, String)}, without JSON-B's per-call set-up and its cycle
   * check, which hashes every record of a batch on every call.
   *
   * @param generators the factory of JSON-P generators
   * @param writer the generated writer of the value's type
   * @param value the body
   * @param contentType the value of the {@code Content-Type} header
   * @param <T> the body's type
   * @return the body, ready to be sent any number of times
   */
  public static <T> SerializedBody of(
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
    return new SerializedBody(
        contentType, Arrays.copyOf(out.chunks, out.count), out.position, out.total);
  }

  @Override
  public long getContentLength() {
    return length;
  }

  @Override
  public boolean isRepeatable() {
    return true;
  }

  @Override
  public boolean isStreaming() {
    return false;
  }

  @Override
  public InputStream getContent() {
    return new Content();
  }

  /**
   * Returns the Jersey provider that writes a body's content straight from its chunks. Jersey sends
   * an {@code HttpEntity} as the stream {@link #getContent()} returns; without this provider its
   * stream writer would copy it through a new 8 KB buffer on every call.
   *
   * @return the provider, to register on the client's root target
   */
  public static MessageBodyWriter<Content> writer() {
    return new ContentWriter();
  }

  @Override
  public void writeTo(OutputStream out) throws IOException {
    for (int i = 0; i < chunks.length; i++) {
      out.write(chunks[i], 0, size(i));
    }
  }

  @Override
  public void close() {}

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

  /** Writes a {@link Content} with {@link Content#transferTo}: the chunks as they are. */
  private static final class ContentWriter implements MessageBodyWriter<Content> {
    @Override
    public boolean isWriteable(
        Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
      return Content.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(
        Content content,
        Class<?> type,
        Type genericType,
        Annotation[] annotations,
        MediaType mediaType,
        MultivaluedMap<String, Object> headers,
        OutputStream out)
        throws IOException {
      content.transferTo(out);
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
