package io.ecdp.customers.events;

import io.ecdp.customers.errors.EcdpException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** An attempt of a call as it ends. Made by the client; not for implementation. */
public interface AttemptEnded {

  /**
   * Returns the attempt's number.
   *
   * @return 1 for the first attempt, 2 for the first retry, and so on
   */
  int attempt();

  /**
   * Returns the status the server answered.
   *
   * @return the HTTP status; empty when no answer came
   */
  OptionalInt status();

  /**
   * Returns the request id of the answer, its personal data and the key masked.
   *
   * @return the {@code x-request-id} the server sent; empty when it sent none
   */
  Optional<String> requestId();

  /**
   * Returns how long the attempt took, from sending it to reading the answer.
   *
   * @return the duration
   */
  Duration duration();

  /**
   * Returns the size of the request body.
   *
   * @return bytes; 0 without a body
   */
  long bytesSent();

  /**
   * Returns the size of the response body read.
   *
   * @return bytes; 0 without a body or an answer
   */
  long bytesReceived();

  /**
   * Returns how the attempt failed.
   *
   * @return the exception's class; empty when the attempt had an answer the caller gets
   */
  Optional<Class<? extends EcdpException>> failure();

  /**
   * Returns whether another attempt follows.
   *
   * @return true when the client retries
   */
  boolean willRetry();
}
