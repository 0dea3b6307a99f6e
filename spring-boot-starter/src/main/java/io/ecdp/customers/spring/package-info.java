/**
 * Spring Boot auto-configuration of the Customers client: {@link
 * io.ecdp.customers.spring.EcdpCustomersAutoConfiguration} makes a {@link
 * io.ecdp.customers.CustomersClient} bean from the {@code ecdp.customers.*} properties ({@link
 * io.ecdp.customers.spring.EcdpCustomersProperties}) or from an {@link
 * io.ecdp.customers.spring.EcdpCustomersConnectionDetails} bean, fails startup with a readable
 * message when the key is missing or the address insecure, keeps the key out of the actuator's
 * endpoints and of HttpClient's debug logs, and observes the calls through Micrometer when an
 * {@code ObservationRegistry} is present.
 *
 * <p>Nothing here is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.ecdp.customers.spring;

import org.jspecify.annotations.NullMarked;
