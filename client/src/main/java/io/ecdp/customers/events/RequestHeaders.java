package io.ecdp.customers.events;

/**
 * The headers an observer may add to one attempt, such as the W3C {@code traceparent}.
 *
 * <p>It cannot replace the headers the client owns ({@code x-api-key}, {@code Authorization},
 * {@code Accept}, {@code Content-Type}, {@code Content-Length}, {@code Host}, {@code User-Agent}),
 * nor read any header.
 */
public interface RequestHeaders {

  /**
   * Sets a header of this attempt, replacing what an observer set before under that name.
   *
   * @param name the header's name, an HTTP token
   * @param value its value, printable US-ASCII without line breaks
   * @throws IllegalArgumentException if the client owns the header, or the name or value is not
   *     valid
   */
  void set(String name, String value);
}
