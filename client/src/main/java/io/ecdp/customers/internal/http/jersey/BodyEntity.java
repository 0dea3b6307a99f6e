package io.ecdp.customers.internal.http.jersey;

import io.ecdp.customers.internal.http.RequestBody;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;

/**
 * A {@link RequestBody} as HttpClient's entity. Handed to Jersey as the request's entity, an {@code
 * HttpEntity} goes to HttpClient as it is: Jersey's JSON providers, which would write it through a
 * {@code String}, and its buffering for a {@code Content-Length}, which copies the whole body two
 * to four times, are not involved.
 */
final class BodyEntity extends AbstractHttpEntity {

  private final RequestBody body;

  BodyEntity(RequestBody body) {
    super(body.contentType(), null, false);
    this.body = body;
  }

  @Override
  public long getContentLength() {
    return body.length();
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
    return body.content();
  }

  @Override
  public void writeTo(OutputStream out) throws IOException {
    body.writeTo(out);
  }

  @Override
  public void close() {}

  /**
   * Returns the Jersey provider that writes a body's content straight from its chunks. Jersey sends
   * an {@code HttpEntity} as the stream {@link #getContent()} returns; without this provider its
   * stream writer would copy it through a new 8 KB buffer on every call.
   *
   * @return the provider, to register on the client
   */
  static MessageBodyWriter<RequestBody.Content> writer() {
    return new ContentWriter();
  }

  /** Writes a {@link RequestBody.Content} with its {@code transferTo}: the chunks as they are. */
  private static final class ContentWriter implements MessageBodyWriter<RequestBody.Content> {
    @Override
    public boolean isWriteable(
        Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
      return RequestBody.Content.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(
        RequestBody.Content content,
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
}
