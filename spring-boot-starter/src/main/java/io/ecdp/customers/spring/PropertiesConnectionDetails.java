package io.ecdp.customers.spring;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Takes the address and key from the {@code ecdp.customers.*} properties, and refuses a missing or
 * blank key and plain http to a host that is not loopback with an {@link
 * EcdpCustomersPropertiesException}.
 */
final class PropertiesConnectionDetails implements EcdpCustomersConnectionDetails {

  private final EcdpCustomersProperties properties;

  PropertiesConnectionDetails(EcdpCustomersProperties properties) {
    this.properties = properties;
  }

  @Override
  public URI baseUri() {
    URI uri = properties.baseUri();
    String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
    String host = uri.getHost();
    if ((!scheme.equals("https") && !scheme.equals("http")) || host == null) {
      throw new EcdpCustomersPropertiesException(
          EcdpCustomersProperties.BASE_URI_PROPERTY,
          EcdpCustomersProperties.BASE_URI_PROPERTY + " is not an absolute http(s) URI: " + uri,
          "Set "
              + EcdpCustomersProperties.BASE_URI_PROPERTY
              + " (or the environment variable ECDP_CUSTOMERS_BASE_URI) to the API's https"
              + " address, or leave it unset for "
              + "https://api.ecdp.app.");
    }
    if (scheme.equals("http") && !isLoopback(host)) {
      throw new EcdpCustomersPropertiesException(
          EcdpCustomersProperties.BASE_URI_PROPERTY,
          EcdpCustomersProperties.BASE_URI_PROPERTY
              + " is plain http to "
              + host
              + ", which is not a loopback address: the API key and customers' data would travel"
              + " unencrypted.",
          "Use an https URI in "
              + EcdpCustomersProperties.BASE_URI_PROPERTY
              + " (or the environment variable ECDP_CUSTOMERS_BASE_URI). Plain http is accepted"
              + " only for localhost, 127.0.0.1 or ::1, such as a local sandbox.");
    }
    return uri;
  }

  @Override
  public String apiKey() {
    String key = properties.apiKey();
    if (key == null || key.isBlank()) {
      throw new EcdpCustomersPropertiesException(
          EcdpCustomersProperties.API_KEY_PROPERTY,
          "no API key: "
              + EcdpCustomersProperties.API_KEY_PROPERTY
              + (key == null ? " is not set." : " is blank."),
          "Set the environment variable "
              + EcdpCustomersProperties.API_KEY_ENVIRONMENT_VARIABLE
              + " (Spring Boot binds it to "
              + EcdpCustomersProperties.API_KEY_PROPERTY
              + "), or the property itself from a secret store. In tests, annotate the test with"
              + " @AutoConfigureEcdpSandbox (ecdp-customers-spring-boot-test) instead; to build"
              + " the client yourself, declare your own CustomersClient bean.");
    }
    return key;
  }

  /** Whether the host is loopback by its name or literal address; never looks a name up. */
  static boolean isLoopback(String host) {
    String h =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (h.equalsIgnoreCase("localhost")) {
      return true;
    }
    boolean literal = h.contains(":") || h.matches("[0-9.]+");
    if (!literal) {
      return false;
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "PropertiesConnectionDetails{baseUri=" + properties.baseUri() + ", apiKey=***}";
  }
}
