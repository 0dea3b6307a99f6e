/**
 * A Kafka Connect sink connector that adds or updates ExpertSender CDP customers from Kafka topics
 * through the Customers API: {@link io.ecdp.customers.kafka.connect.EcdpCustomersSinkConnector},
 * its task {@link io.ecdp.customers.kafka.connect.EcdpCustomersSinkTask} and its settings {@link
 * io.ecdp.customers.kafka.connect.EcdpCustomersSinkConfig}.
 *
 * <p>Nothing here is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.ecdp.customers.kafka.connect;

import org.jspecify.annotations.NullMarked;
