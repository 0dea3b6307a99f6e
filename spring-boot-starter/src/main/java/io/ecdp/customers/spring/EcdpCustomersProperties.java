package io.ecdp.customers.spring;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Holds the {@code ecdp.customers.*} properties the auto-configured client is built from. Every
 * property has the client builder's default; only the API key is required.
 *
 * @param apiKey The account's API key, sent in the x-api-key header. Required: set it from the
 *     environment variable ECDP_CUSTOMERS_API_KEY or a secret store, never in a file under version
 *     control. It never appears in the actuator's endpoints or in a log.
 * @param baseUri The API's address: https, or plain http to a loopback host only (a local sandbox).
 * @param connectTimeout How long connecting to the API may take.
 * @param readTimeout How long the client waits for each read of a response.
 * @param callTimeout How long a whole call may take, retries and the waits between them included.
 * @param retry How failed calls are retried.
 * @param maxConnections How many connections the client keeps open to the API: the most calls in
 *     flight at once; more wait for a free connection.
 * @param proxy An HTTP proxy every call goes through, such as http://proxy.internal:3128. None when
 *     unset; the JDK's proxy properties are not read.
 * @param userAgent A product token sent before the client's own in the User-Agent header, such as
 *     billing-service/2.3.
 * @param headers Extra headers sent with every call, by name. The client's own (x-api-key, Accept,
 *     Content-Type, User-Agent) cannot be replaced.
 */
@ConfigurationProperties(EcdpCustomersProperties.PREFIX)
public record EcdpCustomersProperties(
    @Nullable String apiKey,
    @DefaultValue("https://api.ecdp.app") URI baseUri,
    @DefaultValue("10s") Duration connectTimeout,
    @DefaultValue("30s") Duration readTimeout,
    @DefaultValue("60s") Duration callTimeout,
    @DefaultValue Retry retry,
    @DefaultValue("64") int maxConnections,
    @Nullable URI proxy,
    @Nullable String userAgent,
    @Nullable Map<String, String> headers) {

  /** The prefix of every property. */
  public static final String PREFIX = "ecdp.customers";

  /** The property that holds the API key. */
  public static final String API_KEY_PROPERTY = PREFIX + ".api-key";

  /** The environment variable Spring Boot binds to {@link #API_KEY_PROPERTY}. */
  public static final String API_KEY_ENVIRONMENT_VARIABLE = "ECDP_CUSTOMERS_API_KEY";

  /** The property that holds the base URI. */
  public static final String BASE_URI_PROPERTY = PREFIX + ".base-uri";

  // The headers: none when unset.
  public EcdpCustomersProperties {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  /**
   * Returns the extra headers, never null.
   *
   * @return the headers by name
   */
  @Override
  public Map<String, String> headers() {
    Map<String, String> h = headers;
    return h == null ? Map.of() : h;
  }

  /** Describes the properties; never shows the API key. */
  @Override
  public String toString() {
    return "EcdpCustomersProperties{apiKey="
        + (apiKey == null ? "unset" : "***")
        + ", baseUri="
        + baseUri
        + ", connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + ", callTimeout="
        + callTimeout
        + ", retry="
        + retry
        + ", maxConnections="
        + maxConnections
        + ", proxy="
        + proxy
        + ", userAgent="
        + userAgent
        + ", headers="
        + headers().keySet()
        + "}";
  }

  /**
   * Holds the {@code ecdp.customers.retry.*} properties: how often and how patiently a failed call
   * is retried. What is retried never changes (see the client's {@code RetryPolicy}).
   *
   * @param maxAttempts The most attempts of one call, the first included; 1 switches retries off.
   * @param initialBackoff The wait before the first retry; it doubles for each further one, with
   *     jitter.
   * @param maxBackoff The longest wait between two attempts.
   */
  public record Retry(
      @DefaultValue("3") int maxAttempts,
      @DefaultValue("200ms") Duration initialBackoff,
      @DefaultValue("5s") Duration maxBackoff) {}
}
