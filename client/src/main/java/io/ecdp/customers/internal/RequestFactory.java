package io.ecdp.customers.internal;

import io.ecdp.customers.internal.http.HttpRequest;
import io.ecdp.customers.internal.http.RequestBody;
import jakarta.json.stream.JsonGenerator;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Makes the HTTP request of a call: its headers (the client's, the call's, then the key, {@code
 * Accept} and {@code User-Agent}, which neither can replace) and its body, serialized once by the
 * body's generated writer for every attempt.
 */
public final class RequestFactory {

  private final String apiKey;
  private final String userAgent;
  private final Map<String, String> headers;
  private final Map<Class<?>, BiConsumer<Object, JsonGenerator>> writers;

  /**
   * Creates the factory.
   *
   * @param apiKey the API key
   * @param userAgent the whole {@code User-Agent} value
   * @param headers the headers sent with every call
   * @param writers the generated writers of request bodies, by the body's class
   */
  public RequestFactory(
      String apiKey,
      String userAgent,
      Map<String, String> headers,
      Map<Class<?>, BiConsumer<Object, JsonGenerator>> writers) {
    this.apiKey = apiKey;
    this.userAgent = userAgent;
    this.headers = Map.copyOf(headers);
    this.writers = Map.copyOf(writers);
  }

  /**
   * Returns the request of a call.
   *
   * @param call the call
   * @param callHeaders the call's own headers
   * @return the request
   * @throws IllegalStateException if the body's type has no generated writer
   */
  public HttpRequest request(ApiCall<?> call, Map<String, String> callHeaders) {
    // Header names ignore case (RFC 9110): a call's header replaces the client's of any spelling.
    Map<String, String> sent = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    sent.putAll(headers);
    sent.putAll(callHeaders);
    sent.put("Accept", call.accept());
    sent.put("x-api-key", apiKey);
    sent.put("User-Agent", userAgent);
    Object value = call.body();
    RequestBody body = null;
    if (value != null) {
      BiConsumer<Object, JsonGenerator> writer = writers.get(value.getClass());
      if (writer == null) {
        throw new IllegalStateException("no writer of " + value.getClass().getName());
      }
      body = RequestBody.of(JsonFactories.GENERATORS, writer, value, call.contentType());
    }
    return new HttpRequest(
        call.method(),
        call.path(),
        call.query(),
        sent,
        body,
        call.responseType() == Void.class
            ? ResponseMapper.MAX_ERROR_BODY
            : JsonFactories.MAX_DOCUMENT,
        ResponseMapper.MAX_ERROR_BODY);
  }
}
