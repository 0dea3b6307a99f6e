package io.ecdp.customers.spring;

import java.net.URI;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Tells the auto-configured client where the Customers API is and which key it accepts. By default
 * these come from the {@code ecdp.customers.*} properties; a bean of this type replaces them, as
 * the test support's sandbox does, without touching the properties.
 */
public interface EcdpCustomersConnectionDetails extends ConnectionDetails {

  /**
   * Returns the API's base URI.
   *
   * @return the base URI
   */
  URI baseUri();

  /**
   * Returns the API key.
   *
   * @return the key, not blank
   */
  String apiKey();
}
