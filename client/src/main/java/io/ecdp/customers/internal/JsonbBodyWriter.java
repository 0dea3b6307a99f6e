package io.ecdp.customers.internal;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Locale;

/**
 * Holds the client's one shared {@link Jsonb} (nulls not written, UTF-8) and writes request bodies
 * with it as JSON, straight to the connection's stream.
 *
 * <p>It replaces Jersey's JSON-B provider, which first writes the whole body into a {@code String}
 * and then encodes it again into bytes: three extra copies of every batch.
 */
@Produces({MediaType.APPLICATION_JSON, "application/*+json"})
public final class JsonbBodyWriter implements MessageBodyWriter<Object>, AutoCloseable {

  private final Jsonb jsonb =
      JsonbBuilder.create(new JsonbConfig().withNullValues(false).withEncoding("UTF-8"));

  /** Returns the shared instance, which also reads the response bodies. */
  public Jsonb jsonb() {
    return jsonb;
  }

  @Override
  public void close() {
    try {
      jsonb.close();
    } catch (Exception e) {
      // Yasson holds no external resources; nothing to recover
    }
  }

  @Override
  public boolean isWriteable(
      Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
    return isJson(mediaType)
        && type != String.class
        && type != byte[].class
        && !InputStream.class.isAssignableFrom(type);
  }

  @Override
  public void writeTo(
      Object value,
      Class<?> type,
      Type genericType,
      Annotation[] annotations,
      MediaType mediaType,
      MultivaluedMap<String, Object> headers,
      OutputStream body) {
    jsonb.toJson(value, genericType, body);
  }

  private static boolean isJson(MediaType mediaType) {
    if (mediaType == null) {
      return false;
    }
    String subtype = mediaType.getSubtype();
    return "json".equalsIgnoreCase(subtype) || subtype.toLowerCase(Locale.ROOT).endsWith("+json");
  }
}
