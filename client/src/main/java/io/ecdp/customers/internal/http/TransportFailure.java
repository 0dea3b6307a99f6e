package io.ecdp.customers.internal.http;

import org.jspecify.annotations.Nullable;

/** No response arrived: the transport says why, and whether the request may have been sent. */
public final class TransportFailure extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why no response arrived. */
  public enum Kind {
    /** No connection could be made (refused, unknown host, no route, TLS handshake failed). */
    CONNECT,
    /** Connecting took longer than allowed. */
    CONNECT_TIMEOUT,
    /** The response took longer than allowed. */
    RESPONSE_TIMEOUT,
    /** The connection failed after it was made. */
    BROKEN
  }

  private final Kind kind;
  private final boolean requestSent;

  /**
   * Creates the failure.
   *
   * @param kind why no response arrived
   * @param words what happened, in words without customer data, e.g. {@code connection refused}
   * @param requestSent whether the request may have reached the server
   * @param cause the library's exception, or null
   */
  public TransportFailure(Kind kind, String words, boolean requestSent, @Nullable Throwable cause) {
    super(words, cause);
    this.kind = kind;
    this.requestSent = requestSent;
  }

  /**
   * Returns why no response arrived.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * Returns whether the request may have reached the server.
   *
   * @return true unless it certainly did not
   */
  public boolean requestSent() {
    return requestSent;
  }
}
