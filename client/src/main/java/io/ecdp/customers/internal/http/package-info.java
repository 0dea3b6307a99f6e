/**
 * The client's boundary with an HTTP library: {@link io.ecdp.customers.internal.http.Transport} and
 * the types it sends and returns; {@code jersey} holds the one implementation.
 */
@NullMarked
package io.ecdp.customers.internal.http;

import org.jspecify.annotations.NullMarked;
