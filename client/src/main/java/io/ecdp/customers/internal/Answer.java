package io.ecdp.customers.internal;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a call returned when it did not fail: the success body, or none found.
 *
 * @param body the success body; null for {@link Void} or when nothing was found
 * @param found false when the server answered that it has no such customer (a 404 with a problem
 *     document, for a call that expects one)
 * @param status the HTTP status
 * @param headers the response headers, lower-case names
 * @param requestId the request id, or null
 * @param <T> the type of the body
 */
public record Answer<T>(
    @Nullable T body,
    boolean found,
    int status,
    Map<String, String> headers,
    @Nullable String requestId) {}
