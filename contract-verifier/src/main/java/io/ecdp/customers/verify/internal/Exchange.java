package io.ecdp.customers.verify.internal;

import java.util.List;
import java.util.Map;

/**
 * One request a verification sent to the service and what came back, the API key replaced wherever
 * it appeared.
 *
 * @param step the pact interaction or probe it was sent for
 * @param method the HTTP method
 * @param path the path as sent, percent-encoded
 * @param query the raw query, or null
 * @param requestBody the request body (UTF-8), or empty
 * @param status the answer's status, or -1 when nothing answered
 * @param headers the answer's headers, names in lower case
 * @param body the answer's body (UTF-8), or empty
 * @param offSpec whether the request deliberately leaves the spec (a probe of an ambiguity), so
 *     that its answer is evidence, not drift
 * @param failure why nothing answered, or null
 */
public record Exchange(
    String step,
    String method,
    String path,
    String query,
    String requestBody,
    int status,
    Map<String, List<String>> headers,
    String body,
    boolean offSpec,
    String failure) {

  /** Returns the first value of the header (name in lower case), or null. */
  public String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
