package io.ecdp.customers.internal.http;

import java.time.Duration;

/**
 * Sends one HTTP request and returns what came back: the client's only boundary with an HTTP
 * library. A request goes in; a status, headers and a body read up to a limit come out.
 *
 * <p>An implementation is thread-safe, never retries, never logs headers or bodies, and holds the
 * call to the time it is given: connecting, waiting and reading the body included.
 */
public interface Transport extends AutoCloseable {

  /**
   * Sends the request once.
   *
   * @param request the request
   * @param timeLeft how long the exchange may take, body included; positive
   * @return the response, whose body was read up to the request's limit (a body that could not be
   *     read whole says why in {@link HttpResponse#bodyFailure()})
   * @throws TransportFailure if no response arrived
   */
  HttpResponse send(HttpRequest request, Duration timeLeft) throws TransportFailure;

  /** Closes the connections. Idempotent. */
  @Override
  void close();
}
