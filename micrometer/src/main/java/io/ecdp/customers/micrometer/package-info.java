/**
 * Observes the Customers client's calls with the Micrometer Observation API, so that an
 * application's existing bridges (Micrometer's meters, Micrometer Tracing) time them and trace
 * them: {@code CustomersClient.builder().addListener(EcdpObservations.listener(registry))}.
 *
 * <p>Each call is an observation named {@code ecdp.customers.calls}, started on the thread that
 * makes the call (so it is a child of that thread's current observation) and stopped when the call
 * ends; each attempt of it is a child observation named {@code ecdp.customers.attempts}, whose
 * context is a {@link io.micrometer.observation.transport.RequestReplySenderContext} over the
 * attempt's headers, so that a tracing bridge injects its context ({@code traceparent}) into each
 * attempt sent. The keys are documented by {@link
 * io.ecdp.customers.micrometer.EcdpCustomersObservationDocumentation}; none holds the API key or a
 * customer value.
 *
 * <p>Nothing here is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.ecdp.customers.micrometer;

import org.jspecify.annotations.NullMarked;
