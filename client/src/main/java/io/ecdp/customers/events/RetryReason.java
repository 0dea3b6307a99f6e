package io.ecdp.customers.events;

/** Why an attempt follows a failed one. */
public enum RetryReason {
  /** The server answered 429 Too Many Requests. */
  RATE_LIMITED,
  /** The server answered 502, 503 or 504. */
  SERVER_ERROR,
  /** No answer came: the connection failed or the time of an attempt ran out. */
  TRANSPORT
}
