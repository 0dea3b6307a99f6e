package io.ecdp.customers.sandbox;

import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.MessageBodyWriter;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Reads and writes the sandbox's JSON bodies with its {@link Jsonb}, through Jakarta REST's own
 * provider interfaces only. It replaces Jersey's JSON-B module, whose artifact is not published for
 * every Jersey line the sandbox supports (3.1 and 4.0), so that the sandbox depends on nothing of
 * Jersey beyond its core and the Grizzly container. It answers for {@code application/json} and
 * every {@code application/...+json} type (problems are {@code application/problem+json}).
 */
final class SandboxJson implements MessageBodyReader<Object>, MessageBodyWriter<Object> {

  private final Jsonb jsonb;

  SandboxJson(Jsonb jsonb) {
    this.jsonb = jsonb;
  }

  @Override
  public boolean isReadable(
      Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
    return isJson(mediaType) && isBound(type);
  }

  @Override
  public Object readFrom(
      Class<Object> type,
      Type genericType,
      Annotation[] annotations,
      MediaType mediaType,
      MultivaluedMap<String, String> httpHeaders,
      InputStream entityStream) {
    // A JsonbException here is answered as a 400 problem by ProblemMappers.
    return jsonb.fromJson(entityStream, genericType);
  }

  @Override
  public boolean isWriteable(
      Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
    return isJson(mediaType) && isBound(type);
  }

  @Override
  public void writeTo(
      Object value,
      Class<?> type,
      Type genericType,
      Annotation[] annotations,
      MediaType mediaType,
      MultivaluedMap<String, Object> httpHeaders,
      OutputStream entityStream) {
    jsonb.toJson(value, genericType, entityStream);
  }

  private static boolean isJson(MediaType mediaType) {
    if (mediaType == null) {
      return false;
    }
    String subtype = mediaType.getSubtype();
    return "application".equals(mediaType.getType())
        && ("json".equals(subtype) || subtype.endsWith("+json"));
  }

  /** The sandbox's own models; raw types (strings, bytes, streams) keep Jersey's providers. */
  private static boolean isBound(Class<?> type) {
    return !(type == String.class
        || type == byte[].class
        || type == char[].class
        || InputStream.class.isAssignableFrom(type)
        || java.io.Reader.class.isAssignableFrom(type)
        || java.io.File.class.isAssignableFrom(type)
        || jakarta.ws.rs.core.StreamingOutput.class.isAssignableFrom(type));
  }
}
