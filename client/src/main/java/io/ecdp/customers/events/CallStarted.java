package io.ecdp.customers.events;

import java.util.OptionalInt;

/**
 * A call as it starts: which operation, on which server. Made by the client; not for
 * implementation.
 */
public interface CallStarted {

  /**
   * Returns the HTTP method.
   *
   * @return the method, such as {@code GET}
   */
  String method();

  /**
   * Returns the spec's path of the operation, with its placeholders, never a value: OpenTelemetry's
   * {@code url.template}.
   *
   * @return the template, such as {@code /customers/email/{email}}
   */
  String urlTemplate();

  /**
   * Returns the host of the client's base URI.
   *
   * @return the host name or address literal, such as {@code api.ecdp.app}
   */
  String serverAddress();

  /**
   * Returns the port of the client's base URI, the scheme's default when it names none.
   *
   * @return the port, such as 443
   */
  int serverPort();

  /**
   * Returns how many records an upsert sends.
   *
   * @return the count for {@code POST /customers}; empty for other calls
   */
  OptionalInt recordCount();
}
