/**
 * Sends customer records to the API in batches, as the {@code ecdp} command's import and the Kafka
 * Connect sink both do: {@link io.ecdp.customers.imports.BatchSender} delivers one batch until each
 * record is stored or refused (a refused batch is taken apart, a 429 slows every batch down and the
 * part is sent again), {@link io.ecdp.customers.imports.Throttle} adapts the concurrency and the
 * pace to what the service allows, and {@link io.ecdp.customers.imports.OrderedLanes} runs batches
 * on a pool of workers, keeping the changes of one customer in order.
 *
 * <p>Nothing here is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.ecdp.customers.imports;

import org.jspecify.annotations.NullMarked;
