package io.ecdp.customers.internal;

import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes a request body of type {@code T} as JSON with the client's shared {@link Jsonb}, straight
 * to the connection's stream.
 *
 * <p>It replaces Jersey's JSON-B provider, which first writes the whole body into a {@code String}
 * and then encodes it again into bytes: three extra copies of every batch. Register it as an
 * anonymous subclass that names {@code T} ({@code new JsonbBodyWriter<Body>(jsonb) {}}): Jersey
 * then picks it over any {@code MessageBodyWriter<Object>} for JSON it finds on the class path,
 * such as its own JSON-B provider or Jackson's, because its type is nearer to the body's.
 *
 * @param <T> the body's type
 */
@Produces({MediaType.APPLICATION_JSON, "application/*+json"})
public abstract class JsonbBodyWriter<T> implements MessageBodyWriter<T> {

  private final Jsonb jsonb;

  /** Creates the writer around the client's {@link Jsonb}. */
  protected JsonbBodyWriter(Jsonb jsonb) {
    this.jsonb = Objects.requireNonNull(jsonb, "jsonb");
  }

  @Override
  public boolean isWriteable(
      Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
    if (mediaType == null) {
      return false;
    }
    String subtype = mediaType.getSubtype().toLowerCase(Locale.ROOT);
    return subtype.equals("json") || subtype.endsWith("+json");
  }

  @Override
  public void writeTo(
      T value,
      Class<?> type,
      Type genericType,
      Annotation[] annotations,
      MediaType mediaType,
      MultivaluedMap<String, Object> headers,
      OutputStream body) {
    // Yasson closes the stream it writes to; a body writer must leave it open (JAX-RS).
    jsonb.toJson(
        value,
        genericType,
        new FilterOutputStream(body) {
          @Override
          public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
          }

          @Override
          public void close() throws IOException {
            flush();
          }
        });
  }
}
