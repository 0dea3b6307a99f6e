/**
 * The sink's machinery: record conversion, batching by customer lanes, offset tracking. Not an API:
 * anything here may change in any release.
 *
 * <p>Nothing here is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.ecdp.customers.kafka.connect.internal;

import org.jspecify.annotations.NullMarked;
