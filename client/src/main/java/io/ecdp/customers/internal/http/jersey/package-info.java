/**
 * The one {@link io.ecdp.customers.internal.http.Transport}: Jersey Client on Apache HttpClient 5,
 * and the classes that keep HttpClient from logging the key, retrying on its own, loading TLS
 * before it is needed, or reading a body nobody wants to its end.
 */
@NullMarked
package io.ecdp.customers.internal.http.jersey;

import org.jspecify.annotations.NullMarked;
