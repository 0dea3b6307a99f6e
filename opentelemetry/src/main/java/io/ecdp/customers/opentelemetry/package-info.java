/**
 * OpenTelemetry tracing and metrics of the Customers client's calls: {@link
 * io.ecdp.customers.opentelemetry.EcdpOpenTelemetry#create} returns a {@link
 * io.ecdp.customers.events.CallListener} to add on {@link
 * io.ecdp.customers.CustomersClient.Builder#addListener}.
 *
 * <p>Nothing here is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.ecdp.customers.opentelemetry;

import org.jspecify.annotations.NullMarked;
