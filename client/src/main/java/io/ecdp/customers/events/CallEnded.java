package io.ecdp.customers.events;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** A call as it ends. Made by the client; not for implementation. */
public interface CallEnded {

  /**
   * Returns the status of the last answer.
   *
   * @return the HTTP status; empty when no answer came
   */
  OptionalInt status();

  /**
   * Returns the request id of the last answer, its personal data and the key masked.
   *
   * @return the {@code x-request-id} the server sent; empty when it sent none
   */
  Optional<String> requestId();

  /**
   * Returns how many attempts were made.
   *
   * @return at least 1, unless the call's time ran out before its first attempt
   */
  int attempts();

  /**
   * Returns how long the call took, waits between attempts included.
   *
   * @return the duration
   */
  Duration duration();

  /**
   * Returns the bytes of request bodies sent, over all attempts.
   *
   * @return bytes
   */
  long bytesSent();

  /**
   * Returns the bytes of response bodies read, over all attempts.
   *
   * @return bytes
   */
  long bytesReceived();

  /**
   * Returns how many records an upsert sent.
   *
   * @return the count for {@code POST /customers}; empty for other calls
   */
  OptionalInt recordCount();

  /**
   * Returns why the call failed.
   *
   * @return the class of the exception the caller gets: an {@link
   *     io.ecdp.customers.errors.EcdpException}, or {@link IllegalStateException} when the client
   *     was closed before a queued call ran; empty when it succeeded (a 404 that means "no such
   *     customer" is an answer, not a failure)
   */
  Optional<Class<? extends RuntimeException>> failure();
}
