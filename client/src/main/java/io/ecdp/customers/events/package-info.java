/**
 * Events of the client's calls, for metrics and tracing: register a {@link
 * io.ecdp.customers.events.CallListener} on {@link
 * io.ecdp.customers.CustomersClient.Builder#addListener}, and it learns when each call starts, each
 * attempt starts and ends, and the call ends.
 *
 * <p>What a listener sees never holds the API key or a customer value: the method and the spec's
 * path template ({@code /customers/email/{email}}), the server's host and port, statuses, the
 * request id, counts, durations, sizes and exception classes. A listener that throws never breaks a
 * call. With no listener registered, the client creates no event at all.
 *
 * <p>Nothing here is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.ecdp.customers.events;

import org.jspecify.annotations.NullMarked;
