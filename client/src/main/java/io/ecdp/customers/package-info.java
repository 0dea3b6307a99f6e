/**
 * The client of the ExpertSender CDP Customers API: {@link io.ecdp.customers.CustomersClient} and
 * its builder, the operations ({@link io.ecdp.customers.Customers}, {@link
 * io.ecdp.customers.AsyncCustomers}), the key of a customer, per-call options and the answers.
 *
 * <p>Nothing here is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.ecdp.customers;

import org.jspecify.annotations.NullMarked;
